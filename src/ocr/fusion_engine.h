// PP-OCR's detection and recognition, with Tesseract re-reading a line crop where PP-OCR cannot be right
// (fusion_rules.h): on pages that read as French, lines that may hold accented letters or € get those letters
// from Tesseract's reading, aligned character by character; PP-OCR keeps its words, boxes and other
// characters. (Replacing lines PP-OCR reads with low confidence by Tesseract's reading was measured and
// dropped: docs/ocr.md.)
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
  Status restore_letters(ppocr::ReadLine& line);

  ppocr::Pipeline pipeline_;
  std::unique_ptr<TesseractLineReader> reader_;
  OrientationDetector orientation_;
};

}  // namespace textra::ocr
