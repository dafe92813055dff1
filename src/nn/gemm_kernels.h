// The micro-kernels behind gemm_tile: a kPanelRows x kernel.cols block of C from one packed A panel and kc rows
// of B. Each instruction-set variant lives in its own file, compiled with its own flags.
#pragma once

#include <cstdint>

namespace textra::nn {

// c[0..6) x [0..cols) (row stride ldc) = (accumulate ? c : 0) + sum over k < kc of a[k*6 + r] * b[k*ldb + j].
using MicroKernel = void (*)(int64_t kc, const float* a, const float* b, int64_t ldb, float* c, int64_t ldc,
                             bool accumulate);

struct GemmKernel {
  MicroKernel run;
  int64_t cols;
  const char* name;
};

GemmKernel portable_gemm_kernel();
GemmKernel avx2_gemm_kernel();
GemmKernel avx512_gemm_kernel();

}  // namespace textra::nn
