// exp() that the compiler can vectorise (std::exp is a library call in every loop that uses it): range
// reduction to 2^n * e^r with |r| <= ln2/2 and a degree-6 polynomial, relative error about 2e-7.
#pragma once

#include <cstdint>
#include <cstring>

namespace textra::nn {

// roundf (halves away from zero) for |v| < 2^23, without the library call GCC makes for roundf on baseline
// x86-64 (no SSE4.1): the call kept fast_exp's loops from vectorising. v - truncated is exact in that range.
inline float round_half_away(float v) {
  const float truncated = static_cast<float>(static_cast<int32_t>(v));
  const float away = v < 0.0f ? -1.0f : 1.0f;
  return (v - truncated) * away >= 0.5f ? truncated + away : truncated;
}

inline float fast_exp(float x) {
  x = x < -87.0f ? -87.0f : (x > 88.0f ? 88.0f : x);
  const float n = round_half_away(x * 1.44269504088896341f);  // x / ln 2, |n| <= 127
  const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;  // x - n ln 2, ln 2 split in two for precision
  float p = 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(n) + 127) << 23;  // 2^n
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

}  // namespace textra::nn
