// The PP-OCR pipeline on one page: DB detection, line crops from the page, the direction classifier
// (upside-down lines turned), batched recognition (crops sorted by width, each batch padded to its widest)
// and CTC decoding into words whose boxes come from their characters' frames. The fusion engine reuses
// the stages; the PP-OCR engine puts the segments in reading order.
#pragma once

#include <memory>
#include <vector>

#include "base/status.h"
#include "ocr/ppocr/crop.h"
#include "ocr/ppocr/ctc.h"
#include "ocr/ppocr/detection.h"
#include "ocr/ppocr/networks.h"
#include "ocr/ppocr/reading_order.h"

namespace textra::ocr::ppocr {

struct PipelineOptions {
  DetectionOptions detection;
  WordSplit words;
  bool classify = true;          // run the direction classifier
  float turn_confidence = 0.9f;  // a line is turned when the classifier says 180 degrees at least this sure
  int batch_size = 6;
  // Narrower batches are padded to this. PaddleOCR pads to 320; measured on SROIE, padding only to the widest
  // crop of the batch read as well and saved 30 % of the CPU time (docs/ocr.md).
  int min_batch_width = 0;
  int max_line_width = 2400;     // a longer line is squeezed to this width at height 48
};

inline constexpr int kLineHeight = 48;    // the recogniser's input height
inline constexpr int kClassifierWidth = 192;

// One detected line as read.
struct ReadLine {
  OrientedQuad line;             // as read (turned when the classifier said so)
  FloatImage crop;               // rectified, at the page's resolution
  std::vector<DecodedWord> words;
  int input_width = 0;           // of the line at height 48 (before padding)
  int padded_width = 0;          // of its batch
  int frames = 0;                // recogniser output frames for the padded width
  Segment segment;               // the words with page boxes
};

class Pipeline {
 public:
  Pipeline(std::shared_ptr<const Networks> networks, PipelineOptions options)
      : networks_(std::move(networks)), options_(options) {}

  const PipelineOptions& options() const { return options_; }
  const Keys& keys() const { return networks_->keys; }

  Result<std::vector<ReadLine>> read(const PageImage& page) const;

  // The stages, for tests and the fusion engine.
  Result<std::vector<TextBox>> detect(const PageImage& page) const;
  Status turn_upside_down_lines(std::vector<ReadLine>& lines) const;
  Status recognize(std::vector<ReadLine>& lines) const;

 private:
  std::shared_ptr<const Networks> networks_;
  PipelineOptions options_;
};

// The page box of crop columns [x0, x1) (crop pixels) of a line: the bounds of that slice of its quad.
doc::Box page_box(const OrientedQuad& line, float x0, float x1);

}  // namespace textra::ocr::ppocr
