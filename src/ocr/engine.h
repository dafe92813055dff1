// One Tesseract 5 LSTM engine: a page image in, a doc::Page (lines of words with boxes and confidences) out.
// An Engine is not thread-safe: use one per thread, which EnginePool (engine_pool.h) hands out.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "doc/document.h"
#include "imaging/image.h"

namespace tesseract {
class TessBaseAPI;
}

namespace textra::ocr {

struct EngineOptions {
  std::string languages = "fra+eng";  // Tesseract language codes joined by '+'
  int psm = 3;                        // page segmentation mode, as `tesseract --psm` (3 = automatic)
  std::string tessdata_dir;           // "" = $TESSDATA_PREFIX or Tesseract's built-in path
};

// Checks the options without loading anything (psm range, language code characters).
Status validate(const EngineOptions& options);

class Engine {
 public:
  // Loads the language models; fails with a message naming the languages and the tessdata folder.
  static Result<std::unique_ptr<Engine>> create(const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const EngineOptions& options() const { return options_; }

  // Recognises one page. The page has the image's size and dpi, source kOcr, words with boxes in image
  // pixels and confidences in 0..1, lines in Tesseract's reading order (block by block, each block's
  // lines top to bottom). That order follows skewed and curved lines, which sorting boxes by rows does
  // not: rows made CER on SROIE worse (docs/ocr.md), and the layout text re-aligns columns by position.
  Result<doc::Page> recognize(const imaging::Image& image, int page_index);

  // The clockwise rotation in degrees (0, 90, 180 or 270) that makes the page upright: Leptonica's quick
  // test must find the page turned and Tesseract OSD (the `osd` language) confirm it confidently;
  // otherwise 0.
  Result<int> upright_rotation(const imaging::Image& image);

 private:
  explicit Engine(EngineOptions options);
  Status load_osd();

  EngineOptions options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;  // loaded on first upright_rotation()
};

}  // namespace textra::ocr
