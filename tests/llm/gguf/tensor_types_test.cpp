#include "llm/gguf/tensor_types.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace textra::llm {
namespace {

TEST(TensorTypes, GeometryOfCommonTypes) {
  EXPECT_EQ(traits(GgmlType::kQ4_0).block_size, 32u);
  EXPECT_EQ(traits(GgmlType::kQ4_0).type_size, 18u);
  EXPECT_EQ(traits(GgmlType::kQ6_K).type_size, 210u);
  EXPECT_EQ(traits(GgmlType::kBF16).type_size, 2u);
  EXPECT_EQ(*row_bytes(GgmlType::kQ4_K, 512), 288u);
  EXPECT_FALSE(row_bytes(GgmlType::kQ4_K, 100).has_value());
  EXPECT_FALSE(ggml_type_traits(4).has_value());  // removed Q4_2
  EXPECT_FALSE(ggml_type_traits(39).has_value());
  EXPECT_EQ(type_from_name("Q4_k"), GgmlType::kQ4_K);
  EXPECT_EQ(type_name(GgmlType::kBF16), "bf16");
}

TEST(TensorTypes, Fp16ExactValues) {
  EXPECT_EQ(fp16_to_fp32(0x3c00), 1.0f);
  EXPECT_EQ(fp16_to_fp32(0xc000), -2.0f);
  EXPECT_EQ(fp16_to_fp32(0x7bff), 65504.0f);
  EXPECT_EQ(fp16_to_fp32(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
  EXPECT_EQ(fp16_to_fp32(0x0400), std::ldexp(1.0f, -14));  // smallest normal
  EXPECT_TRUE(std::isinf(fp16_to_fp32(0x7c00)));
  EXPECT_TRUE(std::isnan(fp16_to_fp32(0x7e00)));
  EXPECT_TRUE(std::signbit(fp16_to_fp32(0x8000)));
}

TEST(TensorTypes, Fp16RoundTripsEveryHalf) {
  for (std::uint32_t h = 0; h < 0x10000; ++h) {
    const float f = fp16_to_fp32(static_cast<Fp16Bits>(h));
    if (std::isnan(f)) {
      EXPECT_TRUE(std::isnan(fp16_to_fp32(fp32_to_fp16(f))));
      continue;
    }
    ASSERT_EQ(fp32_to_fp16(f), h) << "half " << h;
  }
}

TEST(TensorTypes, Fp16RoundsToNearestEven) {
  // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even mantissa (1).
  EXPECT_EQ(fp32_to_fp16(1.0f + std::ldexp(1.0f, -11)), 0x3c00);
  // 1 + 3*2^-11 lies between 1+2^-10 (odd) and 1+2^-9 (even): rounds up to the even one.
  EXPECT_EQ(fp32_to_fp16(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3c02);
  EXPECT_EQ(fp32_to_fp16(65520.0f), 0x7c00);  // halfway above the largest half: infinity
  EXPECT_EQ(fp32_to_fp16(65519.0f), 0x7bff);
  EXPECT_EQ(fp32_to_fp16(std::ldexp(1.0f, -25)), 0x0000);  // half of the smallest subnormal: tie to even 0
  EXPECT_EQ(fp32_to_fp16(std::ldexp(3.0f, -26)), 0x0001);
  EXPECT_EQ(fp32_to_fp16(-1e10f), 0xfc00);
}

TEST(TensorTypes, Bf16) {
  EXPECT_EQ(bf16_to_fp32(0x3f80), 1.0f);
  EXPECT_EQ(fp32_to_bf16(1.0f), 0x3f80);
  // 1 + 2^-8 is a tie between 1 (even) and 1 + 2^-7: stays 1.
  EXPECT_EQ(fp32_to_bf16(1.0f + std::ldexp(1.0f, -8)), 0x3f80);
  EXPECT_EQ(fp32_to_bf16(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3f82);
  EXPECT_TRUE(std::isnan(bf16_to_fp32(fp32_to_bf16(std::numeric_limits<float>::quiet_NaN()))));
  for (std::uint32_t b = 0; b < 0x10000; b += 7) {
    const float f = bf16_to_fp32(static_cast<std::uint16_t>(b));
    if (!std::isnan(f)) {
      ASSERT_EQ(fp32_to_bf16(f), b);
    }
  }
}

}  // namespace
}  // namespace textra::llm
