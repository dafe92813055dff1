// The OCR engine interface: a page image in, a doc::Page (lines of words with boxes and confidences) out.
// Three engines sit behind it and are interchangeable everywhere a page is recognised (ocr, extract, label
// export, train, serve): Tesseract (tesseract_engine.h), PP-OCR (ppocr_engine.h) and their fusion
// (fusion_engine.h). An Engine is not thread-safe: use one per thread, which EnginePool (engine_pool.h)
// hands out; engines of one process share what is read-only (PP-OCR's networks).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "doc/document.h"
#include "imaging/image.h"

namespace textra::ocr {

enum class EngineKind { kTesseract, kPpocr, kFusion };

// "tesseract", "ppocr", "fusion" (`--ocr-engine`, the `ocr_engine` form field).
Result<EngineKind> parse_engine_kind(std::string_view name);
const char* engine_kind_name(EngineKind kind);

// The default engine: fusion, the most accurate measured (docs/ocr.md), when the PP-OCR networks are
// installed (scripts/setup); else Tesseract, so that a checkout or install without the downloaded networks
// still reads pages. Only their absence falls back: a damaged file is an error when the engine loads.
EngineKind default_engine_kind();

struct EngineOptions {
  EngineKind kind = default_engine_kind();
  // Tesseract (the tesseract engine, the fusion engine's re-reads, and orientation detection for all):
  std::string languages = "fra+eng";  // Tesseract language codes joined by '+'
  int psm = 3;                        // page segmentation mode, as `tesseract --psm` (3 = automatic)
  std::string tessdata_dir;           // "" = $TESSDATA_PREFIX or Tesseract's built-in path
  // PP-OCR (ppocr and fusion): the folder holding the network files; "" = the models folder lookup.
  std::string ppocr_dir;
};

// Checks the options without loading anything (psm range, language code characters).
Status validate(const EngineOptions& options);

class Engine {
 public:
  // Loads what the engine needs; errors name the missing languages or model files and how to get them.
  static Result<std::unique_ptr<Engine>> create(const EngineOptions& options);
  virtual ~Engine() = default;

  // Recognises one page. The page has the image's size and dpi, source kOcr, words with boxes in image
  // pixels and confidences in 0..1, lines in reading order.
  virtual Result<doc::Page> recognize(const imaging::Image& image, int page_index) = 0;

  // The clockwise rotation in degrees (0, 90, 180 or 270) that makes the page upright (orientation.h).
  virtual Result<int> upright_rotation(const imaging::Image& image) = 0;
};

// The page an engine's recognize() fills: the image's size and dpi, source kOcr, no lines; an error naming
// the page for an empty image.
Result<doc::Page> empty_ocr_page(const imaging::Image& image, int page_index);

}  // namespace textra::ocr
