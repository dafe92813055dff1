#include "imaging/analysis.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <vector>

namespace textra::imaging {
namespace {

int rank_value(Pix* gray, float rank) {
  // Every other pixel is plenty for a histogram rank and halves the cost on large scans.
  l_uint32 value = 0;
  pixGetRankValue(gray, 2, rank, &value);
  return static_cast<int>(value);
}

}  // namespace

Image to_gray(const Image& page) {
  if (page.depth() == 8) return page.clone();
  Image gray = Image::adopt(page.depth() == 32 ? pixConvertRGBToLuminance(page.pix()) : pixConvertTo8(page.pix(), 0));
  if (!gray.empty()) pixCopyResolution(gray.pix(), page.pix());
  return gray;
}

Image to_binary(const Image& gray) {
  Pix* binary = nullptr;
  // One tile covering the page: a global Otsu threshold, as Tesseract computes it.
  const l_int32 w = std::max(16, gray.width()), h = std::max(16, gray.height());
  pixOtsuAdaptiveThreshold(gray.pix(), w, h, 0, 0, 0.0f, nullptr, &binary);
  Image out = Image::adopt(binary);
  if (!out.empty()) pixCopyResolution(out.pix(), gray.pix());
  return out;
}

bool has_dark_background(const Image& gray) { return rank_value(gray.pix(), 0.5f) < 110; }

int typical_text_height(const Image& binary) {
  BOXA* boxes = pixConnCompBB(binary.pix(), 8);
  if (boxes == nullptr) return 0;
  // Heights weighted by area: on noisy scans specks outnumber characters, but characters cover more ink.
  std::vector<std::pair<int, long>> heights;  // (height, area)
  long total_area = 0;
  const int max_height = std::max(8, binary.height() / 8);
  for (l_int32 i = 0; i < boxaGetCount(boxes); ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    // Characters: not specks, not rules or table lines, not whole blocks or pictures.
    if (h >= 5 && w >= 2 && h <= max_height && w <= 3 * h) {
      heights.emplace_back(h, static_cast<long>(w) * h);
      total_area += static_cast<long>(w) * h;
    }
  }
  boxaDestroy(&boxes);
  if (heights.size() < 20) return 0;  // too few to call it text
  std::sort(heights.begin(), heights.end());
  long seen = 0;
  for (const auto& [h, area] : heights) {
    seen += area;
    if (2 * seen >= total_area) return h;
  }
  return heights.back().first;
}

Skew measure_skew(const Image& binary) {
  Skew skew;
  if (pixFindSkew(binary.pix(), &skew.degrees, &skew.confidence) != 0) return {};
  return skew;
}

bool has_uneven_background(const Image& gray) {
  // The brightest pixel of each of 16x16 blocks approximates the paper there (ink is darker).
  const l_int32 bw = std::max(1, gray.width() / 16), bh = std::max(1, gray.height() / 16);
  Image paper = Image::adopt(pixScaleGrayMinMax(gray.pix(), bw, bh, L_CHOOSE_MAX));
  if (paper.empty()) return false;
  l_uint32 dim = 0, bright = 0;
  pixGetRankValue(paper.pix(), 1, 0.1f, &dim);
  pixGetRankValue(paper.pix(), 1, 0.9f, &bright);
  return static_cast<int>(bright) - static_cast<int>(dim) > 50;
}

bool has_low_contrast(const Image& gray) {
  return rank_value(gray.pix(), 0.95f) - rank_value(gray.pix(), 0.01f) < 120;
}

}  // namespace textra::imaging
