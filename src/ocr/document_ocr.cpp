#include "ocr/document_ocr.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>

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
  if (spec == "auto") return PagePreparation::automatic();
  std::string imaging_steps;
  for (std::string_view step : split_commas(spec)) {
    if (step == "orient") {
      preparation.orientation = true;
    } else {
      imaging_steps += (imaging_steps.empty() ? "" : ",") + std::string(step);
    }
  }
  if (imaging_steps.empty()) return preparation;
  auto steps = imaging::parse_preprocess(imaging_steps);
  if (!steps.is_ok()) return invalid_argument(steps.status().message() + "; orient is also a step");
  preparation.steps = *steps;
  return preparation;
}

std::string to_string(const PagePreparation& preparation) {
  std::string steps = imaging::to_string(preparation.steps);
  if (steps == "auto" && preparation.orientation) return "auto";
  if (!preparation.orientation) return steps;
  return steps == "none" ? "orient" : "orient," + steps;
}

namespace {

// Boxes found on an upscaled page, back in the pixels of the page (width x height) before upscaling.
void scale_boxes(doc::Page& page, float scale, int width, int height) {
  auto unscale = [=](doc::Box& box) {
    box = {static_cast<int>(box.x0 / scale), static_cast<int>(box.y0 / scale),
           std::min(width, static_cast<int>(std::ceil(box.x1 / scale))),
           std::min(height, static_cast<int>(std::ceil(box.y1 / scale)))};
  };
  for (doc::Line& line : page.lines) {
    unscale(line.box);
    for (doc::Word& word : line.words) unscale(word.box);
  }
}

}  // namespace

Result<doc::Page> ocr_page(ingest::PageInput input, EnginePool& engines, const OcrOptions& options) {
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
  TEXTRA_ASSIGN_OR_RETURN(EnginePool::Lease engine, engines.acquire());
  int rotation = 0;
  if (options.preparation.orientation) {
    TEXTRA_ASSIGN_OR_RETURN(rotation, engine->upright_rotation(image));
    if (rotation != 0) {
      image = imaging::Image::adopt(pixRotateOrth(image.pix(), rotation / 90));
      if (image.empty()) return internal_error("page " + std::to_string(input.index + 1) + ": rotation failed");
    }
  }
  imaging::PreprocessReport report;
  TEXTRA_ASSIGN_OR_RETURN(imaging::Image prepared, imaging::preprocess(image, options.preparation.steps, &report));
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, engine->recognize(prepared, input.index));
  if (report.scale != 1.0f) scale_boxes(page, report.scale, image.width(), image.height());
  page.width = image.width();
  page.height = image.height();
  page.dpi = image.dpi();
  page.rotation = rotation;
  return page;
}

Result<doc::Document> ocr_document(const ingest::Source& source, EnginePool& engines, const OcrOptions& options) {
  doc::Document document;
  document.file = source.file();
  document.type = source.mime();
  for (int i = 0; i < source.page_count(); ++i) {
    TEXTRA_ASSIGN_OR_RETURN(ingest::PageInput input, source.page(i));  // names the file already
    auto page = ocr_page(std::move(input), engines, options);
    if (!page.is_ok()) return page.status().with_context(document.file);
    document.pages.push_back(std::move(page).value());
  }
  return document;
}

}  // namespace textra::ocr
