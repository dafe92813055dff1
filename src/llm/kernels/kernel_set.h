// The per-CPU set of kernels. Each instruction-set variant (scalar, AVX2, AVX-512) fills one KernelSet;
// kernels.cpp picks the best one the CPU (and the operating system) supports.
//
// A weight row of type T is multiplied with an activation row that was first converted to T's
// "activation type" (Q8_0 for Q4_0/Q5_0/Q8_0, Q8_1 for Q4_1/Q5_1, Q8_K for the K-quants, F16/BF16/F32 for
// the float types), exactly as ggml does, so integer dot products can be used.
#pragma once

#include <cstddef>
#include <cstdint>

#include "llm/gguf/tensor_types.h"

namespace textra::llm {

// Converts n floats (n a multiple of the activation type's block size) into activation blocks.
using QuantizeRowFn = void (*)(const float* x, void* out, int64_t n);
// Dot product of one weight row with one converted activation row, both of n elements.
using VecDotFn = float (*)(int64_t n, const void* weight_row, const void* act_row);

// out[j * out_stride + r] = dot(row r, x_j) for n_rows rows of n F16 values (row_stride elements apart) and
// n_x vectors x_j of n floats that hold F16 values (x_stride apart; see round_to_f16), each equal bit for bit
// to vec_dot[F16] of the row and x_j's F16 bits. Attention under grouped queries: the scores of a KV head's
// queries against its cached keys, and its values times their probabilities, converting each row once.
using F16RowsDotFn = void (*)(int64_t n, const uint16_t* rows, int64_t row_stride, int64_t n_rows, const float* x,
                              int64_t x_stride, int64_t n_x, float* out, int64_t out_stride);

// A tile of a batched product: tile_rows weight rows (w_stride bytes apart) times tile_cols converted
// activation rows (a_stride bytes apart): y[c * y_stride + r] = dot(row r, activation c).
using GemmTileFn = void (*)(int64_t n, const void* w, size_t w_stride, const void* act, size_t a_stride, float* y,
                            int64_t y_stride);

// Products with a few tokens (a draft or forced-text pass, the tokens a batch's tiles leave): n_rows weight
// rows (w_stride bytes apart) times n_cols (1..kMaxNarrowCols) converted activation rows (a_stride bytes
// apart): y[c * y_stride + r] = dot(row r, activation c). Each weight block is unpacked once for all the
// tokens, where a dot product per token unpacks it once per token; the sums per (row, token) are the dot
// product's, so the results equal it bit for bit.
constexpr int kMaxNarrowCols = 8;
using NarrowFn = void (*)(int64_t n, const void* w, size_t w_stride, int64_t n_rows, const void* act, size_t a_stride,
                          int n_cols, float* y, int64_t y_stride);

constexpr int kMaxTypeId = 31;

// Kernels for one weight type that take activations in a layout private to their kernel set (for example
// Q8_0 values regrouped so that one vector load serves four weight blocks, with per-block scales and sums
// already spread over vector lanes). matmul() uses them for rows whose length is a multiple of
// cols_multiple. `dot` and `tile` sum in the same order, so batched and single-token products agree bit for
// bit; the values are those of the standard path up to float summation order.
struct PackedPath {
  QuantizeRowFn convert = nullptr;            // n floats -> one activation row in the private layout
  size_t (*row_bytes)(int64_t n) = nullptr;  // bytes of that row
  int64_t cols_multiple = 0;
  VecDotFn dot = nullptr;
  GemmTileFn tile = nullptr;  // tile_rows x tile_cols, like KernelSet::tile
};

struct KernelSet {
  const char* name = "";
  QuantizeRowFn quantize[kMaxTypeId] = {};  // indexed by activation type id
  VecDotFn vec_dot[kMaxTypeId] = {};        // indexed by weight type id
  GemmTileFn tile[kMaxTypeId] = {};         // optional, indexed by weight type id
  NarrowFn narrow[kMaxTypeId] = {};         // optional, indexed by weight type id
  PackedPath packed[kMaxTypeId] = {};        // optional, indexed by weight type id; preferred when usable
  F16RowsDotFn f16_rows_dot = nullptr;
  void (*round_to_f16)(const float* x, float* out, int64_t n) = nullptr;  // out = x through F16 (may be x)
  void (*softmax)(float* x, int64_t n) = nullptr;                     // in place
  void (*silu_mul)(float* gate, const float* up, int64_t n) = nullptr;  // gate = silu(gate) * up
  int tile_rows = 1;
  int tile_cols = 1;
};

// Fills `set` with the scalar reference kernels (every type).
void fill_scalar_kernels(KernelSet& set);
// Overwrite the entries they accelerate; leave the rest as they are.
void fill_avx2_kernels(KernelSet& set);
void fill_avx512_kernels(KernelSet& set);

}  // namespace textra::llm
