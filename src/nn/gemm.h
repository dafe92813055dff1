// Single-precision matrix product for convolutions and MatMul: C = A * B, row-major, with A packed once into
// panels of kPanelRows rows (weights are packed at load time). The inner kernel is chosen at run time:
// AVX-512, AVX2+FMA, or portable code.
#pragma once

#include <cstdint>
#include <vector>

namespace textra::nn {

inline constexpr int64_t kPanelRows = 6;

struct PackedMatrix {
  int64_t rows = 0, depth = 0;
  std::vector<float> panels;  // panel p holds rows [6p, 6p+6) as depth x 6, k-major, zero-padded rows

  int64_t panel_count() const { return (rows + kPanelRows - 1) / kPanelRows; }
};

// Packs A where element (r, k) is a[r * row_stride + k * depth_stride] (a transposed A is just other strides).
PackedMatrix pack_matrix(const float* a, int64_t rows, int64_t depth, int64_t row_stride, int64_t depth_stride);

// C[rows of panels [p0, p1), 0..cols) = A * B, where B is depth x cols with row stride ldb. Single-threaded;
// callers split columns or panels over threads.
void gemm_tile(const PackedMatrix& a, int64_t p0, int64_t p1, const float* b, int64_t ldb, int64_t cols, float* c,
               int64_t ldc);

// The widest kernel this CPU runs ("avx512", "avx2" or "portable"), for benchmarks and docs.
const char* gemm_kernel_name();

}  // namespace textra::nn
