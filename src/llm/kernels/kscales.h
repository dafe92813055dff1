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
