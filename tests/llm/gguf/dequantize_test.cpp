// Hand-made blocks: the expected value of every element is derived here from the format definition by
// element index (where a bit lives), independently of the loop structure of the implementation. Scales
// are packed with the inverse of the layout (as a quantiser would), random quants fill the rest.
#include "llm/gguf/dequantize.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

namespace textra::llm {
namespace {

class BlockTest : public ::testing::Test {
 protected:
  std::mt19937 rng{1234};
  std::uint8_t random_byte() { return static_cast<std::uint8_t>(rng() & 0xff); }
  void fill(std::uint8_t* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) p[i] = random_byte();
  }
  // A random normal fp16 of moderate size, so products stay exact-ish and finite.
  Fp16Bits random_half() { return fp32_to_fp16(std::ldexp(1.0f + (rng() % 1024) / 1024.0f, -(int)(rng() % 8))); }

  template <typename Block>
  std::vector<float> run(const Block& block, GgmlType type, int n) {
    std::vector<std::uint8_t> bytes(sizeof(Block) + 1);
    // Unaligned on purpose: dequantize() must not assume alignment.
    std::memcpy(bytes.data() + 1, &block, sizeof(Block));
    std::vector<float> out(n);
    EXPECT_TRUE(dequantize(type, std::span(bytes).subspan(1), out).is_ok());
    return out;
  }
};

int bit(const std::uint8_t* bytes, int index) { return (bytes[index / 8] >> (index % 8)) & 1; }

TEST_F(BlockTest, Q4_0) {
  BlockQ4_0 b;
  b.d = random_half();
  fill(b.qs, sizeof b.qs);
  const auto y = run(b, GgmlType::kQ4_0, 32);
  for (int i = 0; i < 32; ++i) {
    const int nibble = i < 16 ? (b.qs[i] & 15) : (b.qs[i - 16] >> 4);
    ASSERT_EQ(y[i], static_cast<float>(nibble - 8) * fp16_to_fp32(b.d)) << i;
  }
}

TEST_F(BlockTest, Q4_1) {
  BlockQ4_1 b;
  b.d = random_half();
  b.m = fp32_to_fp16(-0.75f);
  fill(b.qs, sizeof b.qs);
  const auto y = run(b, GgmlType::kQ4_1, 32);
  for (int i = 0; i < 32; ++i) {
    const int nibble = i < 16 ? (b.qs[i] & 15) : (b.qs[i - 16] >> 4);
    ASSERT_EQ(y[i], static_cast<float>(nibble) * fp16_to_fp32(b.d) - 0.75f) << i;
  }
}

TEST_F(BlockTest, Q5_0AndQ5_1) {
  BlockQ5_0 b0;
  b0.d = random_half();
  fill(b0.qh, sizeof b0.qh);
  fill(b0.qs, sizeof b0.qs);
  BlockQ5_1 b1;
  b1.d = b0.d;
  b1.m = fp32_to_fp16(0.5f);
  std::memcpy(b1.qh, b0.qh, sizeof b0.qh);
  std::memcpy(b1.qs, b0.qs, sizeof b0.qs);
  const auto y0 = run(b0, GgmlType::kQ5_0, 32);
  const auto y1 = run(b1, GgmlType::kQ5_1, 32);
  for (int i = 0; i < 32; ++i) {
    const int nibble = i < 16 ? (b0.qs[i] & 15) : (b0.qs[i - 16] >> 4);
    const int q = nibble | (bit(b0.qh, i) << 4);  // bit i of qh is element i's fifth bit
    ASSERT_EQ(y0[i], static_cast<float>(q - 16) * fp16_to_fp32(b0.d)) << i;
    ASSERT_EQ(y1[i], static_cast<float>(q) * fp16_to_fp32(b1.d) + 0.5f) << i;
  }
}

TEST_F(BlockTest, Q8_0AndQ8_K) {
  BlockQ8_0 b;
  b.d = random_half();
  fill(reinterpret_cast<std::uint8_t*>(b.qs), sizeof b.qs);
  const auto y = run(b, GgmlType::kQ8_0, 32);
  for (int i = 0; i < 32; ++i) ASSERT_EQ(y[i], static_cast<float>(b.qs[i]) * fp16_to_fp32(b.d));
  BlockQ8_K k;
  k.d = 0.037f;
  fill(reinterpret_cast<std::uint8_t*>(k.qs), sizeof k.qs);
  std::memset(k.bsums, 0, sizeof k.bsums);
  const auto yk = run(k, GgmlType::kQ8_K, 256);
  for (int i = 0; i < 256; ++i) ASSERT_EQ(yk[i], 0.037f * static_cast<float>(k.qs[i]));
}

// In Q2_K, Q3_K and Q6_K, element i sits in half i/128, group g = (i%128)/32 (the 2-bit shift within a
// byte, or which nibble/byte), at position w = i%32 of the group; scale index i/16.
TEST_F(BlockTest, Q2_K) {
  BlockQ2_K b;
  fill(b.scales, sizeof b.scales);
  fill(b.qs, sizeof b.qs);
  b.d = random_half();
  b.dmin = random_half();
  const auto y = run(b, GgmlType::kQ2_K, 256);
  for (int i = 0; i < 256; ++i) {
    const int half = i / 128, g = (i % 128) / 32, w = i % 32;
    const int q = (b.qs[half * 32 + w] >> (2 * g)) & 3;
    const std::uint8_t sc = b.scales[i / 16];
    const float expected = fp16_to_fp32(b.d) * static_cast<float>(sc & 15) * static_cast<float>(q) -
                           fp16_to_fp32(b.dmin) * static_cast<float>(sc >> 4);
    ASSERT_EQ(y[i], expected) << i;
  }
}

TEST_F(BlockTest, Q3_K) {
  BlockQ3_K b;
  fill(b.hmask, sizeof b.hmask);
  fill(b.qs, sizeof b.qs);
  b.d = random_half();
  // Pack 16 6-bit scales as ggml's quantiser does: low nibbles two per byte in 0..7, high 2 bits in 8..11.
  int scales[16];
  std::memset(b.scales, 0, sizeof b.scales);
  for (int j = 0; j < 16; ++j) {
    scales[j] = static_cast<int>(rng() % 64);
    const int l = scales[j];
    if (j < 8) {
      b.scales[j] = static_cast<std::uint8_t>(l & 15);
    } else {
      b.scales[j - 8] = static_cast<std::uint8_t>(b.scales[j - 8] | ((l & 15) << 4));
    }
    b.scales[j % 4 + 8] = static_cast<std::uint8_t>(b.scales[j % 4 + 8] | ((l >> 4) << (2 * (j / 4))));
  }
  const auto y = run(b, GgmlType::kQ3_K, 256);
  for (int i = 0; i < 256; ++i) {
    const int half = i / 128, g = (i % 128) / 32, w = i % 32;
    const int low = (b.qs[half * 32 + w] >> (2 * g)) & 3;
    const int high = (b.hmask[w] >> (half * 4 + g)) & 1;  // hmask bit = group index over the block
    const int q = low - (high ? 0 : 4);
    const float expected = fp16_to_fp32(b.d) * static_cast<float>(scales[i / 16] - 32) * static_cast<float>(q);
    ASSERT_EQ(y[i], expected) << i;
  }
}

// Q4_K / Q5_K: 8 sub-blocks of 32 (sub = i/32); a pair of sub-blocks shares 32 bytes of nibbles.
void pack_k4_scales(const int* sc, const int* mn, std::uint8_t* q) {
  std::memset(q, 0, kKScaleSize);
  for (int j = 0; j < 8; ++j) {
    if (j < 4) {
      q[j] = static_cast<std::uint8_t>(sc[j]);
      q[j + 4] = static_cast<std::uint8_t>(mn[j]);
    } else {
      q[j + 4] = static_cast<std::uint8_t>((sc[j] & 15) | ((mn[j] & 15) << 4));
      q[j - 4] = static_cast<std::uint8_t>(q[j - 4] | ((sc[j] >> 4) << 6));
      q[j] = static_cast<std::uint8_t>(q[j] | ((mn[j] >> 4) << 6));
    }
  }
}

TEST_F(BlockTest, Q4_KAndQ5_K) {
  int sc[8], mn[8];
  for (int j = 0; j < 8; ++j) {
    sc[j] = static_cast<int>(rng() % 64);
    mn[j] = static_cast<int>(rng() % 64);
  }
  BlockQ4_K b4;
  b4.d = random_half();
  b4.dmin = random_half();
  pack_k4_scales(sc, mn, b4.scales);
  fill(b4.qs, sizeof b4.qs);
  BlockQ5_K b5;
  b5.d = b4.d;
  b5.dmin = b4.dmin;
  std::memcpy(b5.scales, b4.scales, sizeof b4.scales);
  std::memcpy(b5.qs, b4.qs, sizeof b4.qs);
  fill(b5.qh, sizeof b5.qh);
  const auto y4 = run(b4, GgmlType::kQ4_K, 256);
  const auto y5 = run(b5, GgmlType::kQ5_K, 256);
  const float d = fp16_to_fp32(b4.d), dmin = fp16_to_fp32(b4.dmin);
  for (int i = 0; i < 256; ++i) {
    const int sub = i / 32, w = i % 32;
    const std::uint8_t byte = b4.qs[(sub / 2) * 32 + w];
    const int nibble = (sub % 2) ? (byte >> 4) : (byte & 15);
    const float scale = d * static_cast<float>(sc[sub]);
    const float min = dmin * static_cast<float>(mn[sub]);
    ASSERT_EQ(y4[i], scale * static_cast<float>(nibble) - min) << i;
    const int q5 = nibble + (((b5.qh[w] >> sub) & 1) << 4);  // qh bit = sub-block index
    ASSERT_EQ(y5[i], scale * static_cast<float>(q5) - min) << i;
  }
}

TEST_F(BlockTest, Q6_K) {
  BlockQ6_K b;
  fill(b.ql, sizeof b.ql);
  fill(b.qh, sizeof b.qh);
  fill(reinterpret_cast<std::uint8_t*>(b.scales), sizeof b.scales);
  b.d = random_half();
  const auto y = run(b, GgmlType::kQ6_K, 256);
  for (int i = 0; i < 256; ++i) {
    const int half = i / 128, g = (i % 128) / 32, w = i % 32;
    const std::uint8_t low_byte = b.ql[half * 64 + (g % 2) * 32 + w];
    const int low = (g / 2) ? (low_byte >> 4) : (low_byte & 15);
    const int high = (b.qh[half * 32 + w] >> (2 * g)) & 3;
    const int q = (low | (high << 4)) - 32;
    const float expected = fp16_to_fp32(b.d) * static_cast<float>(b.scales[i / 16]) * static_cast<float>(q);
    ASSERT_EQ(y[i], expected) << i;
  }
}

TEST_F(BlockTest, FloatTypes) {
  const std::uint16_t halves[3] = {0x3c00, 0xc200, 0x0001};
  const std::uint16_t bf16s[3] = {0x3f80, 0xc040, 0x0001};
  std::vector<float> out(3);
  ASSERT_TRUE(dequantize(GgmlType::kF16, std::span(reinterpret_cast<const std::uint8_t*>(halves), 6), out).is_ok());
  EXPECT_EQ(out, (std::vector<float>{1.0f, -3.0f, std::ldexp(1.0f, -24)}));
  ASSERT_TRUE(dequantize(GgmlType::kBF16, std::span(reinterpret_cast<const std::uint8_t*>(bf16s), 6), out).is_ok());
  EXPECT_EQ(out, (std::vector<float>{1.0f, -3.0f, std::ldexp(1.0f, -133)}));
}

TEST(Dequantize, RefusesWrongSizesAndUnsupportedTypes) {
  std::vector<std::uint8_t> bytes(18);
  std::vector<float> out(32);
  EXPECT_TRUE(dequantize(GgmlType::kQ4_0, bytes, out).is_ok());
  std::vector<float> odd(31);
  EXPECT_EQ(dequantize(GgmlType::kQ4_0, bytes, odd).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(dequantize(GgmlType::kQ4_0, std::span(bytes).first(17), out).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(dequantize(GgmlType::kIQ4_NL, bytes, out).code(), ErrorCode::kUnsupported);
  EXPECT_TRUE(dequantize(GgmlType::kF32, {}, {}).is_ok());  // empty tensors: nothing to read or write
}

}  // namespace
}  // namespace textra::llm
