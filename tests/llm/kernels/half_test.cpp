// The gguf part's scalar fp16 conversion (used by the scalar kernels) must agree bit for bit with the
// F16C instruction the SIMD kernels use.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <random>
#include <vector>

#include "llm/gguf/tensor_types.h"
#include "llm/kernels/kernels.h"

namespace textra::llm {
namespace {

TEST(Half, ScalarConversionMatchesHardware) {
  const KernelSet* avx2 = kernel_set(KernelChoice::kAvx2);
  if (avx2 == nullptr) GTEST_SKIP() << "CPU without AVX2/F16C";
  std::mt19937 rng(7);
  std::vector<float> x(1 << 16);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = std::bit_cast<float>(static_cast<uint32_t>(rng()));
    if (std::isnan(x[i])) x[i] = 0;
    if (i % 2) x[i] = std::ldexp(static_cast<float>(rng() % 100000) - 50000, -static_cast<int>(rng() % 40));
  }
  std::vector<uint16_t> hw(x.size());
  avx2->quantize[static_cast<int>(GgmlType::kF16)](x.data(), hw.data(), static_cast<int64_t>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(fp32_to_fp16(x[i]), hw[i]) << x[i];
}

}  // namespace
}  // namespace textra::llm
