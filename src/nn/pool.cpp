// Pooling (max, average, global average) and Resize (nearest, linear) over the last two axes of NCHW tensors.
#include <algorithm>
#include <cmath>
#include <limits>

#include "nn/kernels.h"

namespace textra::nn {
namespace {

int64_t attr_or(const std::vector<int64_t>& v, size_t k, int64_t fallback) { return k < v.size() ? v[k] : fallback; }

// Source coordinate of output index `o` along an axis scaled by `scale` (out = in * scale).
float source_coordinate(const std::string& mode, int64_t o, float scale, int64_t in_size, int64_t out_size) {
  if (mode == "asymmetric") return static_cast<float>(o) / scale;
  if (mode == "align_corners") {
    return out_size > 1 ? static_cast<float>(o) * static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1) : 0.0f;
  }
  if (mode == "pytorch_half_pixel" && out_size == 1) return 0.0f;
  return (static_cast<float>(o) + 0.5f) / scale - 0.5f;  // half_pixel
}

int64_t nearest_index(const std::string& rounding, float x, int64_t size) {
  double v;
  if (rounding == "floor") v = std::floor(x);
  else if (rounding == "ceil") v = std::ceil(x);
  else if (rounding == "round_prefer_ceil") v = std::floor(x + 0.5);
  else v = std::ceil(x - 0.5);  // round_prefer_floor
  return std::clamp<int64_t>(static_cast<int64_t>(v), 0, size - 1);
}

// Sum of n floats in double precision, kept in 8 lanes so the loop vectorises (the recogniser's
// squeeze-and-excitation blocks average every channel of its largest maps).
TEXTRA_NN_VECTOR_CLONES
double plane_sum(const float* p, int64_t n) {
  constexpr int64_t kLanes = 8;
  double lane[kLanes] = {};
  const int64_t body = n - n % kLanes;
  for (int64_t k = 0; k < body; k += kLanes) {
    for (int64_t t = 0; t < kLanes; ++t) lane[t] += p[k + t];
  }
  double sum = 0;
  for (int64_t t = 0; t < kLanes; ++t) sum += lane[t];
  for (int64_t k = body; k < n; ++k) sum += p[k];
  return sum;
}

}  // namespace

Result<Value> pool(Op op, const Attrs& attrs, const Value& x) {
  if (x.dtype != DType::kFloat || x.rank() != 4) return invalid_argument("pooling needs a 4-D float input, got " + shape_string(x.shape));
  const int64_t planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3];
  if (op == Op::kGlobalAveragePool) {
    TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, {x.shape[0], x.shape[1], 1, 1}, Fill::kOverwritten));
    for (int64_t p = 0; p < planes; ++p) {
      const double sum = plane_sum(x.f.data() + p * h * w, h * w);
      out.f[p] = h * w > 0 ? static_cast<float>(sum / static_cast<double>(h * w)) : 0.0f;
    }
    return out;
  }
  if (attrs.kernel_shape.size() != 2) return invalid_argument("pooling needs a 2-D kernel_shape");
  const int64_t kh = attrs.kernel_shape[0], kw = attrs.kernel_shape[1];
  const int64_t sh = attr_or(attrs.strides, 0, 1), sw = attr_or(attrs.strides, 1, 1);
  const int64_t pt = attr_or(attrs.pads, 0, 0), pl = attr_or(attrs.pads, 1, 0);
  const int64_t pb = attr_or(attrs.pads, 2, 0), pr = attr_or(attrs.pads, 3, 0);
  if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || pt < 0 || pl < 0 || pb < 0 || pr < 0 || pt >= kh || pl >= kw ||
      pb >= kh || pr >= kw || h + pt + pb < kh || w + pl + pr < kw) {
    return invalid_argument("pooling kernel, strides or pads do not fit input " + shape_string(x.shape));
  }
  const int64_t oh = (h + pt + pb - kh) / sh + 1, ow = (w + pl + pr - kw) / sw + 1;
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, {x.shape[0], x.shape[1], oh, ow}, Fill::kOverwritten));
  const bool is_max = op == Op::kMaxPool;
  for (int64_t p = 0; p < planes; ++p) {
    const float* in = x.f.data() + p * h * w;
    float* o = out.f.data() + p * oh * ow;
    for (int64_t i = 0; i < oh; ++i) {
      for (int64_t j = 0; j < ow; ++j) {
        const int64_t y0 = i * sh - pt, x0 = j * sw - pl;
        float acc = is_max ? -std::numeric_limits<float>::infinity() : 0.0f;
        int64_t seen = 0;
        for (int64_t y = std::max<int64_t>(y0, 0); y < std::min(y0 + kh, h); ++y) {
          for (int64_t xx = std::max<int64_t>(x0, 0); xx < std::min(x0 + kw, w); ++xx) {
            const float v = in[y * w + xx];
            acc = is_max ? std::max(acc, v) : acc + v;
            ++seen;
          }
        }
        if (!is_max) acc /= static_cast<float>(attrs.count_include_pad ? kh * kw : std::max<int64_t>(seen, 1));
        o[i * ow + j] = acc;
      }
    }
  }
  return out;
}

