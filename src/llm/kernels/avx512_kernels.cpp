// AVX-512 variant (F/BW/VL/DQ + VNNI + BF16; compiled with those -m flags, see CMakeLists.txt): the AVX2
// code with VNNI byte dot products and 512-bit float dot products.
#define TEXTRA_SIMD_AVX512 1
#include "llm/kernels/simd_kernels.inc"

namespace textra::llm {
namespace {
#include "llm/kernels/packed_legacy_avx512.inc"
#include "llm/kernels/kquant_avx512.inc"
}  // namespace
}  // namespace textra::llm

namespace textra::llm {

void fill_avx512_kernels(KernelSet& set) {
  // The set starts as a copy of the AVX2 one, whose tiles have another shape, whose narrow products sum in
  // its own order and whose packed layouts are its own: none of them may survive into this set.
  for (int t = 0; t < kMaxTypeId; ++t) {
    set.tile[t] = nullptr;
    set.narrow[t] = nullptr;
    set.packed[t] = {};
  }
  fill(set);
  fill_packed(set);
  fill_kquants(set);
  set.name = "avx512";
}

}  // namespace textra::llm
