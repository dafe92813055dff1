#include "llm/kernels/half.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "llm/kernels/kernels.h"

namespace textra::llm {
namespace {

TEST(Half, EveryHalfRoundTripsThroughFloat) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const float f = fp16_to_fp32(static_cast<uint16_t>(h));
    if (std::isnan(f)) continue;
    EXPECT_EQ(fp32_to_fp16(f), h) << "half 0x" << std::hex << h;
  }
}

TEST(Half, KnownValues) {
  EXPECT_EQ(fp16_to_fp32(0x3c00), 1.0f);
  EXPECT_EQ(fp16_to_fp32(0xc000), -2.0f);
  EXPECT_EQ(fp16_to_fp32(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(fp32_to_fp16(65504.0f), 0x7bff);
  EXPECT_EQ(fp32_to_fp16(1e6f), 0x7c00);
  // 1 + 2^-11 lies halfway between 1 and the next half: ties go to even (1.0).
  EXPECT_EQ(fp32_to_fp16(1.0f + std::ldexp(1.0f, -11)), 0x3c00);
  EXPECT_EQ(fp32_to_fp16(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02);
  EXPECT_EQ(bf16_to_fp32(fp32_to_bf16(1.5f)), 1.5f);
  EXPECT_EQ(fp32_to_bf16(1.0f + std::ldexp(1.0f, -8)), 0x3f80);  // tie to even
}

// The scalar conversion must agree with the F16C instruction used by the SIMD kernels.
TEST(Half, MatchesHardwareConversion) {
  const KernelSet* avx2 = kernel_set(KernelChoice::kAvx2);
  if (avx2 == nullptr) GTEST_SKIP() << "CPU without AVX2/F16C";
  std::mt19937 rng(7);
  std::vector<float> x(1 << 16);
  for (size_t i = 0; i < x.size(); ++i) {
    uint32_t bits = rng();
    x[i] = bits_to_float(bits);
    if (std::isnan(x[i])) x[i] = 0;
    if (i % 2) x[i] = std::ldexp(static_cast<float>(rng() % 100000) - 50000, -static_cast<int>(rng() % 40));
  }
  std::vector<uint16_t> hw(x.size());
  avx2->quantize[static_cast<int>(GgmlType::kF16)](x.data(), hw.data(), static_cast<int64_t>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) ASSERT_EQ(fp32_to_fp16(x[i]), hw[i]) << x[i];
}

}  // namespace
}  // namespace textra::llm
