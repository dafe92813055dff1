#include "nn/gemm.h"

#include <algorithm>
#include <cstring>

#include "nn/gemm_kernels.h"

namespace textra::nn {
namespace {

// Depth per pass: a 6 x 256 A slice (6 KB) and a 256 x 32 B strip (32 KB) stay in L1/L2 across the panels.
constexpr int64_t kDepthBlock = 256;

void portable_micro(int64_t kc, const float* a, const float* b, int64_t ldb, float* c, int64_t ldc, bool accumulate) {
  float acc[6][16];
  for (int r = 0; r < 6; ++r) {
    for (int j = 0; j < 16; ++j) acc[r][j] = accumulate ? c[r * ldc + j] : 0.0f;
  }
  for (int64_t k = 0; k < kc; ++k, a += 6, b += ldb) {
    for (int r = 0; r < 6; ++r) {
      for (int j = 0; j < 16; ++j) acc[r][j] += a[r] * b[j];
    }
  }
  for (int r = 0; r < 6; ++r) std::memcpy(c + r * ldc, acc[r], sizeof acc[r]);
}

GemmKernel select_kernel() {
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return avx512_gemm_kernel();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return avx2_gemm_kernel();
#endif
  return portable_gemm_kernel();
}

const GemmKernel& kernel() {
  static const GemmKernel selected = select_kernel();
  return selected;
}

}  // namespace

GemmKernel portable_gemm_kernel() { return {portable_micro, 16, "portable"}; }

PackedMatrix pack_matrix(const float* a, int64_t rows, int64_t depth, int64_t row_stride, int64_t depth_stride) {
  PackedMatrix m;
  m.rows = rows;
  m.depth = depth;
  m.panels.assign(static_cast<size_t>(m.panel_count() * kPanelRows * depth), 0.0f);
  for (int64_t r = 0; r < rows; ++r) {
    float* panel = m.panels.data() + (r / kPanelRows) * kPanelRows * depth + r % kPanelRows;
    for (int64_t k = 0; k < depth; ++k) panel[k * kPanelRows] = a[r * row_stride + k * depth_stride];
  }
  return m;
}

void gemm_tile(const PackedMatrix& a, int64_t p0, int64_t p1, const float* b, int64_t ldb, int64_t cols, float* c,
               int64_t ldc) {
  const GemmKernel& k = kernel();
  const int64_t nr = k.cols;
  // Edge blocks (last rows of a partial panel, last columns) go through small zero-padded buffers.
  std::vector<float> b_edge, c_edge(static_cast<size_t>(kPanelRows * nr));
  for (int64_t k0 = 0; k0 < a.depth; k0 += kDepthBlock) {
    const int64_t kc = std::min(kDepthBlock, a.depth - k0);
    const bool accumulate = k0 > 0;
    for (int64_t j = 0; j < cols; j += nr) {
      const int64_t width = std::min(nr, cols - j);
      const float* bj = b + k0 * ldb + j;
      int64_t b_stride = ldb;
      if (width < nr) {
        b_edge.assign(static_cast<size_t>(kc * nr), 0.0f);
        for (int64_t kk = 0; kk < kc; ++kk) std::memcpy(&b_edge[kk * nr], bj + kk * ldb, width * sizeof(float));
        bj = b_edge.data();
        b_stride = nr;
      }
      for (int64_t p = p0; p < p1; ++p) {
        const float* ap = a.panels.data() + p * kPanelRows * a.depth + k0 * kPanelRows;
        const int64_t rows = std::min(kPanelRows, a.rows - p * kPanelRows);
        float* cp = c + p * kPanelRows * ldc + j;
        if (rows == kPanelRows && width == nr) {
          k.run(kc, ap, bj, b_stride, cp, ldc, accumulate);
          continue;
        }
        for (int64_t r = 0; r < rows; ++r) {
          if (accumulate) std::memcpy(&c_edge[r * nr], cp + r * ldc, width * sizeof(float));
        }
        k.run(kc, ap, bj, b_stride, c_edge.data(), nr, accumulate);
        for (int64_t r = 0; r < rows; ++r) std::memcpy(cp + r * ldc, &c_edge[r * nr], width * sizeof(float));
      }
    }
  }
}

const char* gemm_kernel_name() { return kernel().name; }

}  // namespace textra::nn
