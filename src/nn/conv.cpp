// Conv and ConvTranspose on NCHW tensors. Grouped and dense convolutions are GEMMs over column blocks of the
// output (im2col per block, so the buffer stays small and in cache; 1x1 stride-1 convolutions read the input
// in place); depthwise convolutions have their own direct kernel.
#include <algorithm>
#include <cstring>

#include "nn/kernels.h"

namespace textra::nn {
namespace {

// Output pixels per work item: wide enough for the GEMM kernel, small enough to split a row over threads.
constexpr int64_t kColumnBlock = 256;

struct ConvGeometry {
  int64_t n, c, h, w;      // input
  int64_t m, kh, kw;       // weights
  int64_t group;
  int64_t sh, sw, dh, dw;  // strides, dilations
  int64_t pt, pl, pb, pr;  // pads
  int64_t oh, ow;          // output
};

int64_t attr_or(const std::vector<int64_t>& v, size_t k, int64_t fallback) { return k < v.size() ? v[k] : fallback; }

Result<ConvGeometry> conv_geometry(const Attrs& attrs, const Value& x, const Value& w, bool transposed) {
  if (x.dtype != DType::kFloat || w.dtype != DType::kFloat || x.rank() != 4 || w.rank() != 4) {
    return invalid_argument("convolution needs 4-D float input and weights, got " + shape_string(x.shape) + " and " +
                            shape_string(w.shape));
  }
  ConvGeometry g{};
  g.n = x.shape[0], g.c = x.shape[1], g.h = x.shape[2], g.w = x.shape[3];
  g.kh = w.shape[2], g.kw = w.shape[3];
  g.group = attrs.group;
  g.sh = attr_or(attrs.strides, 0, 1), g.sw = attr_or(attrs.strides, 1, 1);
  g.dh = attr_or(attrs.dilations, 0, 1), g.dw = attr_or(attrs.dilations, 1, 1);
  g.pt = attr_or(attrs.pads, 0, 0), g.pl = attr_or(attrs.pads, 1, 0);
  g.pb = attr_or(attrs.pads, 2, 0), g.pr = attr_or(attrs.pads, 3, 0);
  if (g.group < 1 || g.sh < 1 || g.sw < 1 || g.dh < 1 || g.dw < 1 || g.pt < 0 || g.pl < 0 || g.pb < 0 || g.pr < 0 ||
      g.kh < 1 || g.kw < 1 || g.kh > 64 || g.kw > 64 || g.sh > 64 || g.sw > 64 || g.dh > 64 || g.dw > 64 ||
      g.pt > 64 || g.pl > 64 || g.pb > 64 || g.pr > 64) {
    return invalid_argument("bad convolution strides, pads, dilations or group");
  }
  if (!attrs.kernel_shape.empty() && attrs.kernel_shape != std::vector<int64_t>{g.kh, g.kw}) {
    return invalid_argument("kernel_shape does not match the weights " + shape_string(w.shape));
  }
  if (!transposed) {
    g.m = w.shape[0];
    if (g.c % g.group != 0 || g.m % g.group != 0 || w.shape[1] != g.c / g.group) {
      return invalid_argument("input " + shape_string(x.shape) + " does not fit weights " + shape_string(w.shape) +
                              " with group " + std::to_string(g.group));
    }
    const int64_t span_h = g.dh * (g.kh - 1) + 1, span_w = g.dw * (g.kw - 1) + 1;
    if (g.h + g.pt + g.pb < span_h || g.w + g.pl + g.pr < span_w) {
      return invalid_argument("input " + shape_string(x.shape) + " is smaller than the kernel");
    }
    g.oh = (g.h + g.pt + g.pb - span_h) / g.sh + 1;
    g.ow = (g.w + g.pl + g.pr - span_w) / g.sw + 1;
  } else {
    if (g.group != 1 || w.shape[0] != g.c) {
      return invalid_argument("ConvTranspose input " + shape_string(x.shape) + " does not fit weights " +
                              shape_string(w.shape) + " (group 1 only)");
    }
    g.m = w.shape[1];
    g.oh = (g.h - 1) * g.sh - g.pt - g.pb + g.dh * (g.kh - 1) + 1 + attr_or(attrs.output_padding, 0, 0);
    g.ow = (g.w - 1) * g.sw - g.pl - g.pr + g.dw * (g.kw - 1) + 1 + attr_or(attrs.output_padding, 1, 0);
    if (g.oh < 1 || g.ow < 1) return invalid_argument("ConvTranspose output would be empty");
  }
  return g;
}

bool is_depthwise(const ConvGeometry& g) { return g.group == g.c && g.group == g.m && g.group > 1; }

std::vector<PackedMatrix> pack_conv_weights(const ConvGeometry& g, const Value& w) {
  const int64_t mg = g.m / g.group, depth = (g.c / g.group) * g.kh * g.kw;
  std::vector<PackedMatrix> packed;
  for (int64_t gi = 0; gi < g.group; ++gi) packed.push_back(pack_matrix(w.f.data() + gi * mg * depth, mg, depth, depth, 1));
  return packed;
}

// Output columns [first, last) of a kernel tap whose input column is ow * stride + shift lie inside the image.
void valid_columns(int64_t shift, int64_t stride, int64_t in_width, int64_t out_width, int64_t& first, int64_t& last) {
  if (in_width - 1 - shift < 0) {
    first = last = 0;
    return;
  }
  first = std::min(out_width, shift >= 0 ? int64_t{0} : (-shift + stride - 1) / stride);
  last = std::max(first, std::min(out_width, (in_width - 1 - shift) / stride + 1));
}

// Writes the im2col block for output pixels [p0, p0+cols) of one image group: row (c, ki, kj), column p. Works
// in runs along output rows, so the inner loops are plain copies.
void im2col_block(const ConvGeometry& g, const float* x, int64_t channels, int64_t p0, int64_t cols, float* col) {
  for (int64_t c = 0; c < channels; ++c) {
    const float* plane = x + c * g.h * g.w;
    for (int64_t ki = 0; ki < g.kh; ++ki) {
      for (int64_t kj = 0; kj < g.kw; ++kj) {
        float* row = col + ((c * g.kh + ki) * g.kw + kj) * cols;
        const int64_t shift = kj * g.dw - g.pl;
        int64_t first, last;
        valid_columns(shift, g.sw, g.w, g.ow, first, last);
        for (int64_t j = 0, p = p0; j < cols;) {
          const int64_t oh = p / g.ow, ow = p % g.ow, run = std::min(cols - j, g.ow - ow);
          const int64_t ih = oh * g.sh - g.pt + ki * g.dh;
          float* out = row + j;
          if (ih < 0 || ih >= g.h) {
            std::fill(out, out + run, 0.0f);
          } else {
            const float* in = plane + ih * g.w;
            const int64_t lo = std::clamp(first, ow, ow + run), hi = std::clamp(last, lo, ow + run);
            std::fill(out, out + (lo - ow), 0.0f);
            if (g.sw == 1 && hi > lo) {
              std::memcpy(out + (lo - ow), in + lo + shift, (hi - lo) * sizeof(float));
            } else if (g.sw != 1) {
              for (int64_t t = lo; t < hi; ++t) out[t - ow] = in[t * g.sw + shift];
            }
            std::fill(out + (hi - ow), out + run, 0.0f);
          }
          j += run;
          p += run;
        }
      }
    }
  }
}

void finish_rows(const float* bias, const std::vector<EpilogueStep>& epilogue, float* out, int64_t rows,
                 int64_t row_stride, int64_t cols) {
  for (int64_t r = 0; r < rows; ++r) {
    float* p = out + r * row_stride;
    if (bias != nullptr) {
      for (int64_t j = 0; j < cols; ++j) p[j] += bias[r];
    }
    apply_epilogue(epilogue, p, cols);
  }
}

// Sixteen floats as one value: GCC and Clang keep it in a register and lower its arithmetic to whatever each
// function clone targets (one zmm, two ymm or four xmm registers).
typedef float Lanes __attribute__((vector_size(64)));
constexpr int64_t kLanes = 16;

// One output channel of a depthwise convolution. The channel is first copied into a zero-padded plane, so each
// tap needs no bounds checks. With a horizontal stride of 1 (all of these networks' depthwise convolutions), 16
// outputs of a row stay in a register across all taps and are stored once; a row's plane has 16 spare zeros on
// the right so its last vector reads inside the plane. Compiled for AVX-512, AVX2 and baseline x86-64, picked
// at load by the dynamic linker.
TEXTRA_NN_VECTOR_CLONES
void depthwise_channel(const ConvGeometry& g, const float* x, const float* w, float bias, float* out) {
  const int64_t pw = g.w + g.pl + g.pr + kLanes, ph = g.h + g.pt + g.pb;
  thread_local std::vector<float> padded;
  padded.resize(static_cast<size_t>(ph * pw));
  // Only the border is zeroed; the channel's rows overwrite the rest (zeroing the whole plane first was half of
  // the copy's time).
  std::fill_n(padded.data(), std::min(ph * pw, g.pt * pw + g.pl), 0.0f);
  for (int64_t y = 0; y < g.h; ++y) {
    float* row = &padded[(y + g.pt) * pw + g.pl];
    std::memcpy(row, x + y * g.w, g.w * sizeof(float));
    // This row's right margin and the next row's left one (or the bottom rows after the last).
    std::fill_n(row + g.w, y + 1 < g.h ? g.pr + kLanes + g.pl : pw - g.pl - g.w, 0.0f);
  }
  std::fill(padded.begin() + (g.pt + g.h) * pw, padded.end(), 0.0f);
  if (g.sw == 1) {
    const int64_t blocks = (g.ow + kLanes - 1) / kLanes;
    for (int64_t oh = 0; oh < g.oh; ++oh) {
      const float* top = padded.data() + oh * g.sh * pw;
      for (int64_t b = 0; b < blocks; ++b) {
        Lanes acc = Lanes{} + bias;
        for (int64_t ki = 0; ki < g.kh; ++ki) {
          const float* in = top + ki * g.dh * pw + b * kLanes;
          for (int64_t kj = 0; kj < g.kw; ++kj) {
            Lanes x_lanes;  // an unaligned load
            std::memcpy(&x_lanes, in + kj * g.dw, sizeof x_lanes);
            acc += w[ki * g.kw + kj] * x_lanes;
          }
        }
        float* dst = out + oh * g.ow + b * kLanes;
        const int64_t count = std::min(kLanes, g.ow - b * kLanes);
        if (count == kLanes) std::memcpy(dst, &acc, sizeof acc);
        else for (int64_t t = 0; t < count; ++t) dst[t] = acc[t];
      }
    }
    return;
  }
  for (int64_t oh = 0; oh < g.oh; ++oh) {
    float* __restrict row = out + oh * g.ow;
    std::fill(row, row + g.ow, bias);
    for (int64_t ki = 0; ki < g.kh; ++ki) {
      const float* in = padded.data() + (oh * g.sh + ki * g.dh) * pw;
      for (int64_t kj = 0; kj < g.kw; ++kj) {
        const float wk = w[ki * g.kw + kj];
        const float* __restrict src = in + kj * g.dw;
        for (int64_t ow = 0; ow < g.ow; ++ow) row[ow] += wk * src[ow * g.sw];
      }
    }
  }
}

}  // namespace

void prepare_conv(Node& node, const Value& w) {
  if (w.dtype != DType::kFloat || w.rank() != 4) return;  // run() reports the shape error
  if (node.op == Op::kConvTranspose) {
    const int64_t c = w.shape[0], rows = w.shape[1] * w.shape[2] * w.shape[3];
    node.attrs.packed_weights = std::make_shared<std::vector<PackedMatrix>>(
        std::vector<PackedMatrix>{pack_matrix(w.f.data(), rows, c, 1, rows)});
    return;
  }
  const int64_t group = node.attrs.group;
  if (group < 1 || w.shape[0] % group != 0) return;
  const bool depthwise = group > 1 && w.shape[0] == group && w.shape[1] == 1;
  if (depthwise) return;
  ConvGeometry g{};
  g.m = w.shape[0], g.c = w.shape[1] * group, g.kh = w.shape[2], g.kw = w.shape[3], g.group = group;
  node.attrs.packed_weights = std::make_shared<std::vector<PackedMatrix>>(pack_conv_weights(g, w));
}

Result<Value> conv(const Attrs& attrs, const Value& x, const Value& w, const Value* bias, const ExecContext& ctx) {
  TEXTRA_ASSIGN_OR_RETURN(ConvGeometry g, conv_geometry(attrs, x, w, false));
  if (bias != nullptr && (bias->dtype != DType::kFloat || bias->count() != g.m)) {
    return invalid_argument("Conv bias needs " + std::to_string(g.m) + " values");
  }
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, {g.n, g.m, g.oh, g.ow}, Fill::kOverwritten));
  const float* b = bias != nullptr ? bias->f.data() : nullptr;
  const int64_t pixels = g.oh * g.ow;

  if (is_depthwise(g)) {
    ctx.parallel_for(g.n * g.c, [&](int64_t item) {
      const int64_t c = item % g.c;
      float* o = out.f.data() + item * pixels;
      depthwise_channel(g, x.f.data() + item * g.h * g.w, w.f.data() + c * g.kh * g.kw, b ? b[c] : 0.0f, o);
      apply_epilogue(attrs.epilogue, o, pixels);
    });
    return out;
  }

  const int64_t cg = g.c / g.group, mg = g.m / g.group, depth = cg * g.kh * g.kw;
  std::shared_ptr<const std::vector<PackedMatrix>> packed = attrs.packed_weights;
  if (!packed || static_cast<int64_t>(packed->size()) != g.group || packed->front().depth != depth) {
    packed = std::make_shared<std::vector<PackedMatrix>>(pack_conv_weights(g, w));
  }
  const bool direct = g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.pt == 0 && g.pl == 0 && g.pb == 0 &&
                      g.pr == 0;
  const int64_t blocks = (pixels + kColumnBlock - 1) / kColumnBlock;
  ctx.parallel_for(g.n * g.group * blocks, [&](int64_t item) {
    const int64_t block = item % blocks, gi = (item / blocks) % g.group, n = item / (blocks * g.group);
    const int64_t p0 = block * kColumnBlock, cols = std::min(kColumnBlock, pixels - p0);
    const float* in = x.f.data() + (n * g.c + gi * cg) * g.h * g.w;
    float* o = out.f.data() + (n * g.m + gi * mg) * pixels + p0;
    const PackedMatrix& a = (*packed)[static_cast<size_t>(gi)];
    if (direct) {
      gemm_tile(a, 0, a.panel_count(), in + p0, pixels, cols, o, pixels);
    } else {
      thread_local std::vector<float> col;
      col.resize(static_cast<size_t>(depth * cols));
      im2col_block(g, in, cg, p0, cols, col.data());
      gemm_tile(a, 0, a.panel_count(), col.data(), cols, cols, o, pixels);
    }
    finish_rows(b ? b + gi * mg : nullptr, attrs.epilogue, o, mg, pixels, cols);
  });
  return out;
}

