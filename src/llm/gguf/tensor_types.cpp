#include "llm/gguf/tensor_types.h"

#include <array>
#include <cctype>
#include <cmath>

namespace textra::llm {
namespace {

struct TypeEntry {
  std::uint32_t id;
  GgmlTypeTraits traits;
};

// Block geometry of every type ggml defines (ggml-common.h); dequantisation is implemented for the
// types a CPU model file of the supported families uses (see dequantize.h).
constexpr std::array kTypes = {
    TypeEntry{0, {"f32", 1, 4, true}},
    TypeEntry{1, {"f16", 1, 2, true}},
    TypeEntry{2, {"q4_0", 32, 18, true}},
    TypeEntry{3, {"q4_1", 32, 20, true}},
    TypeEntry{6, {"q5_0", 32, 22, true}},
    TypeEntry{7, {"q5_1", 32, 24, true}},
    TypeEntry{8, {"q8_0", 32, 34, true}},
    TypeEntry{9, {"q8_1", 32, 36, false}},
    TypeEntry{10, {"q2_K", 256, 84, true}},
    TypeEntry{11, {"q3_K", 256, 110, true}},
    TypeEntry{12, {"q4_K", 256, 144, true}},
    TypeEntry{13, {"q5_K", 256, 176, true}},
    TypeEntry{14, {"q6_K", 256, 210, true}},
    TypeEntry{15, {"q8_K", 256, 292, true}},
    TypeEntry{16, {"iq2_xxs", 256, 66, false}},
    TypeEntry{17, {"iq2_xs", 256, 74, false}},
    TypeEntry{18, {"iq3_xxs", 256, 98, false}},
    TypeEntry{19, {"iq1_s", 256, 50, false}},
    TypeEntry{20, {"iq4_nl", 32, 18, false}},
    TypeEntry{21, {"iq3_s", 256, 110, false}},
    TypeEntry{22, {"iq2_s", 256, 82, false}},
    TypeEntry{23, {"iq4_xs", 256, 136, false}},
    TypeEntry{24, {"i8", 1, 1, false}},
    TypeEntry{25, {"i16", 1, 2, false}},
    TypeEntry{26, {"i32", 1, 4, false}},
    TypeEntry{27, {"i64", 1, 8, false}},
    TypeEntry{28, {"f64", 1, 8, false}},
    TypeEntry{29, {"iq1_m", 256, 56, false}},
    TypeEntry{30, {"bf16", 1, 2, true}},
    TypeEntry{34, {"tq1_0", 256, 54, false}},
    TypeEntry{35, {"tq2_0", 256, 66, false}},
};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<GgmlTypeTraits> ggml_type_traits(std::uint32_t id) {
  for (const auto& entry : kTypes) {
    if (entry.id == id) return entry.traits;
  }
  return std::nullopt;
}

const GgmlTypeTraits& traits(GgmlType type) {
  for (const auto& entry : kTypes) {
    if (entry.id == static_cast<std::uint32_t>(type)) return entry.traits;
  }
  // Only reachable with a value cast from an unchecked integer: a bug in the caller.
  static const GgmlTypeTraits kInvalid{"invalid", 1, 0, false};
  return kInvalid;
}

std::string_view type_name(GgmlType type) { return traits(type).name; }

std::optional<GgmlType> type_from_name(std::string_view name) {
  for (const auto& entry : kTypes) {
    if (equal_ignoring_case(entry.traits.name, name)) return static_cast<GgmlType>(entry.id);
  }
  return std::nullopt;
}

std::optional<std::uint64_t> row_bytes(GgmlType type, std::uint64_t n) {
  const GgmlTypeTraits& t = traits(type);
  if (t.type_size == 0 || n % t.block_size != 0) return std::nullopt;
  return n / t.block_size * t.type_size;
}

float fp16_to_fp32(Fp16Bits h) {
  const std::uint32_t sign = static_cast<std::uint32_t>(h & 0x8000u) << 16;
  const std::uint32_t exponent = (h >> 10) & 0x1fu;
  std::uint32_t mantissa = h & 0x3ffu;
  if (exponent == 0x1f) {  // infinity or NaN: keep the payload
    return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
  }
  if (exponent == 0) {
    if (mantissa == 0) return std::bit_cast<float>(sign);
    // Subnormal half: value = mantissa * 2^-24, exact in float.
    const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  return std::bit_cast<float>(sign | ((exponent + 112u) << 23) | (mantissa << 13));
}

Fp16Bits fp32_to_fp16(float f) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(f);
  const std::uint16_t sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
  const std::uint32_t abs_bits = bits & 0x7fffffffu;
  if (abs_bits > 0x7f800000u) return static_cast<Fp16Bits>(sign | 0x7e00u | ((abs_bits >> 13) & 0x3ffu));  // NaN
  if (abs_bits >= 0x47800000u) {
    // |f| >= 65536: infinity. Values in [65520, 65536) round up to infinity below.
    return static_cast<Fp16Bits>(sign | 0x7c00u);
  }
  if (abs_bits < 0x38800000u) {
    // Below the smallest normal half (2^-14): subnormal or zero. Scale to units of 2^-24 and round
    // to nearest even (float rint uses the default round-to-nearest-even mode).
    const float units = std::bit_cast<float>(abs_bits) * 16777216.0f;  // exact: power-of-two scaling
    return static_cast<Fp16Bits>(sign | static_cast<std::uint16_t>(std::nearbyint(units)));
  }
  // Normal: rebias the exponent, round the 13 dropped mantissa bits to nearest even. A carry out of the
  // mantissa correctly increments the exponent (up to infinity).
  std::uint32_t half = ((abs_bits - 0x38000000u) >> 13);
  const std::uint32_t dropped = abs_bits & 0x1fffu;
  if (dropped > 0x1000u || (dropped == 0x1000u && (half & 1u))) ++half;
  return static_cast<Fp16Bits>(sign | half);
}

std::uint16_t fp32_to_bf16(float f) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(f);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((bits >> 16) | 64u);  // quiet NaN
  return static_cast<std::uint16_t>((bits + (0x7fffu + ((bits >> 16) & 1u))) >> 16);
}

}  // namespace textra::llm
