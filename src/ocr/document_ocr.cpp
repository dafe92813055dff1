#include "ocr/document_ocr.h"

#include <leptonica/allheaders.h>

namespace textra::ocr {
namespace {

std::vector<std::string_view> split_commas(std::string_view spec) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t comma = spec.find(',');
    parts.push_back(spec.substr(0, comma));
    if (comma == std::string_view::npos) return parts;
    spec.remove_prefix(comma + 1);
  }
}

}  // namespace

Result<PagePreparation> parse_preparation(std::string_view spec) {
  PagePreparation preparation;
  if (spec == "none") return preparation;
  if (spec == "auto") {
    preparation.orientation = true;
    return preparation;
  }
  for (std::string_view step : split_commas(spec)) {
    if (step == "orient") {
      preparation.orientation = true;
    } else {
      return invalid_argument("unknown preprocessing step '" + std::string(step) +
                              "' (expected auto, none, or a comma-separated list of: orient)");
    }
  }
  return preparation;
}

std::string to_string(const PagePreparation& preparation) {
  return preparation.orientation ? "orient" : "none";
}

Result<doc::Page> ocr_page(ingest::PageInput input, Engine& engine, const OcrOptions& options) {
  if (input.text_page) {
    doc::Page page = std::move(*input.text_page);
    page.index = input.index;
    return page;
  }
  imaging::Image image = std::move(input.image);
  if (image.empty()) return invalid_argument("page " + std::to_string(input.index + 1) + ": no image");
  if (options.assumed_dpi > 0 && image.dpi() == 0) {
    pixSetResolution(image.pix(), options.assumed_dpi, options.assumed_dpi);
  }
  int rotation = 0;
  if (options.preparation.orientation) {
    TEXTRA_ASSIGN_OR_RETURN(rotation, engine.upright_rotation(image));
    if (rotation != 0) {
      image = imaging::Image::adopt(pixRotateOrth(image.pix(), rotation / 90));
      if (image.empty()) return internal_error("page " + std::to_string(input.index + 1) + ": rotation failed");
    }
  }
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, engine.recognize(image, input.index));
  page.rotation = rotation;
  return page;
}

Result<doc::Document> ocr_document(const ingest::Source& source, EnginePool& engines, const OcrOptions& options) {
  doc::Document document;
  document.file = source.file();
  document.type = source.mime();
  TEXTRA_ASSIGN_OR_RETURN(EnginePool::Lease engine, engines.acquire());
  for (int i = 0; i < source.page_count(); ++i) {
    TEXTRA_ASSIGN_OR_RETURN(ingest::PageInput input, source.page(i));  // names the file already
    auto page = ocr_page(std::move(input), *engine, options);
    if (!page.is_ok()) return page.status().with_context(document.file);
    document.pages.push_back(std::move(page).value());
  }
  return document;
}

}  // namespace textra::ocr
