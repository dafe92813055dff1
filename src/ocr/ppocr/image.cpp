#include "ocr/ppocr/image.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>

namespace textra::ocr::ppocr {
namespace {

// How one output index along an axis is made of input indices: input[first + k] * weights[k].
struct Taps {
  int first = 0;
  std::vector<float> weights;
};

// Shrinking: each output pixel averages the input interval it covers (partial pixels by their overlap).
// Enlarging: linear interpolation between the two nearest input centres.
std::vector<Taps> axis_taps(int in, int out) {
  std::vector<Taps> taps(static_cast<std::size_t>(out));
  const double scale = static_cast<double>(in) / out;
  for (int o = 0; o < out; ++o) {
    Taps& t = taps[static_cast<std::size_t>(o)];
    if (scale > 1.0) {
      double begin = o * scale, end = (o + 1) * scale;
      t.first = static_cast<int>(begin);
      int last = std::min(in - 1, static_cast<int>(std::ceil(end)) - 1);
      for (int i = t.first; i <= last; ++i) {
        double overlap = std::min(end, i + 1.0) - std::max(begin, static_cast<double>(i));
        t.weights.push_back(static_cast<float>(overlap / scale));
      }
    } else {
      double source = (o + 0.5) * scale - 0.5;
      int below = static_cast<int>(std::floor(source));
      float frac = static_cast<float>(source - below);
      int lo = std::clamp(below, 0, in - 1), hi = std::clamp(below + 1, 0, in - 1);
      t.first = lo;
      t.weights = {1.0f - frac};
      if (hi != lo) t.weights.push_back(frac);
      else t.weights[0] = 1.0f;
    }
  }
  return taps;
}

// The resampling of resized() and resized_tensor(), for float images and pages alike. Each output row is
// accumulated into the zeroed RGB row that begin_row(y) returns, then handed to end_row(y, row).
template <typename Source, typename BeginRow, typename EndRow>
void resample(const Source& image, int image_width, int image_height, int width, int height, BeginRow begin_row,
              EndRow end_row) {
  // Rows first (width changes), then columns. Only the input rows that the current output row reads are kept,
  // resampled across, in a ring: the whole page resampled across was up to 76 MB of fresh memory for a 600 dpi
  // scan. The taps' first rows never go backwards, so a ring as deep as the widest tap holds every row an
  // output row needs, and each input row is resampled once.
  const std::vector<Taps> across = axis_taps(image_width, width);
  const std::vector<Taps> down = axis_taps(image_height, height);
  std::size_t depth = 1;
  for (const Taps& t : down) depth = std::max(depth, t.weights.size());
  const std::size_t row_floats = static_cast<std::size_t>(width) * 3;
  std::vector<float> ring(depth * row_floats);
  std::vector<int> ring_row(depth, -1);  // the input row each slot holds
  auto row_across = [&](int y) -> const float* {
    float* out = &ring[static_cast<std::size_t>(y) % depth * row_floats];
    if (ring_row[static_cast<std::size_t>(y) % depth] == y) return out;
    ring_row[static_cast<std::size_t>(y) % depth] = y;
    std::fill_n(out, row_floats, 0.0f);
    for (int x = 0; x < width; ++x) {
      const Taps& t = across[static_cast<std::size_t>(x)];
      for (std::size_t k = 0; k < t.weights.size(); ++k) {
        float in[3];
        image.rgb(t.first + static_cast<int>(k), y, in);
        for (int c = 0; c < 3; ++c) out[x * 3 + c] += in[c] * t.weights[k];
      }
    }
    return out;
  };
  for (int y = 0; y < height; ++y) {
    const Taps& t = down[static_cast<std::size_t>(y)];
    float* out = begin_row(y);
    for (std::size_t k = 0; k < t.weights.size(); ++k) {
      const float* in = row_across(t.first + static_cast<int>(k));
      for (std::size_t i = 0; i < row_floats; ++i) out[i] += in[i] * t.weights[k];
    }
    end_row(y, out);
  }
}

template <typename Source>
FloatImage resampled(const Source& image, int image_width, int image_height, int width, int height) {
  width = std::max(1, width);
  height = std::max(1, height);
  FloatImage result(width, height);
  if (image_width == 0 || image_height == 0) return result;
  resample(image, image_width, image_height, width, height, [&](int y) { return result.at(0, y); },
           [](int, const float*) {});
  return result;
}

// Channel c of the tensor (B, G, R) is source channel 2 - c of an RGB pixel, times scale, minus offset.
struct ChannelTransform {
  int source_channel;
  float scale, offset;
};

ChannelTransform channel_transform(const Normalization& normalization, int c) {
  return {2 - c, 1.0f / (255.0f * normalization.std[c]), normalization.mean[c] / normalization.std[c]};
}

}  // namespace

Result<PageImage> PageImage::from_pix(Pix* pix) {
  if (pix == nullptr) return invalid_argument("no image");
  PageImage page;
  page.gray_ = pixGetDepth(pix) == 8 && pixGetColormap(pix) == nullptr;
  // A new reference, not a copy, when the page is 8-bit gray or 32 bpp already.
  page.pix_.reset(page.gray_ ? pixClone(pix) : pixConvertTo32(pix));
  if (page.pix_ == nullptr) return internal_error("cannot convert the page to RGB");
  page.data_ = pixGetData(page.pix_.get());
  page.words_per_line_ = pixGetWpl(page.pix_.get());
  page.width_ = pixGetWidth(page.pix_.get());
  page.height_ = pixGetHeight(page.pix_.get());
  return page;
}

FloatImage resized(const FloatImage& image, int width, int height) {
  return resampled(image, image.width, image.height, width, height);
}

FloatImage resized(const PageImage& page, int width, int height) {
  return resampled(page, page.width(), page.height(), width, height);
}

nn::Tensor resized_tensor(const PageImage& page, int width, int height, const Normalization& normalization) {
  width = std::max(1, width);
  height = std::max(1, height);
  if (page.width() == 0 || page.height() == 0) {
    const FloatImage blank(width, height);
    return to_tensor({&blank}, width, normalization);
  }
  nn::Tensor tensor;
  tensor.shape = {1, 3, height, width};
  tensor.data.resize(static_cast<std::size_t>(3) * height * width);
  const std::size_t plane = static_cast<std::size_t>(height) * width;
  std::vector<float> row(static_cast<std::size_t>(width) * 3);
  resample(
      page, page.width(), page.height(), width, height,
      [&](int) {
        std::fill(row.begin(), row.end(), 0.0f);
        return row.data();
      },
      [&](int y, const float* rgb) {
        for (int c = 0; c < 3; ++c) {
          const ChannelTransform t = channel_transform(normalization, c);
          float* out = &tensor.data[c * plane + static_cast<std::size_t>(y) * width];
          for (int x = 0; x < width; ++x) out[x] = rgb[x * 3 + t.source_channel] * t.scale - t.offset;
        }
      });
  return tensor;
}

FloatImage rotated_180(const FloatImage& image) {
  FloatImage result(image.width, image.height);
  const std::size_t pixels = static_cast<std::size_t>(image.width) * image.height;
  for (std::size_t i = 0; i < pixels; ++i) {
    std::copy_n(&image.pixels[i * 3], 3, &result.pixels[(pixels - 1 - i) * 3]);
  }
  return result;
}

nn::Tensor to_tensor(const std::vector<const FloatImage*>& images, int width, const Normalization& normalization) {
  const int height = images.empty() ? 0 : images.front()->height;
  nn::Tensor tensor;
  tensor.shape = {static_cast<int64_t>(images.size()), 3, height, width};
  tensor.data.assign(images.size() * 3 * static_cast<std::size_t>(height) * width, 0.0f);
  const std::size_t plane = static_cast<std::size_t>(height) * width;
  for (std::size_t n = 0; n < images.size(); ++n) {
    const FloatImage& image = *images[n];
    for (int c = 0; c < 3; ++c) {
      const ChannelTransform t = channel_transform(normalization, c);
      float* out = &tensor.data[(n * 3 + c) * plane];
      for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < std::min(image.width, width); ++x) {
          out[static_cast<std::size_t>(y) * width + x] = image.at(x, y)[t.source_channel] * t.scale - t.offset;
        }
      }
    }
  }
  return tensor;
}

}  // namespace textra::ocr::ppocr
