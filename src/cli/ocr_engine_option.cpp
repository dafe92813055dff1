#include "cli/ocr_engine_option.h"

namespace textra::cli {

CLI::Option* add_ocr_engine_option(CLI::App* command, ocr::EngineKind* kind) {
  return command
      ->add_option_function<std::string>(
          "--ocr-engine",
          [kind](const std::string& name) {
            auto parsed = ocr::parse_engine_kind(name);  // the IsMember check below has run: it parses
            if (parsed.is_ok()) *kind = *parsed;
          },
          "OCR engine: tesseract, ppocr (PP-OCRv4 networks) or fusion (PP-OCR, with Tesseract restoring the\n"
          "letters PP-OCR cannot read on French pages: accents, €); see docs/ocr.md")
      ->check(CLI::IsMember({"tesseract", "ppocr", "fusion"}))
      ->default_str(ocr::engine_kind_name(*kind));
}

}  // namespace textra::cli
