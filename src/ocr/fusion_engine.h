// PP-OCR's detection and recognition, with Tesseract re-reading a line crop where PP-OCR cannot be right
// (fusion_rules.h): on pages that read as French, lines that may hold accented letters or € get those letters
// from Tesseract's reading; lines PP-OCR reads with low confidence are replaced by Tesseract's reading when
// Tesseract is more confident. Words keep PP-OCR's boxes unless Tesseract's reading replaced the line.
#pragma once

#include <memory>

#include "ocr/engine.h"
#include "ocr/orientation.h"
#include "ocr/ppocr/pipeline.h"
#include "ocr/tesseract_line_reader.h"

namespace textra::ocr {

struct FusionOptions {
  bool restore_letters = true;
  float weak_word = 0.0f;   // a line with a word below this PP-OCR confidence is re-read (0: never)
  float tesseract_margin = 0.0f;  // Tesseract's mean word confidence must exceed PP-OCR's by this to replace
};

class FusionEngine : public Engine {
 public:
  static Result<std::unique_ptr<FusionEngine>> create(const EngineOptions& options, const FusionOptions& fusion = {},
                                                      const ppocr::PipelineOptions& pipeline = {});

  Result<doc::Page> recognize(const imaging::Image& image, int page_index) override;
  Result<int> upright_rotation(const imaging::Image& image) override;

 private:
  FusionEngine(const EngineOptions& options, const FusionOptions& fusion, ppocr::Pipeline pipeline,
               std::unique_ptr<TesseractLineReader> reader)
      : fusion_(fusion), pipeline_(std::move(pipeline)), reader_(std::move(reader)), orientation_(options.tessdata_dir) {}
  Status second_opinion(ppocr::ReadLine& line, bool letters, bool weak);

  FusionOptions fusion_;
  ppocr::Pipeline pipeline_;
  std::unique_ptr<TesseractLineReader> reader_;
  OrientationDetector orientation_;
};

}  // namespace textra::ocr
