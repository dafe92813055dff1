// Page and crop pixels as the PP-OCR networks want them: three float channels (0..255, RGB interleaved),
// resampled with area averaging when shrinking (a downscaled crop that skips pixels loses the gaps between
// words) and bilinear interpolation when enlarging, then packed into NCHW tensors in BGR order (the
// networks were trained on OpenCV's channel order).
#pragma once

#include <array>
#include <vector>

#include "base/status.h"
#include "nn/nn.h"

struct Pix;

namespace textra::ocr::ppocr {

struct FloatImage {
  int width = 0, height = 0;
  std::vector<float> pixels;  // width * height * 3, RGB, row after row

  FloatImage() = default;
  FloatImage(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3, 0.0f) {}
  float* at(int x, int y) { return &pixels[(static_cast<std::size_t>(y) * width + x) * 3]; }
  const float* at(int x, int y) const { return &pixels[(static_cast<std::size_t>(y) * width + x) * 3]; }
};

// Any Leptonica depth (1, 8, 32 bpp, colormapped) to RGB floats.
Result<FloatImage> float_image_from_pix(Pix* pix);

FloatImage resized(const FloatImage& image, int width, int height);
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

}  // namespace textra::ocr::ppocr
