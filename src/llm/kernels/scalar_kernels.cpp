// Scalar reference kernels: every type, written for clarity. The SIMD variants are tested against these.
#include <cmath>
#include <cstring>

#include "llm/gguf/tensor_types.h"
#include "llm/kernels/kernel_set.h"
#include "llm/kernels/kscales.h"

namespace textra::llm {
namespace {

// ---- activation conversion (same rounding as ggml's x86 code paths) ----

void quantize_f32(const float* x, void* out, int64_t n) { std::memcpy(out, x, n * sizeof(float)); }

void quantize_f16(const float* x, void* out, int64_t n) {
  auto* y = static_cast<uint16_t*>(out);
  for (int64_t i = 0; i < n; ++i) y[i] = fp32_to_fp16(x[i]);
}

void quantize_bf16(const float* x, void* out, int64_t n) {
  auto* y = static_cast<uint16_t*>(out);
  for (int64_t i = 0; i < n; ++i) y[i] = fp32_to_bf16(x[i]);
}

// Q8_0/Q8_1: scale = max|x| / 127, values rounded to nearest even.
template <typename Block>
int quantize_block_q8(const float* x, Block& y) {
  float amax = 0;
  for (int j = 0; j < kQK8_0; ++j) amax = std::fmax(amax, std::fabs(x[j]));
  const float d = amax / 127.0f;
  const float id = amax != 0 ? 127.0f / amax : 0.0f;
  y.d = fp32_to_fp16(d);
  int sum = 0;
  for (int j = 0; j < kQK8_0; ++j) {
    y.qs[j] = static_cast<int8_t>(std::nearbyint(x[j] * id));
    sum += y.qs[j];
  }
  return sum;
}

void quantize_q8_0(const float* x, void* out, int64_t n) {
  auto* y = static_cast<BlockQ8_0*>(out);
  for (int64_t i = 0; i < n / kQK8_0; ++i) quantize_block_q8(x + i * kQK8_0, y[i]);
}

void quantize_q8_1(const float* x, void* out, int64_t n) {
  auto* y = static_cast<BlockQ8_1*>(out);
  for (int64_t i = 0; i < n / kQK8_0; ++i) {
    const int sum = quantize_block_q8(x + i * kQK8_0, y[i]);
    y[i].s = fp32_to_fp16(fp16_to_fp32(y[i].d) * static_cast<float>(sum));
  }
}

// Q8_K: the scale is chosen from the value of largest magnitude (with its sign) so that it maps to -127.
void quantize_q8_k(const float* x, void* out, int64_t n) {
  auto* y = static_cast<BlockQ8_K*>(out);
  for (int64_t i = 0; i < n / kQK_K; ++i, x += kQK_K) {
    float max = 0, amax = 0;
    for (int j = 0; j < kQK_K; ++j) {
      if (std::fabs(x[j]) > amax) {
        amax = std::fabs(x[j]);
        max = x[j];
      }
    }
    std::memset(&y[i], 0, sizeof y[i]);
    if (amax == 0) continue;
    const float iscale = -127.0f / max;
    for (int j = 0; j < kQK_K; ++j) {
      const int v = static_cast<int>(std::nearbyint(iscale * x[j]));
      y[i].qs[j] = static_cast<int8_t>(v < 127 ? v : 127);
      y[i].bsums[j / 16] = static_cast<int16_t>(y[i].bsums[j / 16] + y[i].qs[j]);
    }
    y[i].d = 1 / iscale;
  }
}

// ---- dot products ----

float dot_f32(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const float*>(w);
  const auto* y = static_cast<const float*>(a);
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(x[i]) * y[i];
  return static_cast<float>(sum);
}

template <float (*ToFloat)(uint16_t)>
float dot_half_like(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const uint16_t*>(w);
  const auto* y = static_cast<const uint16_t*>(a);
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(ToFloat(x[i])) * ToFloat(y[i]);
  return static_cast<float>(sum);
}

uint32_t load_qh(const uint8_t* qh) {
  uint32_t v;
  std::memcpy(&v, qh, 4);
  return v;
}

float dot_q4_0(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ4_0*>(w);
  const auto* y = static_cast<const BlockQ8_0*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK8_0; ++i) {
    int sumi = 0;
    for (int j = 0; j < kQK8_0 / 2; ++j) {
      sumi += ((x[i].qs[j] & 0x0f) - 8) * y[i].qs[j] + ((x[i].qs[j] >> 4) - 8) * y[i].qs[j + kQK8_0 / 2];
    }
    sum += static_cast<float>(sumi) * (fp16_to_fp32(x[i].d) * fp16_to_fp32(y[i].d));
  }
  return sum;
}

float dot_q4_1(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ4_1*>(w);
  const auto* y = static_cast<const BlockQ8_1*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK8_0; ++i) {
    int sumi = 0;
    for (int j = 0; j < kQK8_0 / 2; ++j) {
      sumi += (x[i].qs[j] & 0x0f) * y[i].qs[j] + (x[i].qs[j] >> 4) * y[i].qs[j + kQK8_0 / 2];
    }
    sum += static_cast<float>(sumi) * (fp16_to_fp32(x[i].d) * fp16_to_fp32(y[i].d)) +
           fp16_to_fp32(x[i].m) * fp16_to_fp32(y[i].s);
  }
  return sum;
}

