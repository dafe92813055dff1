// Whole documents: every page of an ingested file. Text-layer pages (PDF) pass through untouched; image
// pages are turned upright (Tesseract OSD) when asked, preprocessed, and recognised.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "doc/document.h"
#include "imaging/image.h"
#include "imaging/preprocess.h"
#include "ingest/ingest.h"
#include "ocr/engine.h"
#include "ocr/engine_pool.h"

namespace textra::ocr {

// What is done to a page image before recognition: `--preprocess auto|none|LIST`. Orientation needs
// Tesseract, so it lives here; the other steps and their `auto` policy are imaging's (preprocess.h).
struct PagePreparation {
  bool orientation = false;  // "orient": detect 0/90/180/270 with Tesseract OSD and turn the page upright
  imaging::PreprocessOptions steps;  // run after orientation

  // "auto": orientation, then the imaging module's automatic policy.
  static PagePreparation automatic() { return {true, imaging::PreprocessOptions::automatic_policy()}; }
};

// "auto" (orient + imaging's auto policy), "none", or a comma-separated list of steps: orient and
// imaging's gray, invert, deskew, upscale, downscale, contrast, otsu, sauvola, denoise.
Result<PagePreparation> parse_preparation(std::string_view spec);
std::string to_string(const PagePreparation& preparation);

struct OcrOptions {
  EngineOptions engine;
  PagePreparation preparation = PagePreparation::automatic();
  ingest::Limits limits;
  int assumed_dpi = 0;  // resolution given to images that state none (0: Tesseract estimates it)
};

// One page. An engine is borrowed from the pool only for image pages, so a text-layer PDF never loads
// Tesseract. Boxes are in the pixels of the page as decoded, after turning it upright (Page.rotation
// says by how much) and before any upscaling (boxes are scaled back); Page.width/height/dpi are that
// upright page's. Deskewing turns by a few degrees at most and is not undone.
Result<doc::Page> ocr_page(ingest::PageInput input, EnginePool& engines, const OcrOptions& options);

// Every page of a source, in order, on the calling thread (ocr_files in batch.h runs the pages of many
// files in parallel). Errors name the file and the page.
Result<doc::Document> ocr_document(const ingest::Source& source, EnginePool& engines, const OcrOptions& options);

}  // namespace textra::ocr
