// IEEE half and bfloat16 conversions in plain C++ (bit-exact with F16C's round-to-nearest-even),
// used by the scalar kernels and wherever a single value is converted.
#pragma once

#include <cstdint>
#include <cstring>

namespace textra::llm {

inline float bits_to_float(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
inline uint32_t float_to_bits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return bits;
}

inline float fp16_to_fp32(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1f;
  uint32_t mantissa = h & 0x3ff;
  if (exponent == 0x1f) return bits_to_float(sign | 0x7f800000u | (mantissa << 13));  // inf / NaN
  if (exponent != 0) return bits_to_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
  if (mantissa == 0) return bits_to_float(sign);
  // Subnormal half: normalise.
  int e = -1;
  do {
    ++e;
    mantissa <<= 1;
  } while ((mantissa & 0x400) == 0);
  return bits_to_float(sign | static_cast<uint32_t>(112 - e) << 23 | ((mantissa & 0x3ff) << 13));
}

inline uint16_t fp32_to_fp16(float f) {
  const uint32_t x = float_to_bits(f);
  const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000);
  const uint32_t abs = x & 0x7fffffffu;
  if (abs >= 0x7f800000u) return sign | 0x7c00 | (abs > 0x7f800000u ? 0x200 : 0);  // inf / NaN
  if (abs >= 0x477ff000u) return sign | 0x7c00;  // rounds to >= 65520: overflow to inf
  if (abs < 0x38800000u) {
    // Result is subnormal (or zero): add the value to 0.5 so the FPU rounds the mantissa for us.
    const float rounded = bits_to_float(abs) + 0.5f;
    return sign | static_cast<uint16_t>(float_to_bits(rounded) - 0x3f000000u);
  }
  const uint32_t mantissa_odd = (abs >> 13) & 1;
  const uint32_t biased = abs - 0x38000000u + 0xfff + mantissa_odd;  // rebias and round to nearest even
  return sign | static_cast<uint16_t>(biased >> 13);
}

inline float bf16_to_fp32(uint16_t h) { return bits_to_float(static_cast<uint32_t>(h) << 16); }

inline uint16_t fp32_to_bf16(float f) {
  const uint32_t x = float_to_bits(f);
  if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 64);  // quiet NaN
  return static_cast<uint16_t>((x + (0x7fff + ((x >> 16) & 1))) >> 16);
}

}  // namespace textra::llm
