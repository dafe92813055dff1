// PP-OCR behind the Engine interface (engine.h): the pipeline of ppocr/pipeline.h on the page, its segments
// grouped into lines in reading order (ppocr/reading_order.h). Pages are turned upright like the Tesseract
// engine's (orientation.h), so the engine still needs Tesseract's `osd` data for turned pages.
#pragma once

#include <memory>

#include "ocr/engine.h"
#include "ocr/orientation.h"
#include "ocr/ppocr/pipeline.h"

namespace textra::ocr {

class PpocrEngine : public Engine {
 public:
  // Loads (or reuses, once per process) the networks from options.ppocr_dir or the models folder.
  static Result<std::unique_ptr<PpocrEngine>> create(const EngineOptions& options,
                                                     const ppocr::PipelineOptions& pipeline = {});

  Result<doc::Page> recognize(const imaging::Image& image, int page_index) override;
  Result<int> upright_rotation(const imaging::Image& image) override;

 private:
  PpocrEngine(const EngineOptions& options, ppocr::Pipeline pipeline)
      : pipeline_(std::move(pipeline)), orientation_(options.tessdata_dir) {}

  ppocr::Pipeline pipeline_;
  OrientationDetector orientation_;
};

}  // namespace textra::ocr