// The fifth bit of element j (0..15) and j+16 of a Q5 block.
inline int q5_low(const uint8_t* qs, uint32_t qh, int j) { return (qs[j] & 0x0f) | (((qh >> j) << 4) & 0x10); }
inline int q5_high(const uint8_t* qs, uint32_t qh, int j) { return (qs[j] >> 4) | ((qh >> (j + 12)) & 0x10); }

float dot_q5_0(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ5_0*>(w);
  const auto* y = static_cast<const BlockQ8_0*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK8_0; ++i) {
    const uint32_t qh = load_qh(x[i].qh);
    int sumi = 0;
    for (int j = 0; j < kQK8_0 / 2; ++j) {
      sumi += (q5_low(x[i].qs, qh, j) - 16) * y[i].qs[j] + (q5_high(x[i].qs, qh, j) - 16) * y[i].qs[j + kQK8_0 / 2];
    }
    sum += static_cast<float>(sumi) * (fp16_to_fp32(x[i].d) * fp16_to_fp32(y[i].d));
  }
  return sum;
}

float dot_q5_1(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ5_1*>(w);
  const auto* y = static_cast<const BlockQ8_1*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK8_0; ++i) {
    const uint32_t qh = load_qh(x[i].qh);
    int sumi = 0;
    for (int j = 0; j < kQK8_0 / 2; ++j) {
      sumi += q5_low(x[i].qs, qh, j) * y[i].qs[j] + q5_high(x[i].qs, qh, j) * y[i].qs[j + kQK8_0 / 2];
    }
    sum += static_cast<float>(sumi) * (fp16_to_fp32(x[i].d) * fp16_to_fp32(y[i].d)) +
           fp16_to_fp32(x[i].m) * fp16_to_fp32(y[i].s);
  }
  return sum;
}

float dot_q8_0(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ8_0*>(w);
  const auto* y = static_cast<const BlockQ8_0*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK8_0; ++i) {
    int sumi = 0;
    for (int j = 0; j < kQK8_0; ++j) sumi += x[i].qs[j] * y[i].qs[j];
    sum += static_cast<float>(sumi) * (fp16_to_fp32(x[i].d) * fp16_to_fp32(y[i].d));
  }
  return sum;
}

float dot_q2_k(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ2_K*>(w);
  const auto* y = static_cast<const BlockQ8_K*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK_K; ++i) {
    int mins = 0;
    for (int j = 0; j < 16; ++j) mins += (x[i].scales[j] >> 4) * y[i].bsums[j];
    int sumi = 0;
    for (int e = 0; e < kQK_K; ++e) {
      const int half = e / 128, group = (e % 128) / 32, l = e % 32;  // 2-bit field `group` of byte l
      const int q = (x[i].qs[half * 32 + l] >> (2 * group)) & 3;
      sumi += (x[i].scales[e / 16] & 0x0f) * q * y[i].qs[e];
    }
    sum += y[i].d * fp16_to_fp32(x[i].d) * static_cast<float>(sumi) -
           y[i].d * fp16_to_fp32(x[i].dmin) * static_cast<float>(mins);
  }
  return sum;
}

float dot_q3_k(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ3_K*>(w);
  const auto* y = static_cast<const BlockQ8_K*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK_K; ++i) {
    int8_t scales[16];
    unpack_q3_k_scales(x[i].scales, scales);
    int sumi = 0;
    for (int e = 0; e < kQK_K; ++e) {
      const int half = e / 128, group = (e % 128) / 32, l = e % 32;
      const int low = (x[i].qs[half * 32 + l] >> (2 * group)) & 3;
      const int high_set = (x[i].hmask[l] >> (half * 4 + group)) & 1;
      sumi += scales[e / 16] * (low - (high_set ? 0 : 4)) * y[i].qs[e];
    }
    sum += fp16_to_fp32(x[i].d) * y[i].d * static_cast<float>(sumi);
  }
  return sum;
}

// Q4_K and Q5_K share the scale/min layout: 8 sub-blocks of 32 with 6-bit scales and mins.
template <typename Block, bool kFifthBit>
float dot_q45_k(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const Block*>(w);
  const auto* y = static_cast<const BlockQ8_K*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK_K; ++i) {
    int sumi = 0, mins = 0;
    for (int sub = 0; sub < 8; ++sub) {
      const ScaleMin sm = q4_k_scale_min(x[i].scales, sub);
      int sub_sum = 0;
      for (int l = 0; l < 32; ++l) {
        const uint8_t byte = x[i].qs[(sub / 2) * 32 + l];
        int q = (sub % 2 == 0) ? (byte & 0x0f) : (byte >> 4);
        if constexpr (kFifthBit) q += ((x[i].qh[l] >> sub) & 1) << 4;
        sub_sum += q * y[i].qs[sub * 32 + l];
      }
      sumi += sm.scale * sub_sum;
      mins += sm.min * (y[i].bsums[2 * sub] + y[i].bsums[2 * sub + 1]);
    }
    sum += fp16_to_fp32(x[i].d) * y[i].d * static_cast<float>(sumi) -
           fp16_to_fp32(x[i].dmin) * y[i].d * static_cast<float>(mins);
  }
  return sum;
}

