// TEMPORARY stand-in for llm/gguf/tensor_types.h (same names) until the gguf part lands.
// Block layouts of ggml's quantised tensor types (GGUF stores tensors as arrays of these blocks).
// These mirror the file format byte for byte: the static_asserts pin the sizes the format defines.
#pragma once

#include <cstdint>

namespace textra::llm {

// ggml type ids as stored in GGUF tensor infos.
enum class GgmlType : uint32_t {
  kF32 = 0, kF16 = 1, kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ8_1 = 9,
  kQ2_K = 10, kQ3_K = 11, kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kQ8_K = 15, kBF16 = 30,
};

constexpr int kQK8_0 = 32;     // elements per block of the "legacy" types
constexpr int kQK_K = 256;  // elements per super-block of the K-quants

using Fp16Bits = uint16_t;
using bf16_t = uint16_t;

struct BlockQ4_0 { Fp16Bits d; uint8_t qs[kQK8_0 / 2]; };
struct BlockQ4_1 { Fp16Bits d; Fp16Bits m; uint8_t qs[kQK8_0 / 2]; };
struct BlockQ5_0 { Fp16Bits d; uint8_t qh[4]; uint8_t qs[kQK8_0 / 2]; };
struct BlockQ5_1 { Fp16Bits d; Fp16Bits m; uint8_t qh[4]; uint8_t qs[kQK8_0 / 2]; };
struct BlockQ8_0 { Fp16Bits d; int8_t qs[kQK8_0]; };
struct BlockQ8_1 { Fp16Bits d; Fp16Bits s; int8_t qs[kQK8_0]; };  // s = d * sum(qs)
struct BlockQ2_K { uint8_t scales[kQK_K / 16]; uint8_t qs[kQK_K / 4]; Fp16Bits d; Fp16Bits dmin; };
struct BlockQ3_K { uint8_t hmask[kQK_K / 8]; uint8_t qs[kQK_K / 4]; uint8_t scales[12]; Fp16Bits d; };
struct BlockQ4_K { Fp16Bits d; Fp16Bits dmin; uint8_t scales[12]; uint8_t qs[kQK_K / 2]; };
struct BlockQ5_K { Fp16Bits d; Fp16Bits dmin; uint8_t scales[12]; uint8_t qh[kQK_K / 8]; uint8_t qs[kQK_K / 2]; };
struct BlockQ6_K { uint8_t ql[kQK_K / 2]; uint8_t qh[kQK_K / 4]; int8_t scales[kQK_K / 16]; Fp16Bits d; };
struct BlockQ8_K { float d; int8_t qs[kQK_K]; int16_t bsums[kQK_K / 16]; };

static_assert(sizeof(BlockQ4_0) == 18 && sizeof(BlockQ4_1) == 20 && sizeof(BlockQ5_0) == 22);
static_assert(sizeof(BlockQ5_1) == 24 && sizeof(BlockQ8_0) == 34 && sizeof(BlockQ8_1) == 36);
static_assert(sizeof(BlockQ2_K) == 84 && sizeof(BlockQ3_K) == 110 && sizeof(BlockQ4_K) == 144);
static_assert(sizeof(BlockQ5_K) == 176 && sizeof(BlockQ6_K) == 210 && sizeof(BlockQ8_K) == 292);

}  // namespace textra::llm
