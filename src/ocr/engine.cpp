#include "ocr/engine.h"

#include "ocr/fusion_engine.h"
#include "ocr/ppocr/networks.h"
#include "ocr/ppocr_engine.h"
#include "ocr/tesseract_engine.h"

namespace textra::ocr {

Result<EngineKind> parse_engine_kind(std::string_view name) {
  for (EngineKind kind : {EngineKind::kTesseract, EngineKind::kPpocr, EngineKind::kFusion}) {
    if (name == engine_kind_name(kind)) return kind;
  }
  return invalid_argument("OCR engine '" + std::string(name) + "': use tesseract, ppocr or fusion");
}

const char* engine_kind_name(EngineKind kind) {
  switch (kind) {
    case EngineKind::kTesseract: return "tesseract";
    case EngineKind::kPpocr: return "ppocr";
    case EngineKind::kFusion: return "fusion";
  }
  return "tesseract";
}

EngineKind default_engine_kind() {
  static const EngineKind kind = ppocr::networks_installed() ? EngineKind::kFusion : EngineKind::kTesseract;
  return kind;
}

Status validate(const EngineOptions& options) {
  // 0 (OSD only) and 2 (layout without OCR) produce no text; 1..13 otherwise as in `tesseract --help-psm`.
  if (options.psm < 1 || options.psm > 13 || options.psm == 2) {
    return invalid_argument("page segmentation mode " + std::to_string(options.psm) +
                            ": use 1 or 3..13 (see `tesseract --help-psm`)");
  }
  if (options.languages.empty()) return invalid_argument("no OCR language given (e.g. fra+eng)");
  for (char c : options.languages) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '+' || c == '-';
    if (!ok) return invalid_argument("OCR languages '" + options.languages + "': expected codes like fra+eng");
  }
  return Status::ok();
}

Result<doc::Page> empty_ocr_page(const imaging::Image& image, int page_index) {
  if (image.empty() || image.width() <= 0 || image.height() <= 0) {
    return invalid_argument("page " + std::to_string(page_index + 1) + ": empty image");
  }
  doc::Page page;
  page.index = page_index;
  page.width = image.width();
  page.height = image.height();
  page.dpi = image.dpi();
  page.source = doc::PageSource::kOcr;
  return page;
}

Result<std::unique_ptr<Engine>> Engine::create(const EngineOptions& options) {
  switch (options.kind) {
    case EngineKind::kTesseract: {
      TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<TesseractEngine> engine, TesseractEngine::create(options));
      return std::unique_ptr<Engine>(std::move(engine));
    }
    case EngineKind::kPpocr: {
      TEXTRA_RETURN_IF_ERROR(validate(options));  // its orientation detection runs Tesseract OSD
      TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<PpocrEngine> engine, PpocrEngine::create(options));
      return std::unique_ptr<Engine>(std::move(engine));
    }
    case EngineKind::kFusion: {
      TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<FusionEngine> engine, FusionEngine::create(options));
      return std::unique_ptr<Engine>(std::move(engine));
    }
  }
  return invalid_argument("unknown OCR engine");
}

}  // namespace textra::ocr
