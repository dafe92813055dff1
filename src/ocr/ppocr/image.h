// Page and crop pixels as the PP-OCR networks want them: three float channels (0..255, RGB interleaved),
// resampled with area averaging when shrinking (a downscaled crop that skips pixels loses the gaps between
// words) and bilinear interpolation when enlarging, then packed into NCHW tensors in BGR order (the
// networks were trained on OpenCV's channel order).
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "base/status.h"
#include "imaging/image.h"
#include "nn/nn.h"

namespace textra::ocr::ppocr {

struct FloatImage {
  int width = 0, height = 0;
  std::vector<float> pixels;  // width * height * 3, RGB, row after row

  FloatImage() = default;
  FloatImage(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3, 0.0f) {}
  float* at(int x, int y) { return &pixels[(static_cast<std::size_t>(y) * width + x) * 3]; }
  const float* at(int x, int y) const { return &pixels[(static_cast<std::size_t>(y) * width + x) * 3]; }
  void rgb(int x, int y, float* out) const {
    const float* p = at(x, y);
    out[0] = p[0], out[1] = p[1], out[2] = p[2];
  }
};

// A page as Leptonica decoded it, read in place: 32-bit RGB words or 8-bit gray (other depths converted to RGB
// once). Crops and the detector's input are sampled from it directly: a float copy of a 600 dpi scan (35
// Mpixels) took 400 MB and, in page faults and zeroing, a fifth of the CPU time of a page; converting gray
// scans to RGB words took another 4 %.
class PageImage {
 public:
  // Any Leptonica depth (1, 8, 32 bpp, colormapped).
  static Result<PageImage> from_pix(Pix* pix);

  int width() const { return width_; }
  int height() const { return height_; }
  // Red, green and blue of pixel (x, y), 0..255.
  void rgb(int x, int y, float* out) const {
    const uint32_t* line = data_ + static_cast<std::size_t>(y) * words_per_line_;
    if (gray_) {
      // Leptonica packs 8-bit pixels into 32-bit words, the first pixel in the most significant byte.
      const int byte = std::endian::native == std::endian::little ? x ^ 3 : x;
      out[0] = out[1] = out[2] = static_cast<float>(reinterpret_cast<const uint8_t*>(line)[byte]);
      return;
    }
    const uint32_t word = line[x];
    out[0] = static_cast<float>(word >> 24);
    out[1] = static_cast<float>((word >> 16) & 0xffu);
    out[2] = static_cast<float>((word >> 8) & 0xffu);
  }

 private:
  imaging::PixPtr pix_;
  const uint32_t* data_ = nullptr;
  bool gray_ = false;
  int words_per_line_ = 0, width_ = 0, height_ = 0;
};

// Area averaging when shrinking, linear interpolation when enlarging.
FloatImage resized(const FloatImage& image, int width, int height);
FloatImage resized(const PageImage& page, int width, int height);
FloatImage rotated_180(const FloatImage& image);

// How a network wants its input values: channel c (in B, G, R order) becomes (v / 255 - mean[c]) / std[c].
struct Normalization {
  std::array<float, 3> mean;  // B, G, R
  std::array<float, 3> std;
};
// ImageNet's statistics, applied in the BGR array's order as PaddleOCR's training did (B - 0.485, ...).
inline constexpr Normalization kDetectionNormalization{{0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}};
inline constexpr Normalization kLineNormalization{{0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}};

// One NCHW tensor of the images (all of the same height), each normalised and zero-padded on the right to
// `width` (which must be at least the widest image).
nn::Tensor to_tensor(const std::vector<const FloatImage*>& images, int width, const Normalization& normalization);
// to_tensor({resized(page, width, height)}, width, normalization), the same values, without the float image
// in between (10 MB of fresh memory per page at the detector's 1280 pixels).
nn::Tensor resized_tensor(const PageImage& page, int width, int height, const Normalization& normalization);

}  // namespace textra::ocr::ppocr
