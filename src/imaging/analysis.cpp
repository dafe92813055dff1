#include "imaging/analysis.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace textra::imaging {
namespace {

int rank_value(Pix* gray, float rank) {
  // Every other pixel is plenty for a histogram rank and halves the cost on large scans.
  l_uint32 value = 0;
  pixGetRankValue(gray, 2, rank, &value);
  return static_cast<int>(value);
}

// The 256-bin histogram of an 8 bpp page without a colormap, as pixGetGrayHistogram(gray, 1) gives it, read a
// 32-bit word of 4 pixels at a time into 4 partial histograms (Leptonica fetches each pixel through a macro:
// 2.5 % of a fusion page's CPU on SROIE). Leptonica keeps a row's pixels in 32-bit words, the first pixel in the
// most significant byte, so pixel x sits at byte x ^ 3 of its row on this little-endian machine.
NUMA* gray_histogram(Pix* gray) {
  static_assert(std::endian::native == std::endian::little);
  const l_int32 width = pixGetWidth(gray), height = pixGetHeight(gray), words_per_line = pixGetWpl(gray);
  std::array<std::array<l_uint32, 256>, 4> counts{};
  const l_uint32* line = pixGetData(gray);
  for (l_int32 y = 0; y < height; ++y, line += words_per_line) {
    const l_int32 whole_words = width / 4;
    for (l_int32 w = 0; w < whole_words; ++w) {
      const l_uint32 word = line[w];
      ++counts[0][word & 0xff];
      ++counts[1][(word >> 8) & 0xff];
      ++counts[2][(word >> 16) & 0xff];
      ++counts[3][word >> 24];
    }
    const auto* bytes = reinterpret_cast<const l_uint8*>(line);
    for (l_int32 x = whole_words * 4; x < width; ++x) ++counts[0][bytes[x ^ 3]];
  }
  NUMA* histogram = numaCreate(256);
  if (histogram == nullptr) return nullptr;
  numaSetParameters(histogram, 0.0f, 1.0f);
  // Leptonica counts in floats, so a bin stops at 2^24 (adding 1 no longer changes it): the same here.
  constexpr std::uint64_t kFloatCountLimit = std::uint64_t{1} << 24;
  for (int v = 0; v < 256; ++v) {
    const std::uint64_t count = std::uint64_t{counts[0][v]} + counts[1][v] + counts[2][v] + counts[3][v];
    numaAddNumber(histogram, static_cast<l_float32>(std::min(count, kFloatCountLimit)));
  }
  return histogram;
}

}  // namespace

Image to_gray(const Image& page) {
  if (page.depth() == 8) return page.clone();
  Image gray = Image::adopt(page.depth() == 32 ? pixConvertRGBToLuminance(page.pix()) : pixConvertTo8(page.pix(), 0));
  if (!gray.empty()) pixCopyResolution(gray.pix(), page.pix());
  return gray;
}

Image to_binary(const Image& gray) {
  // A global Otsu threshold, as Tesseract computes it. Leptonica's pixOtsuAdaptiveThreshold with one tile
  // covering the page gives the same threshold and image, but copies the page three times on the way (each
  // tile, then its histogram's source): on a 600 dpi scan that was most of the planning's time.
  Pix* binary = nullptr;
  if (pixGetColormap(gray.pix()) != nullptr) {
    const l_int32 w = std::max(16, gray.width()), h = std::max(16, gray.height());
    pixOtsuAdaptiveThreshold(gray.pix(), w, h, 0, 0, 0.0f, nullptr, &binary);
  } else if (NUMA* histogram = pixGetDepth(gray.pix()) == 8 ? gray_histogram(gray.pix()) : pixGetGrayHistogram(gray.pix(), 1)) {
    l_int32 threshold = 0;
    if (numaSplitDistribution(histogram, 0.0f, &threshold, nullptr, nullptr, nullptr, nullptr, nullptr) == 0) {
      binary = pixThresholdToBinary(gray.pix(), threshold);
    }
    numaDestroy(&histogram);
  }
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

int line_pitch(const Image& binary) {
  NUMA* counts = pixCountPixelsByRow(binary.pix(), nullptr);
  if (counts == nullptr) return 0;
  const int n = numaGetCount(counts);
  std::vector<double> profile(static_cast<std::size_t>(n));
  double mean = 0;
  for (int y = 0; y < n; ++y) {
    l_float32 v = 0;
    numaGetFValue(counts, y, &v);
    profile[static_cast<std::size_t>(y)] = v;
    mean += v;
  }
  numaDestroy(&counts);
  if (n < 30) return 0;
  mean /= n;
  for (double& v : profile) v -= mean;
  // Autocorrelation for lags up to 300 px (a line pitch beyond that needs no help), then the shortest
  // lag that is a local peak reaching half the highest one: multiples of the pitch peak too.
  const int max_lag = std::min(300, n / 3);
  std::vector<double> correlation(static_cast<std::size_t>(max_lag) + 2, 0.0);
  double best = 0;
  for (int lag = 4; lag <= max_lag + 1 && lag < n; ++lag) {
    double sum = 0;
    for (int y = 0; y + lag < n; ++y) sum += profile[static_cast<std::size_t>(y)] * profile[static_cast<std::size_t>(y + lag)];
    correlation[static_cast<std::size_t>(lag)] = sum / (n - lag);
    if (lag >= 6 && lag <= max_lag) best = std::max(best, correlation[static_cast<std::size_t>(lag)]);
  }
  if (best <= 0) return 0;
  for (int lag = 7; lag < max_lag; ++lag) {
    const double c = correlation[static_cast<std::size_t>(lag)];
    if (c >= correlation[static_cast<std::size_t>(lag - 1)] && c >= correlation[static_cast<std::size_t>(lag + 1)] && c >= 0.5 * best) {
      return lag;
    }
  }
  return 0;
}

Skew measure_skew(const Image& binary) {
  Skew skew;
  if (pixFindSkew(binary.pix(), &skew.degrees, &skew.confidence) != 0) return {};
  return skew;
}

}  // namespace textra::imaging
