// 6x32 micro-kernel with AVX-512F: 12 zmm accumulators, two B vectors and one broadcast per step.
#include "nn/gemm_kernels.h"

#if defined(__AVX512F__)
#include <immintrin.h>

namespace textra::nn {
namespace {

void micro_6x32(int64_t kc, const float* a, const float* b, int64_t ldb, float* c, int64_t ldc, bool accumulate) {
  __m512 acc[6][2];
  for (int r = 0; r < 6; ++r) {
    acc[r][0] = accumulate ? _mm512_loadu_ps(c + r * ldc) : _mm512_setzero_ps();
    acc[r][1] = accumulate ? _mm512_loadu_ps(c + r * ldc + 16) : _mm512_setzero_ps();
  }
  for (int64_t k = 0; k < kc; ++k, a += 6, b += ldb) {
    __m512 b0 = _mm512_loadu_ps(b);
    __m512 b1 = _mm512_loadu_ps(b + 16);
    for (int r = 0; r < 6; ++r) {
      __m512 ar = _mm512_set1_ps(a[r]);
      acc[r][0] = _mm512_fmadd_ps(ar, b0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(ar, b1, acc[r][1]);
    }
  }
  for (int r = 0; r < 6; ++r) {
    _mm512_storeu_ps(c + r * ldc, acc[r][0]);
    _mm512_storeu_ps(c + r * ldc + 16, acc[r][1]);
  }
}

}  // namespace

GemmKernel avx512_gemm_kernel() { return {micro_6x32, 32, "avx512"}; }

}  // namespace textra::nn

#else

namespace textra::nn {
// Built for another architecture: never selected at run time.
GemmKernel avx512_gemm_kernel() { return portable_gemm_kernel(); }
}  // namespace textra::nn

#endif
