// DB post-processing on crafted probability maps: which components become boxes, their unclipped size in
// page pixels, and the network input size.
#include "ocr/ppocr/detection.h"

#include <gtest/gtest.h>

namespace textra::ocr::ppocr {
namespace {

ProbabilityMap blank_map(int w, int h) { return {w, h, std::vector<float>(static_cast<std::size_t>(w) * h, 0.0f)}; }

void fill(ProbabilityMap& map, int x0, int y0, int x1, int y1, float value) {
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) map.values[static_cast<std::size_t>(y) * map.width + x] = value;
  }
}

TEST(PpocrDetection, InputKeepsSmallPagesAndLimitsTheLongSideInMultiplesOf32) {
  InputSize a = detection_input_size(1000, 2000, 960);
  EXPECT_EQ(a.width, 480);
  EXPECT_EQ(a.height, 960);
  InputSize b = detection_input_size(100, 50, 960);
  EXPECT_EQ(b.width, 96);
  EXPECT_EQ(b.height, 64);
  InputSize c = detection_input_size(10, 5, 960);
  EXPECT_EQ(c.width, 32);
  EXPECT_EQ(c.height, 32);
}

TEST(PpocrDetection, ABlockBecomesOneUnclippedBoxInPagePixels) {
  ProbabilityMap map = blank_map(100, 50);
  fill(map, 10, 10, 40, 20, 0.9f);  // 30 x 10 map pixels
  std::vector<TextBox> boxes = text_boxes(map, 200, 100, DetectionOptions{});
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_NEAR(boxes[0].score, 0.9f, 1e-4);
  // offset = area * 2.0 / perimeter = 300 * 2 / 80 = 7.5 map pixels on every side; page = map x 2.
  const Quad& q = boxes[0].quad;
  EXPECT_NEAR(q[0].x, 5, 1e-3);
  EXPECT_NEAR(q[0].y, 5, 1e-3);
  EXPECT_NEAR(q[2].x, 95, 1e-3);
  EXPECT_NEAR(q[2].y, 55, 1e-3);
}

TEST(PpocrDetection, WeakThinAndOutsideComponentsAreDroppedOrClamped) {
  ProbabilityMap map = blank_map(100, 50);
  fill(map, 10, 30, 40, 40, 0.4f);  // above the bitmap threshold, below the box threshold
  fill(map, 60, 5, 90, 7, 0.95f);   // two pixels thick: under min_size
  fill(map, 0, 0, 3, 3, 0.2f);      // under the bitmap threshold
  fill(map, 80, 40, 100, 50, 0.9f); // touches the corner: unclipped past the page, clamped
  std::vector<TextBox> boxes = text_boxes(map, 100, 50, DetectionOptions{});
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_NEAR(boxes[0].quad[2].x, 100, 1e-3);
  EXPECT_NEAR(boxes[0].quad[2].y, 50, 1e-3);
  EXPECT_NEAR(boxes[0].quad[0].x, 80 - 200.0f * 2 / 60, 1e-3);
}

TEST(PpocrDetection, DiagonallyTouchingPixelsAreOneComponent) {
  ProbabilityMap map = blank_map(60, 60);
  fill(map, 10, 10, 20, 20, 0.9f);
  fill(map, 20, 20, 30, 30, 0.9f);  // meets the first block at one corner
  DetectionOptions any_score;         // the rectangle around both is half empty: connectivity only here
  any_score.box_threshold = 0;
  EXPECT_EQ(text_boxes(map, 60, 60, any_score).size(), 1u);
  fill(map, 20, 20, 30, 30, 0.0f);
  fill(map, 21, 21, 30, 30, 0.9f);  // one pixel apart: two
  EXPECT_EQ(text_boxes(map, 60, 60, any_score).size(), 2u);
}

TEST(PpocrDetection, OnlyTheLargestCandidatesAreKept) {
  ProbabilityMap map = blank_map(100, 40);
  fill(map, 5, 5, 15, 15, 0.9f);
  fill(map, 30, 5, 70, 25, 0.9f);
  DetectionOptions options;
  options.max_candidates = 1;
  std::vector<TextBox> boxes = text_boxes(map, 100, 40, options);
  ASSERT_EQ(boxes.size(), 1u);
  EXPECT_GT(boxes[0].quad[1].x - boxes[0].quad[0].x, 40);
}

TEST(PpocrDetection, AnEmptyMapGivesNoBoxes) {
  EXPECT_TRUE(text_boxes(ProbabilityMap{}, 100, 100, DetectionOptions{}).empty());
  EXPECT_TRUE(text_boxes(blank_map(10, 10), 100, 100, DetectionOptions{}).empty());
}

}  // namespace
}  // namespace textra::ocr::ppocr
