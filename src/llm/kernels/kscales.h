// Decoding of the packed sub-block scales of the K-quant types (shared by all kernel variants).
#pragma once

#include <cstdint>
#include <cstring>

namespace textra::llm {

struct ScaleMin {
  int scale;
  int min;
};

// Q4_K / Q5_K: 8 pairs of 6-bit (scale, min) packed into 12 bytes.
inline ScaleMin q4_k_scale_min(const uint8_t* q, int j) {
  if (j < 4) return {q[j] & 63, q[j + 4] & 63};
  return {(q[j + 4] & 0x0f) | ((q[j - 4] >> 6) << 4), (q[j + 4] >> 4) | ((q[j] >> 6) << 4)};
}

// The same 8 scales then 8 mins as 16 bytes (four little-endian words), all at once: bytes 0..3 keep
// the first four 6-bit values, bytes 8..11 hold the low 4 bits of the last four and the top 2 bits ride in
// bits 6..7 of bytes 0..7. For SIMD kernels, which widen the bytes in one step.
inline void q4_k_scales_then_mins(const uint8_t* packed, uint32_t out[4]) {
  uint32_t w[3];
  std::memcpy(w, packed, 12);
  const uint32_t low6 = 0x3f3f3f3f, low4 = 0x0f0f0f0f, top2 = 0x03030303;
  out[0] = w[0] & low6;
  out[1] = (w[2] & low4) | (((w[0] >> 6) & top2) << 4);
  out[2] = w[1] & low6;
  out[3] = ((w[2] >> 4) & low4) | (((w[1] >> 6) & top2) << 4);
}

// Q3_K: 16 signed 6-bit scales (stored + 32) packed into 12 bytes: low 4 bits in bytes 0..7, high 2 bits
// in bytes 8..11.
inline void unpack_q3_k_scales(const uint8_t* packed, int8_t out[16]) {
  for (int j = 0; j < 16; ++j) {
    const int low = (j < 8) ? (packed[j] & 0x0f) : (packed[j - 8] >> 4);
    const int high = (packed[8 + j % 4] >> (2 * (j / 4))) & 3;
    out[j] = static_cast<int8_t>((low | (high << 4)) - 32);
  }
}

}  // namespace textra::llm
