// AVX2 + FMA + F16C variant (this file is compiled with -mavx2 -mfma -mf16c; see CMakeLists.txt).
#include "llm/kernels/simd_kernels.inc"

namespace textra::llm {

void fill_avx2_kernels(KernelSet& set) {
  fill(set);
  set.name = "avx2";
}

}  // namespace textra::llm