Result<Value> resize(const Attrs& attrs, const Value& x, const Value* scales, const Value* sizes) {
  if (x.dtype != DType::kFloat || x.rank() != 4) return invalid_argument("Resize needs a 4-D float input, got " + shape_string(x.shape));
  const int64_t h = x.shape[2], w = x.shape[3];
  int64_t oh, ow;
  float scale_h, scale_w;
  if (sizes != nullptr && sizes->count() > 0) {
    TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> s, int_list(*sizes, "Resize sizes"));
    if (s.size() != 4 || s[0] != x.shape[0] || s[1] != x.shape[1]) return invalid_argument("Resize sizes must keep N and C");
    oh = s[2], ow = s[3];
    scale_h = static_cast<float>(oh) / static_cast<float>(h);
    scale_w = static_cast<float>(ow) / static_cast<float>(w);
  } else if (scales != nullptr && scales->dtype == DType::kFloat && scales->count() == 4) {
    if (scales->f[0] != 1.0f || scales->f[1] != 1.0f) return invalid_argument("Resize scales must keep N and C");
    scale_h = scales->f[2], scale_w = scales->f[3];
    if (!(scale_h > 0.0f && scale_h <= 64.0f && scale_w > 0.0f && scale_w <= 64.0f)) {
      return invalid_argument("Resize scales out of range");
    }
    oh = static_cast<int64_t>(std::floor(static_cast<float>(h) * scale_h));
    ow = static_cast<int64_t>(std::floor(static_cast<float>(w) * scale_w));
  } else {
    return invalid_argument("Resize needs 4 scales or 4 sizes");
  }
  if (h < 1 || w < 1 || oh < 1 || ow < 1) return invalid_argument("Resize to or from an empty image");
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, {x.shape[0], x.shape[1], oh, ow}, Fill::kOverwritten));
  const int64_t planes = x.shape[0] * x.shape[1];
  const bool linear = attrs.mode == "linear";
  // Per output row and column: the source index pair and the weight of the second one.
  std::vector<int64_t> y0(oh), y1(oh), x0(ow), x1(ow);
  std::vector<float> fy(oh), fx(ow);
  auto axis_map = [&](int64_t out_n, int64_t in_n, float scale, std::vector<int64_t>& i0, std::vector<int64_t>& i1,
                      std::vector<float>& frac) {
    for (int64_t o = 0; o < out_n; ++o) {
      const float s = source_coordinate(attrs.coordinate_mode, o, scale, in_n, out_n);
      if (!linear) {
        i0[o] = i1[o] = nearest_index(attrs.nearest_mode, s, in_n);
        frac[o] = 0.0f;
        continue;
      }
      const float c = std::clamp(s, 0.0f, static_cast<float>(in_n - 1));
      i0[o] = static_cast<int64_t>(std::floor(c));
      i1[o] = std::min(i0[o] + 1, in_n - 1);
      frac[o] = c - static_cast<float>(i0[o]);
    }
  };
  axis_map(oh, h, scale_h, y0, y1, fy);
  axis_map(ow, w, scale_w, x0, x1, fx);
  for (int64_t p = 0; p < planes; ++p) {
    const float* in = x.f.data() + p * h * w;
    float* o = out.f.data() + p * oh * ow;
    for (int64_t i = 0; i < oh; ++i) {
      const float* r0 = in + y0[i] * w;
      const float* r1 = in + y1[i] * w;
      for (int64_t j = 0; j < ow; ++j) {
        const float top = r0[x0[j]] + (r0[x1[j]] - r0[x0[j]]) * fx[j];
        const float bottom = r1[x0[j]] + (r1[x1[j]] - r1[x0[j]]) * fx[j];
        o[i * ow + j] = top + (bottom - top) * fy[i];
      }
    }
  }
  return out;
}

}  // namespace textra::nn
