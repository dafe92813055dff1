// The Tesseract 5 LSTM engine behind the Engine interface (engine.h).
#pragma once

#include <memory>

#include "ocr/engine.h"
#include "ocr/orientation.h"

namespace tesseract {
class TessBaseAPI;
}

namespace textra::ocr {

class TesseractEngine : public Engine {
 public:
  // Loads the language models; fails with a message naming the languages and the tessdata folder.
  static Result<std::unique_ptr<TesseractEngine>> create(const EngineOptions& options);
  ~TesseractEngine() override;

  // Lines in Tesseract's reading order (block by block, each block's lines top to bottom). That order
  // follows skewed and curved lines, which sorting boxes by rows does not: rows made CER on SROIE worse
  // (docs/ocr.md), and the layout text re-aligns columns by position.
  Result<doc::Page> recognize(const imaging::Image& image, int page_index) override;
  Result<int> upright_rotation(const imaging::Image& image) override;

 private:
  explicit TesseractEngine(const EngineOptions& options);

  std::unique_ptr<tesseract::TessBaseAPI> api_;
  OrientationDetector orientation_;
};

}  // namespace textra::ocr
