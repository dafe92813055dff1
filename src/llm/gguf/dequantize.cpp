#include "llm/gguf/dequantize.h"

#include <cstring>
#include <string>

namespace textra::llm {
namespace {

// Blocks are copied out of the (possibly unaligned) bytes before use.
template <typename Block>
Block load_block(const std::uint8_t* data, std::size_t index) {
  Block block;
  std::memcpy(&block, data + index * sizeof(Block), sizeof(Block));
  return block;
}

void dequantize_q4_0(const BlockQ4_0& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  for (int j = 0; j < kQK4_0 / 2; ++j) {
    y[j] = static_cast<float>((x.qs[j] & 0x0f) - 8) * d;
    y[j + kQK4_0 / 2] = static_cast<float>((x.qs[j] >> 4) - 8) * d;
  }
}

void dequantize_q4_1(const BlockQ4_1& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  const float m = fp16_to_fp32(x.m);
  for (int j = 0; j < kQK4_1 / 2; ++j) {
    y[j] = static_cast<float>(x.qs[j] & 0x0f) * d + m;
    y[j + kQK4_1 / 2] = static_cast<float>(x.qs[j] >> 4) * d + m;
  }
}

// Element j's fifth bit is bit j of qh; element j+16's is bit j+16.
template <typename Block>
void q5_values(const Block& x, int* values) {
  std::uint32_t qh = 0;
  std::memcpy(&qh, x.qh, sizeof qh);
  for (int j = 0; j < 16; ++j) {
    values[j] = (x.qs[j] & 0x0f) | static_cast<int>(((qh >> j) & 1u) << 4);
    values[j + 16] = (x.qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
  }
}

void dequantize_q5_0(const BlockQ5_0& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  int values[kQK5_0];
  q5_values(x, values);
  for (int j = 0; j < kQK5_0; ++j) y[j] = static_cast<float>(values[j] - 16) * d;
}

void dequantize_q5_1(const BlockQ5_1& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  const float m = fp16_to_fp32(x.m);
  int values[kQK5_1];
  q5_values(x, values);
  for (int j = 0; j < kQK5_1; ++j) y[j] = static_cast<float>(values[j]) * d + m;
}

void dequantize_q8_0(const BlockQ8_0& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  for (int j = 0; j < kQK8_0; ++j) y[j] = static_cast<float>(x.qs[j]) * d;
}

// Q2_K: 16 sub-blocks of 16. Within each 128 half, the byte q[l] (l < 32) carries four 2-bit values
// at shifts 0, 2, 4, 6 for four consecutive groups of 32 outputs.
void dequantize_q2_k(const BlockQ2_K& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  const float dmin = fp16_to_fp32(x.dmin);
  const std::uint8_t* q = x.qs;
  int scale_index = 0;
  for (int half = 0; half < kQK_K; half += 128) {
    for (int shift = 0; shift < 8; shift += 2) {
      for (int part = 0; part < 2; ++part) {
        const std::uint8_t sc = x.scales[scale_index++];
        const float dl = d * static_cast<float>(sc & 0x0f);
        const float ml = dmin * static_cast<float>(sc >> 4);
        for (int l = 0; l < 16; ++l) *y++ = dl * static_cast<float>((q[l + 16 * part] >> shift) & 3) - ml;
      }
    }
    q += 32;
  }
}

// Q3_K's 16 6-bit scales: low 4 bits in scales[0..7] (two per byte), high 2 bits in scales[8..11].
void unpack_q3_k_scales(const std::uint8_t* packed, int* scales) {
  for (int i = 0; i < 16; ++i) {
    const int low = (i < 8) ? (packed[i] & 0x0f) : (packed[i - 8] >> 4);
    const int high = (packed[8 + i % 4] >> (2 * (i / 4))) & 3;
    scales[i] = (low | (high << 4)) - 32;
  }
}

void dequantize_q3_k(const BlockQ3_K& x, float* y) {
  const float d_all = fp16_to_fp32(x.d);
  int scales[16];
  unpack_q3_k_scales(x.scales, scales);
  const std::uint8_t* q = x.qs;
  std::uint8_t high_bit = 1;
  int scale_index = 0;
  for (int half = 0; half < kQK_K; half += 128) {
    for (int shift = 0; shift < 8; shift += 2) {
      for (int part = 0; part < 2; ++part) {
        const float dl = d_all * static_cast<float>(scales[scale_index++]);
        for (int l = 16 * part; l < 16 * part + 16; ++l) {
          const int value = ((q[l] >> shift) & 3) - ((x.hmask[l] & high_bit) ? 0 : 4);
          *y++ = dl * static_cast<float>(value);
        }
      }
      high_bit = static_cast<std::uint8_t>(high_bit << 1);
    }
    q += 32;
  }
}

// Q4_K / Q5_K: 8 sub-blocks of 32 with a 6-bit scale and a 6-bit min each, packed in 12 bytes.
void k4_scale_min(int j, const std::uint8_t* q, std::uint8_t& scale, std::uint8_t& min) {
  if (j < 4) {
    scale = q[j] & 63;
    min = q[j + 4] & 63;
  } else {
    scale = static_cast<std::uint8_t>((q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4));
    min = static_cast<std::uint8_t>((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
  }
}

struct ScaleMin {
  float scale;
  float min;
};

// Scale and min of sub-block j as floats: (d * scale6, dmin * min6), in ggml's evaluation order.
ScaleMin k4_sub_block(int j, const std::uint8_t* scales, float d, float dmin) {
  std::uint8_t sc = 0;
  std::uint8_t m = 0;
  k4_scale_min(j, scales, sc, m);
  return {d * static_cast<float>(sc), dmin * static_cast<float>(m)};
}

void dequantize_q4_k(const BlockQ4_K& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  const float dmin = fp16_to_fp32(x.dmin);
  const std::uint8_t* q = x.qs;
  for (int sub = 0; sub < 8; sub += 2) {
    const auto [d1, m1] = k4_sub_block(sub, x.scales, d, dmin);
    const auto [d2, m2] = k4_sub_block(sub + 1, x.scales, d, dmin);
    for (int l = 0; l < 32; ++l) *y++ = d1 * static_cast<float>(q[l] & 0x0f) - m1;
    for (int l = 0; l < 32; ++l) *y++ = d2 * static_cast<float>(q[l] >> 4) - m2;
    q += 32;
  }
}

void dequantize_q5_k(const BlockQ5_K& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  const float dmin = fp16_to_fp32(x.dmin);
  const std::uint8_t* ql = x.qs;
  std::uint8_t u1 = 1;
  std::uint8_t u2 = 2;
  for (int sub = 0; sub < 8; sub += 2) {
    const auto [d1, m1] = k4_sub_block(sub, x.scales, d, dmin);
    const auto [d2, m2] = k4_sub_block(sub + 1, x.scales, d, dmin);
    for (int l = 0; l < 32; ++l) {
      *y++ = d1 * static_cast<float>((ql[l] & 0x0f) + ((x.qh[l] & u1) ? 16 : 0)) - m1;
    }
    for (int l = 0; l < 32; ++l) {
      *y++ = d2 * static_cast<float>((ql[l] >> 4) + ((x.qh[l] & u2) ? 16 : 0)) - m2;
    }
    ql += 32;
    u1 = static_cast<std::uint8_t>(u1 << 2);
    u2 = static_cast<std::uint8_t>(u2 << 2);
  }
}

// Q6_K: per 128 outputs, 64 bytes of low nibbles and 32 bytes of 2-bit high parts.
void dequantize_q6_k(const BlockQ6_K& x, float* y) {
  const float d = fp16_to_fp32(x.d);
  const std::uint8_t* ql = x.ql;
  const std::uint8_t* qh = x.qh;
  const std::int8_t* sc = x.scales;
  for (int half = 0; half < kQK_K; half += 128) {
    for (int l = 0; l < 32; ++l) {
      const int is = l / 16;
      const int q1 = ((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
      const int q2 = ((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
      const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
      const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
      y[l] = d * static_cast<float>(sc[is]) * static_cast<float>(q1);
      y[l + 32] = d * static_cast<float>(sc[is + 2]) * static_cast<float>(q2);
      y[l + 64] = d * static_cast<float>(sc[is + 4]) * static_cast<float>(q3);
      y[l + 96] = d * static_cast<float>(sc[is + 6]) * static_cast<float>(q4);
    }
    y += 128;
    ql += 64;
    qh += 32;
    sc += 8;
  }
}

void dequantize_q8_k(const BlockQ8_K& x, float* y) {
  for (int j = 0; j < kQK_K; ++j) y[j] = x.d * static_cast<float>(x.qs[j]);
}

template <typename Block, void (*Decode)(const Block&, float*)>
void dequantize_blocks(const std::uint8_t* data, std::size_t n_blocks, int block_size, float* out) {
  for (std::size_t b = 0; b < n_blocks; ++b) Decode(load_block<Block>(data, b), out + b * block_size);
}

}  // namespace

Status dequantize(GgmlType type, std::span<const std::uint8_t> data, std::span<float> out) {
  const GgmlTypeTraits& t = traits(type);
  if (!t.can_dequantize) return unsupported("dequantisation of " + std::string(t.name) + " is not implemented");
  const auto bytes = row_bytes(type, out.size());
  if (!bytes) {
    return invalid_argument(std::to_string(out.size()) + " elements is not a whole number of " + std::string(t.name) +
                            " blocks");
  }
  if (*bytes != data.size()) {
    return invalid_argument(std::string(t.name) + ": " + std::to_string(out.size()) + " elements need " +
                            std::to_string(*bytes) + " bytes, got " + std::to_string(data.size()));
  }
  const std::size_t n = out.size();
  if (n == 0) return Status::ok();  // empty tensors have no bytes (and possibly null pointers)
  const std::uint8_t* src = data.data();
  float* dst = out.data();
  const std::size_t blocks = n / t.block_size;
  switch (type) {
    case GgmlType::kF32: std::memcpy(dst, src, n * sizeof(float)); break;
    case GgmlType::kF16:
      for (std::size_t i = 0; i < n; ++i) dst[i] = fp16_to_fp32(load_block<std::uint16_t>(src, i));
      break;
    case GgmlType::kBF16:
      for (std::size_t i = 0; i < n; ++i) dst[i] = bf16_to_fp32(load_block<std::uint16_t>(src, i));
      break;
    case GgmlType::kQ4_0: dequantize_blocks<BlockQ4_0, dequantize_q4_0>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ4_1: dequantize_blocks<BlockQ4_1, dequantize_q4_1>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ5_0: dequantize_blocks<BlockQ5_0, dequantize_q5_0>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ5_1: dequantize_blocks<BlockQ5_1, dequantize_q5_1>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ8_0: dequantize_blocks<BlockQ8_0, dequantize_q8_0>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ2_K: dequantize_blocks<BlockQ2_K, dequantize_q2_k>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ3_K: dequantize_blocks<BlockQ3_K, dequantize_q3_k>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ4_K: dequantize_blocks<BlockQ4_K, dequantize_q4_k>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ5_K: dequantize_blocks<BlockQ5_K, dequantize_q5_k>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ6_K: dequantize_blocks<BlockQ6_K, dequantize_q6_k>(src, blocks, t.block_size, dst); break;
    case GgmlType::kQ8_K: dequantize_blocks<BlockQ8_K, dequantize_q8_k>(src, blocks, t.block_size, dst); break;
    default: return internal_error("dequantisation table and type traits disagree on " + std::string(t.name));
  }
  return Status::ok();
}

Result<std::vector<float>> dequantize_tensor(const GgufTensorInfo& tensor) {
  std::vector<float> out(static_cast<std::size_t>(tensor.n_elements));
  Status status = dequantize(tensor.type, tensor.data, out);
  if (!status.is_ok()) return status.with_context("tensor '" + tensor.name + "'");
  return out;
}

}  // namespace textra::llm