float dot_q6_k(int64_t n, const void* w, const void* a) {
  const auto* x = static_cast<const BlockQ6_K*>(w);
  const auto* y = static_cast<const BlockQ8_K*>(a);
  float sum = 0;
  for (int64_t i = 0; i < n / kQK_K; ++i) {
    int sumi = 0;
    for (int e = 0; e < kQK_K; ++e) {
      // Element e: half h (128 each), quarter g (32 each) of that half, position l in the quarter.
      const int h = e / 128, g = (e % 128) / 32, l = e % 32;
      const uint8_t low_byte = x[i].ql[h * 64 + (g % 2) * 32 + l];
      const int low = (g < 2) ? (low_byte & 0x0f) : (low_byte >> 4);
      const int high = (x[i].qh[h * 32 + l] >> (2 * g)) & 3;
      sumi += x[i].scales[e / 16] * ((low | (high << 4)) - 32) * y[i].qs[e];
    }
    sum += fp16_to_fp32(x[i].d) * y[i].d * static_cast<float>(sumi);
  }
  return sum;
}

constexpr int id(GgmlType t) { return static_cast<int>(t); }

// gate[i] = silu(gate[i]) * up[i].
void silu_mul(float* gate, const float* up, int64_t n) {
  for (int64_t i = 0; i < n; ++i) gate[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

// Softmax in place: max-subtracted, sum in double.
void softmax(float* x, int64_t n) {
  float max = -INFINITY;
  for (int64_t i = 0; i < n; ++i) max = x[i] > max ? x[i] : max;
  double sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    x[i] = std::exp(x[i] - max);
    sum += x[i];
  }
  const float inv = static_cast<float>(1.0 / sum);
  for (int64_t i = 0; i < n; ++i) x[i] *= inv;
}

// dot_half_like<fp16_to_fp32>'s sum, with the second operand's F16 values already as floats.
void f16_rows_dot(int64_t n, const uint16_t* rows, int64_t row_stride, int64_t n_rows, const float* x, int64_t x_stride,
                  int64_t n_x, float* out, int64_t out_stride) {
  for (int64_t j = 0; j < n_x; ++j) {
    for (int64_t r = 0; r < n_rows; ++r) {
      const uint16_t* row = rows + r * row_stride;
      double sum = 0;
      for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(fp16_to_fp32(row[i])) * x[j * x_stride + i];
      out[j * out_stride + r] = static_cast<float>(sum);
    }
  }
}

void round_to_f16(const float* x, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = fp16_to_fp32(fp32_to_fp16(x[i]));
}

}  // namespace

void fill_scalar_kernels(KernelSet& set) {
  set.name = "scalar";
  set.f16_rows_dot = f16_rows_dot;
  set.round_to_f16 = round_to_f16;
  set.softmax = softmax;
  set.silu_mul = silu_mul;
  set.quantize[id(GgmlType::kF32)] = quantize_f32;
  set.quantize[id(GgmlType::kF16)] = quantize_f16;
  set.quantize[id(GgmlType::kBF16)] = quantize_bf16;
  set.quantize[id(GgmlType::kQ8_0)] = quantize_q8_0;
  set.quantize[id(GgmlType::kQ8_1)] = quantize_q8_1;
  set.quantize[id(GgmlType::kQ8_K)] = quantize_q8_k;
  set.vec_dot[id(GgmlType::kF32)] = dot_f32;
  set.vec_dot[id(GgmlType::kF16)] = dot_half_like<fp16_to_fp32>;
  set.vec_dot[id(GgmlType::kBF16)] = dot_half_like<bf16_to_fp32>;
  set.vec_dot[id(GgmlType::kQ4_0)] = dot_q4_0;
  set.vec_dot[id(GgmlType::kQ4_1)] = dot_q4_1;
  set.vec_dot[id(GgmlType::kQ5_0)] = dot_q5_0;
  set.vec_dot[id(GgmlType::kQ5_1)] = dot_q5_1;
  set.vec_dot[id(GgmlType::kQ8_0)] = dot_q8_0;
  set.vec_dot[id(GgmlType::kQ2_K)] = dot_q2_k;
  set.vec_dot[id(GgmlType::kQ3_K)] = dot_q3_k;
  set.vec_dot[id(GgmlType::kQ4_K)] = dot_q45_k<BlockQ4_K, false>;
  set.vec_dot[id(GgmlType::kQ5_K)] = dot_q45_k<BlockQ5_K, true>;
  set.vec_dot[id(GgmlType::kQ6_K)] = dot_q6_k;
}

}  // namespace textra::llm
