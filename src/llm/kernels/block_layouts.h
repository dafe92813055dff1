// Block layouts of ggml's quantised tensor types (GGUF stores tensors as arrays of these blocks).
// These mirror the file format byte for byte: the static_asserts pin the sizes the format defines.
#pragma once

#include <cstdint>

namespace textra::llm {

// ggml type ids as stored in GGUF tensor infos.
enum class GgmlType : uint32_t {
  F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
  Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15, BF16 = 30,
};

constexpr int kQK = 32;     // elements per block of the "legacy" types
constexpr int kQK_K = 256;  // elements per super-block of the K-quants

using fp16_t = uint16_t;
using bf16_t = uint16_t;

struct BlockQ4_0 { fp16_t d; uint8_t qs[kQK / 2]; };
struct BlockQ4_1 { fp16_t d; fp16_t m; uint8_t qs[kQK / 2]; };
struct BlockQ5_0 { fp16_t d; uint8_t qh[4]; uint8_t qs[kQK / 2]; };
struct BlockQ5_1 { fp16_t d; fp16_t m; uint8_t qh[4]; uint8_t qs[kQK / 2]; };
struct BlockQ8_0 { fp16_t d; int8_t qs[kQK]; };
struct BlockQ8_1 { fp16_t d; fp16_t s; int8_t qs[kQK]; };  // s = d * sum(qs)
struct BlockQ2_K { uint8_t scales[kQK_K / 16]; uint8_t qs[kQK_K / 4]; fp16_t d; fp16_t dmin; };
struct BlockQ3_K { uint8_t hmask[kQK_K / 8]; uint8_t qs[kQK_K / 4]; uint8_t scales[12]; fp16_t d; };
struct BlockQ4_K { fp16_t d; fp16_t dmin; uint8_t scales[12]; uint8_t qs[kQK_K / 2]; };
struct BlockQ5_K { fp16_t d; fp16_t dmin; uint8_t scales[12]; uint8_t qh[kQK_K / 8]; uint8_t qs[kQK_K / 2]; };
struct BlockQ6_K { uint8_t ql[kQK_K / 2]; uint8_t qh[kQK_K / 4]; int8_t scales[kQK_K / 16]; fp16_t d; };
struct BlockQ8_K { float d; int8_t qs[kQK_K]; int16_t bsums[kQK_K / 16]; };

static_assert(sizeof(BlockQ4_0) == 18 && sizeof(BlockQ4_1) == 20 && sizeof(BlockQ5_0) == 22);
static_assert(sizeof(BlockQ5_1) == 24 && sizeof(BlockQ8_0) == 34 && sizeof(BlockQ8_1) == 36);
static_assert(sizeof(BlockQ2_K) == 84 && sizeof(BlockQ3_K) == 110 && sizeof(BlockQ4_K) == 144);
static_assert(sizeof(BlockQ5_K) == 176 && sizeof(BlockQ6_K) == 210 && sizeof(BlockQ8_K) == 292);

}  // namespace textra::llm
