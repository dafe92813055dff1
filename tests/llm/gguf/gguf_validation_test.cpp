// Hostile files: every malformed field is refused with a reason that says what is wrong.
#include <gtest/gtest.h>

#include "gguf_bytes.h"
#include "llm/gguf/gguf_file.h"

namespace textra::llm {
namespace {

using testing::GgufBytes;

// Parses and expects a refusal whose message contains `reason`.
void expect_refused(const GgufBytes& b, const std::string& reason) {
  auto file = GgufFile::parse(b.bytes(), "hostile.gguf");
  ASSERT_FALSE(file.is_ok()) << "accepted a file that should fail with: " << reason;
  EXPECT_NE(file.status().message().find(reason), std::string::npos) << file.status().message();
  EXPECT_EQ(file.status().message().rfind("hostile.gguf: ", 0), 0u) << file.status().message();
}

// A valid one-tensor file: 4 floats.
GgufBytes one_tensor(std::vector<std::int64_t> ne = {4}, std::uint32_t type = 0, std::uint64_t offset = 0) {
  GgufBytes b;
  b.header(1, 1).kv_u32("general.alignment", 32).tensor("t", ne, type, offset).pad_to(32).zeros(32);
  return b;
}

TEST(GgufValidation, AcceptsTheBaseline) {
  auto file = GgufFile::parse(one_tensor().bytes(), "ok.gguf");
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  EXPECT_EQ((*file)->tensors()[0].n_bytes, 16u);
}

TEST(GgufValidation, RefusesBadHeaders) {
  expect_refused(GgufBytes().put<std::uint32_t>(0x12345678).zeros(20), "bad magic");
  expect_refused(GgufBytes().header(0, 0, 1), "version 1");
  expect_refused(GgufBytes().header(0, 0, 4), "version 4");
  expect_refused(GgufBytes().header(0, 0, 0x03000000), "big-endian");
  expect_refused(GgufBytes().put<std::uint32_t>(0x46554747).put<std::uint32_t>(3).put<std::uint32_t>(0),
                 "truncated: tensor count");
  expect_refused(GgufBytes().header(0, std::uint64_t{1} << 60), "metadata count 1152921504606846976 cannot fit");
  expect_refused(GgufBytes().header(UINT64_MAX, 0), "tensor count");
}

TEST(GgufValidation, RefusesBadMetadata) {
  expect_refused(GgufBytes().header(0, 1).put<std::uint64_t>(UINT64_MAX).zeros(16), "metadata key length");
  expect_refused(GgufBytes().header(0, 1).str("").put<std::uint32_t>(4).put<std::uint32_t>(1).zeros(8), "empty");
  expect_refused(GgufBytes().header(0, 1).str("k").put<std::uint32_t>(13).zeros(8), "unknown value type 13");
  expect_refused(GgufBytes().header(0, 1).str("k").put<std::uint32_t>(7).put<std::uint8_t>(2).zeros(8), "BOOL value 2");
  expect_refused(GgufBytes().header(0, 1).str("k").put<std::uint32_t>(8).put<std::uint64_t>(1000).zeros(10),
                 "string value length 1000 exceeds");
  expect_refused(GgufBytes().header(0, 2).kv_u32("k", 1).kv_u32("k", 2), "duplicate metadata key 'k'");
  // Arrays: absurd length, unknown element type, nesting without end.
  expect_refused(GgufBytes().header(0, 1).str("k").put<std::uint32_t>(9).put<std::uint32_t>(4).put(UINT64_MAX),
                 "array element count");
  expect_refused(GgufBytes().header(0, 1).str("k").put<std::uint32_t>(9).put<std::uint32_t>(77).put<std::uint64_t>(1),
                 "unknown array element type 77");
  GgufBytes deep;
  deep.header(0, 1).str("k").put<std::uint32_t>(9);
  for (int i = 0; i < 100; ++i) deep.put<std::uint32_t>(9).put<std::uint64_t>(1);
  deep.zeros(64);
  expect_refused(deep, "nested deeper");
  // The error names the key.
  expect_refused(GgufBytes().header(0, 1).str("my.key").put<std::uint32_t>(6).zeros(2), "truncated: FLOAT32");
  expect_refused(GgufBytes().header(0, 1).str("my.key").put<std::uint32_t>(6).zeros(2), "metadata 'my.key'");
}

TEST(GgufValidation, RefusesBadAlignment) {
  expect_refused(GgufBytes().header(0, 1).kv_u32("general.alignment", 0), "not a power of two");
  expect_refused(GgufBytes().header(0, 1).kv_u32("general.alignment", 48), "not a power of two");
  expect_refused(GgufBytes().header(0, 1).str("general.alignment").put<std::uint32_t>(10).put<std::uint64_t>(32),
                 "must be a UINT32");
}

TEST(GgufValidation, RefusesBadTensorInfos) {
  expect_refused(one_tensor({4}, 99), "unknown tensor type 99");
  expect_refused(one_tensor({4}, 4), "unknown tensor type 4");  // removed Q4_2
  expect_refused(one_tensor({1, 1, 1, 1, 1}), "5 dimensions");
  expect_refused(one_tensor({-4}), "negative dimension");
  expect_refused(one_tensor({std::int64_t{1} << 40, std::int64_t{1} << 40}), "element count overflows");
  expect_refused(one_tensor({std::int64_t{1} << 62}, 0), "byte size overflows");
  expect_refused(one_tensor({48}, 2), "not a multiple of the q4_0 block size 32");
  expect_refused(one_tensor({4}, 0, 8), "not a multiple of the alignment");
  expect_refused(one_tensor({4}, 0, 64), "ends past the end of the file");
  expect_refused(one_tensor({1024}), "ends past the end of the file");
  GgufBytes long_name;
  long_name.header(1, 0).tensor(std::string(64, 'x'), {4}, 0, 0).pad_to(32).zeros(32);
  expect_refused(long_name, "name longer than 63");

  GgufBytes duplicate;
  duplicate.header(2, 0).tensor("t", {4}, 0, 0).tensor("t", {4}, 0, 32).pad_to(32).zeros(64);
  expect_refused(duplicate, "duplicate tensor name 't'");
  GgufBytes overlap;
  overlap.header(2, 0).tensor("a", {16}, 0, 0).tensor("b", {4}, 0, 32).pad_to(32).zeros(64);
  expect_refused(overlap, "overlap");
  GgufBytes no_data;
  no_data.header(1, 0).tensor("t", {4}, 0, 0);
  expect_refused(no_data, "data section is missing");
}

TEST(GgufValidation, MetadataElementLimitIsEnforced) {
  GgufBytes b;
  b.header(0, 1).str("k").put<std::uint32_t>(9).put<std::uint32_t>(0).put<std::uint64_t>(100).zeros(100);
  GgufLimits limits;
  limits.max_metadata_elements = 50;
  auto file = GgufFile::parse(b.bytes(), "limit.gguf", limits);
  ASSERT_FALSE(file.is_ok());
  EXPECT_NE(file.status().message().find("more than 50 metadata array elements"), std::string::npos);
  EXPECT_TRUE(GgufFile::parse(b.bytes(), "limit.gguf").is_ok());
}

}  // namespace
}  // namespace textra::llm
