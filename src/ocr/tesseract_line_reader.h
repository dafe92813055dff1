// Tesseract reading one text-line crop (page segmentation mode 7, "a single text line"): the fusion engine's
// second opinion on a line PP-OCR detected. Not thread-safe: one per engine.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "ocr/engine.h"
#include "ocr/ppocr/image.h"

namespace tesseract {
class TessBaseAPI;
}

namespace textra::ocr {

class TesseractLineReader {
 public:
  // Checks the options (errors as the Tesseract engine's). options.languages are loaded on the first read:
  // the fusion engine reads lines again only on French pages, and loading fra+eng costs about as much CPU as
  // recognising a receipt's lines.
  static Result<std::unique_ptr<TesseractLineReader>> create(const EngineOptions& options);
  ~TesseractLineReader();

  // The words of the line, boxes in crop pixels, confidences 0..1, left to right.
  Result<std::vector<doc::Word>> read(const ppocr::FloatImage& crop);

 private:
  TesseractLineReader() = default;
  Status load();  // the languages, once

  EngineOptions options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace textra::ocr