Result<Value> conv_transpose(const Attrs& attrs, const Value& x, const Value& w, const Value* bias,
                             const ExecContext& ctx) {
  TEXTRA_ASSIGN_OR_RETURN(ConvGeometry g, conv_geometry(attrs, x, w, true));
  if (bias != nullptr && (bias->dtype != DType::kFloat || bias->count() != g.m)) {
    return invalid_argument("ConvTranspose bias needs " + std::to_string(g.m) + " values");
  }
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, {g.n, g.m, g.oh, g.ow}, Fill::kOverwritten));
  std::shared_ptr<const std::vector<PackedMatrix>> packed = attrs.packed_weights;
  const int64_t taps = g.m * g.kh * g.kw, pixels = g.h * g.w;
  if (!packed || packed->front().depth != g.c) {
    packed = std::make_shared<std::vector<PackedMatrix>>(
        std::vector<PackedMatrix>{pack_matrix(w.f.data(), taps, g.c, 1, taps)});
  }
  // columns[(m, ki, kj), input pixel] = sum over c of w[c, m, ki, kj] * x[c, pixel], then scattered (col2im).
  std::vector<float> columns = pooled_floats(static_cast<size_t>(taps * pixels), Fill::kOverwritten);
  for (int64_t n = 0; n < g.n; ++n) {
    const float* in = x.f.data() + n * g.c * pixels;
    const int64_t blocks = (pixels + kColumnBlock - 1) / kColumnBlock;
    ctx.parallel_for(blocks, [&](int64_t block) {
      const int64_t p0 = block * kColumnBlock, cols = std::min(kColumnBlock, pixels - p0);
      const PackedMatrix& a = (*packed)[0];
      gemm_tile(a, 0, a.panel_count(), in + p0, pixels, cols, columns.data() + p0, pixels);
    });
    float* o = out.f.data() + n * g.m * g.oh * g.ow;
    ctx.parallel_for(g.m, [&](int64_t m) {
      float* plane = o + m * g.oh * g.ow;
      std::fill(plane, plane + g.oh * g.ow, bias != nullptr ? bias->f[m] : 0.0f);
      for (int64_t ki = 0; ki < g.kh; ++ki) {
        for (int64_t kj = 0; kj < g.kw; ++kj) {
          const float* src = columns.data() + ((m * g.kh + ki) * g.kw + kj) * pixels;
          for (int64_t ih = 0; ih < g.h; ++ih) {
            const int64_t oh = ih * g.sh - g.pt + ki * g.dh;
            if (oh < 0 || oh >= g.oh) continue;
            for (int64_t iw = 0; iw < g.w; ++iw) {
              const int64_t ow = iw * g.sw - g.pl + kj * g.dw;
              if (ow >= 0 && ow < g.ow) plane[oh * g.ow + ow] += src[ih * g.w + iw];
            }
          }
        }
      }
      apply_epilogue(attrs.epilogue, plane, g.oh * g.ow);
    });
  }
  recycle_floats(std::move(columns));
  return out;
}

}  // namespace textra::nn
