// AVX2 + FMA + F16C variant (this file is compiled with -mavx2 -mfma -mf16c; see CMakeLists.txt).
#include "llm/kernels/simd_kernels.inc"

namespace textra::llm {
namespace {
#include "llm/kernels/packed_legacy_avx2.inc"
#include "llm/kernels/kquant_avx2.inc"
}  // namespace

void fill_avx2_kernels(KernelSet& set) {
  fill(set);
  fill_packed(set);
  fill_kquants(set);
  set.name = "avx2";
}

}  // namespace textra::llm
