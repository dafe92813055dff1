// ggml tensor types as stored in GGUF files: the type ids, block geometry, and the block layouts.
// The ids and the byte layout of every block struct are those of ggml (llama.cpp), so that files written
// by other tools read back bit for bit. Multi-byte fields are little-endian in the file; like ggml we only
// support little-endian hosts, so the structs can be laid over the mapped bytes directly.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace textra::llm {

static_assert(std::endian::native == std::endian::little, "GGUF block layouts assume a little-endian host");

// ggml_type ids (ggml.h). Gaps are ids ggml removed; they are refused when read.
enum class GgmlType : std::uint32_t {
  kF32 = 0,
  kF16 = 1,
  kQ4_0 = 2,
  kQ4_1 = 3,
  kQ5_0 = 6,
  kQ5_1 = 7,
  kQ8_0 = 8,
  kQ8_1 = 9,
  kQ2_K = 10,
  kQ3_K = 11,
  kQ4_K = 12,
  kQ5_K = 13,
  kQ6_K = 14,
  kQ8_K = 15,
  kIQ2_XXS = 16,
  kIQ2_XS = 17,
  kIQ3_XXS = 18,
  kIQ1_S = 19,
  kIQ4_NL = 20,
  kIQ3_S = 21,
  kIQ2_S = 22,
  kIQ4_XS = 23,
  kI8 = 24,
  kI16 = 25,
  kI32 = 26,
  kI64 = 27,
  kF64 = 28,
  kIQ1_M = 29,
  kBF16 = 30,
  kTQ1_0 = 34,
  kTQ2_0 = 35,
};

struct GgmlTypeTraits {
  std::string_view name;     // ggml's name: "f32", "q4_K", ...
  std::uint32_t block_size;  // elements per block (1 for plain types)
  std::uint32_t type_size;   // bytes per block
  bool can_dequantize;       // dequantize_row() handles it
};

// Traits of a known type id, nullopt for ids that ggml never had or removed.
std::optional<GgmlTypeTraits> ggml_type_traits(std::uint32_t id);
// Traits of a valid enum value (every enumerator is known).
const GgmlTypeTraits& traits(GgmlType type);
std::string_view type_name(GgmlType type);
// Parses ggml's names, case-insensitive ("q4_k", "Q4_K", "bf16").
std::optional<GgmlType> type_from_name(std::string_view name);

// Bytes of one row of n elements; nullopt when n is not a multiple of the block size.
std::optional<std::uint64_t> row_bytes(GgmlType type, std::uint64_t n);

// ---- Block layouts (bit-exact with ggml-common.h). fp16 fields are raw IEEE half bits. ----
constexpr int kQK4_0 = 32;
constexpr int kQK4_1 = 32;
constexpr int kQK5_0 = 32;
constexpr int kQK5_1 = 32;
constexpr int kQK8_0 = 32;
constexpr int kQK_K = 256;     // super-block size of the K-quants
constexpr int kKScaleSize = 12;  // packed 6-bit scales and mins of Q4_K / Q5_K

using Fp16Bits = std::uint16_t;

struct BlockQ4_0 {
  Fp16Bits d;                  // scale
  std::uint8_t qs[kQK4_0 / 2];  // element j in the low nibble of qs[j], element j+16 in the high nibble
};
struct BlockQ4_1 {
  Fp16Bits d;  // scale
  Fp16Bits m;  // minimum
  std::uint8_t qs[kQK4_1 / 2];
};
struct BlockQ5_0 {
  Fp16Bits d;
  std::uint8_t qh[4];  // fifth bits, as one little-endian uint32 (bit j = element j)
  std::uint8_t qs[kQK5_0 / 2];
};
struct BlockQ5_1 {
  Fp16Bits d;
  Fp16Bits m;
  std::uint8_t qh[4];
  std::uint8_t qs[kQK5_1 / 2];
};
struct BlockQ8_0 {
  Fp16Bits d;
  std::int8_t qs[kQK8_0];
};
struct BlockQ8_1 {
  Fp16Bits d;
  Fp16Bits s;  // d * sum(qs)
  std::int8_t qs[kQK8_0];
};
// 2.625 bits per weight: 16 sub-blocks of 16, 4-bit scale and 4-bit min per sub-block.
struct BlockQ2_K {
  std::uint8_t scales[kQK_K / 16];  // low nibble scale, high nibble min
  std::uint8_t qs[kQK_K / 4];       // 2-bit quants
  Fp16Bits d;                       // super-block scale of the scales
  Fp16Bits dmin;                    // super-block scale of the mins
};
// 3.4375 bits per weight: 16 sub-blocks of 16, 6-bit signed scales.
struct BlockQ3_K {
  std::uint8_t hmask[kQK_K / 8];  // high bit of each quant
  std::uint8_t qs[kQK_K / 4];     // low 2 bits
  std::uint8_t scales[12];        // 16 6-bit scales, packed
  Fp16Bits d;
};
// 4.5 bits per weight: 8 sub-blocks of 32, 6-bit scales and mins.
struct BlockQ4_K {
  Fp16Bits d;
  Fp16Bits dmin;
  std::uint8_t scales[kKScaleSize];
  std::uint8_t qs[kQK_K / 2];
};
// 5.5 bits per weight.
struct BlockQ5_K {
  Fp16Bits d;
  Fp16Bits dmin;
  std::uint8_t scales[kKScaleSize];
  std::uint8_t qh[kQK_K / 8];
  std::uint8_t qs[kQK_K / 2];
};
// 6.5625 bits per weight: 16 sub-blocks of 16, 8-bit signed scales.
struct BlockQ6_K {
  std::uint8_t ql[kQK_K / 2];      // low 4 bits
  std::uint8_t qh[kQK_K / 4];      // high 2 bits
  std::int8_t scales[kQK_K / 16];
  Fp16Bits d;
};
// Intermediate type for dot products with K-quants (activations); also a storable type.
struct BlockQ8_K {
  float d;
  std::int8_t qs[kQK_K];
  std::int16_t bsums[kQK_K / 16];  // sums of groups of 16 quants
};

static_assert(sizeof(BlockQ4_0) == 18);
static_assert(sizeof(BlockQ4_1) == 20);
static_assert(sizeof(BlockQ5_0) == 22);
static_assert(sizeof(BlockQ5_1) == 24);
static_assert(sizeof(BlockQ8_0) == 34);
static_assert(sizeof(BlockQ8_1) == 36);
static_assert(sizeof(BlockQ2_K) == 84);
static_assert(sizeof(BlockQ3_K) == 110);
static_assert(sizeof(BlockQ4_K) == 144);
static_assert(sizeof(BlockQ5_K) == 176);
static_assert(sizeof(BlockQ6_K) == 210);
static_assert(sizeof(BlockQ8_K) == 292);

// ---- fp16 / bf16 ----
// Exact widening (subnormals, infinities and NaN preserved).
float fp16_to_fp32(Fp16Bits h);
// Round to nearest even, overflow to infinity, NaN stays NaN (as F16C / ggml).
Fp16Bits fp32_to_fp16(float f);
inline float bf16_to_fp32(std::uint16_t b) { return std::bit_cast<float>(static_cast<std::uint32_t>(b) << 16); }
// Round to nearest even; NaN is kept quiet (as ggml_compute_fp32_to_bf16).
std::uint16_t fp32_to_bf16(float f);

}  // namespace textra::llm
