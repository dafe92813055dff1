// PP-OCR's detection and recognition, with Tesseract re-reading a line crop where PP-OCR cannot be right:
// on pages that read as French, Tesseract's reading gives back the accented letters and € PP-OCR lacks, the
// word breaks it leaves out next to punctuation, and whole lines of small print it misreads (the rules:
// fusion_page.h). (Replacing lines PP-OCR reads with low confidence on any page was measured and dropped:
// docs/ocr.md.)
#pragma once

#include <memory>

#include "ocr/engine.h"
#include "ocr/orientation.h"
#include "ocr/ppocr/pipeline.h"
#include "ocr/tesseract_line_reader.h"

namespace textra::ocr {

class FusionEngine : public Engine {
 public:
  static Result<std::unique_ptr<FusionEngine>> create(const EngineOptions& options,
                                                      const ppocr::PipelineOptions& pipeline = {});

  Result<doc::Page> recognize(const imaging::Image& image, int page_index) override;
  Result<int> upright_rotation(const imaging::Image& image) override;

 private:
  FusionEngine(const EngineOptions& options, ppocr::Pipeline pipeline, std::unique_ptr<TesseractLineReader> reader)
      : pipeline_(std::move(pipeline)), reader_(std::move(reader)), orientation_(options.tessdata_dir) {}

  ppocr::Pipeline pipeline_;
  std::unique_ptr<TesseractLineReader> reader_;
  OrientationDetector orientation_;
};

}  // namespace textra::ocr
