// 6x16 micro-kernel with AVX2 + FMA: 12 accumulators, two B vectors and one broadcast per step.
#include "nn/gemm_kernels.h"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>

namespace textra::nn {
namespace {

void micro_6x16(int64_t kc, const float* a, const float* b, int64_t ldb, float* c, int64_t ldc, bool accumulate) {
  __m256 acc[6][2];
  for (int r = 0; r < 6; ++r) {
    acc[r][0] = accumulate ? _mm256_loadu_ps(c + r * ldc) : _mm256_setzero_ps();
    acc[r][1] = accumulate ? _mm256_loadu_ps(c + r * ldc + 8) : _mm256_setzero_ps();
  }
  for (int64_t k = 0; k < kc; ++k, a += 6, b += ldb) {
    __m256 b0 = _mm256_loadu_ps(b);
    __m256 b1 = _mm256_loadu_ps(b + 8);
    for (int r = 0; r < 6; ++r) {
      __m256 ar = _mm256_broadcast_ss(a + r);
      acc[r][0] = _mm256_fmadd_ps(ar, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(ar, b1, acc[r][1]);
    }
  }
  for (int r = 0; r < 6; ++r) {
    _mm256_storeu_ps(c + r * ldc, acc[r][0]);
    _mm256_storeu_ps(c + r * ldc + 8, acc[r][1]);
  }
}

}  // namespace

GemmKernel avx2_gemm_kernel() { return {micro_6x16, 16, "avx2"}; }

}  // namespace textra::nn

#else

namespace textra::nn {
// Built for another architecture: never selected at run time.
GemmKernel avx2_gemm_kernel() { return portable_gemm_kernel(); }
}  // namespace textra::nn

#endif
