// DB text detection around the network: the page resized for it (long side limited, sides multiples of
// 32) and its probability map turned into text boxes: threshold, connected components, minimum-area
// rectangles, mean probability inside as the box score, "unclip" (the network predicts shrunk text
// regions; each box grows by area * ratio / perimeter), scaled to page pixels and clamped.
#pragma once

#include <vector>

#include "nn/nn.h"
#include "ocr/ppocr/geometry.h"
#include "ocr/ppocr/image.h"

namespace textra::ocr::ppocr {

struct DetectionOptions {
  // The page's long side is shrunk to this for the network (never enlarged). On 75 SROIE training receipts
  // 1280 gave word F1 0.846 and CER 0.097 against 0.830 and 0.110 at 960, for 1.1x the CPU time.
  int max_side = 1280;
  float threshold = 0.3f;       // a map pixel is text above this probability
  float box_threshold = 0.5f;   // boxes whose mean probability is lower are dropped
  float unclip_ratio = 2.0f;
  float min_size = 3.0f;        // shortest side, in map pixels, before unclipping (+2 after)
  int max_candidates = 1000;    // largest components kept
};

// The network's input size for a page: the long side limited to max_side (kept when smaller), each side
// rounded to a multiple of 32 (at least 32).
struct InputSize {
  int width = 0, height = 0;
};
InputSize detection_input_size(int page_width, int page_height, int max_side);

nn::Tensor detection_input(const PageImage& page, InputSize size);

// The text probability map (the network's 1x1xHxW output).
struct ProbabilityMap {
  int width = 0, height = 0;
  std::vector<float> values;  // row after row
  float at(int x, int y) const { return values[static_cast<std::size_t>(y) * width + x]; }
};

struct TextBox {
  Quad quad;          // page pixels, clamped to the page
  float score = 0;    // mean probability inside the box before unclipping
};

// Boxes from a map computed on a page_width x page_height page, in no particular order.
std::vector<TextBox> text_boxes(const ProbabilityMap& map, int page_width, int page_height,
                                const DetectionOptions& options);

}  // namespace textra::ocr::ppocr
