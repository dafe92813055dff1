// The writer and the reader against each other: every value type, nested arrays, typed accessors,
// alignment and streamed tensor data.
#include <gtest/gtest.h>

#include <numeric>

#include "base/files.h"
#include "llm/gguf/gguf_file.h"
#include "llm/gguf/gguf_writer.h"
#include "test_support.h"

namespace textra::llm {
namespace {

std::vector<std::uint8_t> iota_bytes(std::size_t n, std::uint8_t start) {
  std::vector<std::uint8_t> bytes(n);
  std::iota(bytes.begin(), bytes.end(), start);
  return bytes;
}

GgufValue nested_array() {
  std::vector<GgufValue> inner1 = {GgufValue::i32(-1), GgufValue::i32(2)};
  std::vector<GgufValue> inner2 = {GgufValue::i32(3)};
  return GgufValue::array(GgufArray(GgufValueType::kArray,
                                    {GgufValue::array(GgufArray(GgufValueType::kInt32, inner1)),
                                     GgufValue::array(GgufArray(GgufValueType::kInt32, inner2))}));
}

TEST(GgufRoundTrip, EveryValueTypeAndTensorsSurviveWriteAndRead) {
  GgufWriter writer;
  ASSERT_TRUE(writer.add_metadata("general.architecture", GgufValue::string("llama")).is_ok());
  ASSERT_TRUE(writer.add_metadata("u8", GgufValue::unsigned_int(GgufValueType::kUint8, 255)).is_ok());
  ASSERT_TRUE(writer.add_metadata("i8", GgufValue::signed_int(GgufValueType::kInt8, -128)).is_ok());
  ASSERT_TRUE(writer.add_metadata("u16", GgufValue::unsigned_int(GgufValueType::kUint16, 65535)).is_ok());
  ASSERT_TRUE(writer.add_metadata("i16", GgufValue::signed_int(GgufValueType::kInt16, -32768)).is_ok());
  ASSERT_TRUE(writer.add_metadata("u32", GgufValue::u32(4000000000u)).is_ok());
  ASSERT_TRUE(writer.add_metadata("i32", GgufValue::i32(-7)).is_ok());
  ASSERT_TRUE(writer.add_metadata("u64", GgufValue::u64(UINT64_MAX)).is_ok());
  ASSERT_TRUE(writer.add_metadata("i64", GgufValue::signed_int(GgufValueType::kInt64, INT64_MIN)).is_ok());
  ASSERT_TRUE(writer.add_metadata("f32", GgufValue::f32(0.1f)).is_ok());
  ASSERT_TRUE(writer.add_metadata("f64", GgufValue::floating(GgufValueType::kFloat64, 0.1)).is_ok());
  ASSERT_TRUE(writer.add_metadata("yes", GgufValue::boolean(true)).is_ok());
  ASSERT_TRUE(writer.add_metadata("tokens", GgufValue::string_array({"a", "", "\xc3\xa9t\xc3\xa9"})).is_ok());
  const std::vector<float> scores = {-1.5f, 0.0f, 2.25f};
  ASSERT_TRUE(writer.add_metadata("scores", GgufValue::f32_array(scores)).is_ok());
  ASSERT_TRUE(writer.add_metadata("nested", nested_array()).is_ok());
  ASSERT_TRUE(writer.add_tensor("a", GgmlType::kF32, {3, 2}).is_ok());
  ASSERT_TRUE(writer.add_tensor("b", GgmlType::kQ8_0, {64}).is_ok());
  ASSERT_TRUE(writer.add_tensor("empty", GgmlType::kF16, {0}).is_ok());

  const std::string path = testing::temp_dir("gguf_roundtrip") + "/all.gguf";
  auto stream = writer.begin(path);
  ASSERT_TRUE(stream.is_ok()) << stream.status().message();
  // Stream 24 + 68 bytes in uneven chunks that cross the tensor boundary.
  const auto data = iota_bytes(24 + 68, 1);
  ASSERT_TRUE((*stream)->write(std::span(data).first(5)).is_ok());
  ASSERT_TRUE((*stream)->write(std::span(data).subspan(5, 40)).is_ok());
  ASSERT_TRUE((*stream)->write(std::span(data).subspan(45)).is_ok());
  ASSERT_TRUE((*stream)->finish().is_ok());

  auto file = GgufFile::open(path);
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  const GgufFile& f = **file;
  EXPECT_EQ(f.version(), 3u);
  EXPECT_EQ(f.data_offset() % 32, 0u);
  EXPECT_EQ(f.metadata().size(), 15u);
  EXPECT_EQ(*f.get_string("general.architecture"), "llama");
  EXPECT_EQ(f.find("u8")->type(), GgufValueType::kUint8);
  EXPECT_EQ(*f.get_int("u8"), 255);
  EXPECT_EQ(*f.get_int("i8"), -128);
  EXPECT_EQ(*f.get_int("u16"), 65535);
  EXPECT_EQ(*f.get_int("i16"), -32768);
  EXPECT_EQ(*f.get_uint("u32"), 4000000000u);
  EXPECT_EQ(*f.get_int("i32"), -7);
  EXPECT_EQ(*f.get_uint("u64"), UINT64_MAX);
  EXPECT_EQ(*f.get_int("i64"), INT64_MIN);
  EXPECT_EQ(*f.get_float("f32"), static_cast<double>(0.1f));
  EXPECT_EQ(*f.get_float("f64"), 0.1);
  EXPECT_TRUE(*f.get_bool("yes"));
  const auto tokens = f.get_string_array("tokens");
  ASSERT_TRUE(tokens.is_ok());
  EXPECT_EQ(*tokens, (std::vector<std::string_view>{"a", "", "\xc3\xa9t\xc3\xa9"}));
  EXPECT_EQ(*f.get_float_array("scores"), scores);
  const GgufArray* nested = *f.get_array("nested");
  ASSERT_EQ(nested->element_type(), GgufValueType::kArray);
  ASSERT_EQ(nested->size(), 2u);
  EXPECT_EQ(*nested->array_at(0).as_array()->at(0).as_int(), -1);
  EXPECT_EQ(*nested->array_at(0).as_array()->at(1).as_int(), 2);
  EXPECT_EQ(*nested->array_at(1).as_array()->at(0).as_int(), 3);
  EXPECT_EQ(nested->at(1).to_display_string(), "[3]");

  ASSERT_EQ(f.tensors().size(), 3u);
  const GgufTensorInfo* a = f.find_tensor("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->n_dims, 2u);
  EXPECT_EQ(a->ne[0], 3);
  EXPECT_EQ(a->ne[1], 2);
  EXPECT_EQ(a->n_bytes, 24u);
  EXPECT_EQ(a->shape_string(), "[3, 2]");
  EXPECT_TRUE(std::equal(a->data.begin(), a->data.end(), data.begin()));
  const GgufTensorInfo* b = f.find_tensor("b");
  EXPECT_EQ(b->offset, 32u);  // 24 bytes padded to 32
  EXPECT_EQ(b->n_bytes, 68u);
  EXPECT_TRUE(std::equal(b->data.begin(), b->data.end(), data.begin() + 24));
  EXPECT_EQ(f.find_tensor("empty")->n_bytes, 0u);
  // Views point into the mapping, not into copies.
  EXPECT_EQ(a->data.data(), f.bytes().data() + f.data_offset());
  EXPECT_EQ(f.bytes().size(), f.data_offset() + 32 + 96);  // each tensor padded, the last one too
}

TEST(GgufRoundTrip, AccessorErrorsNameTheKeyAndTheTypes) {
  GgufWriter writer;
  ASSERT_TRUE(writer.add_metadata("name", GgufValue::string("x")).is_ok());
  ASSERT_TRUE(writer.add_metadata("count", GgufValue::i32(-3)).is_ok());
  const std::string path = testing::temp_dir("gguf_accessors") + "/a.gguf";
  auto stream = writer.begin(path);
  ASSERT_TRUE(stream.is_ok() && (*stream)->finish().is_ok());
  auto file = GgufFile::open(path);
  ASSERT_TRUE(file.is_ok()) << file.status().message();

  const auto missing = (*file)->get_int("llama.context_length");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("llama.context_length"), std::string::npos);

  const auto wrong = (*file)->get_int("name");
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_EQ(wrong.status().code(), ErrorCode::kCorrupt);
  EXPECT_NE(wrong.status().message().find("expected an integer, found STRING"), std::string::npos)
      << wrong.status().message();
  EXPECT_FALSE((*file)->get_uint("count").is_ok());  // negative
  EXPECT_FALSE((*file)->get_string_array("name").is_ok());
  EXPECT_EQ(*(*file)->get_int_or("absent", 42), 42);
  EXPECT_FALSE((*file)->get_int_or("name", 42).is_ok());  // present with the wrong type stays an error
  // A vocabulary-only file (no tensors) loads.
  EXPECT_TRUE((*file)->tensors().empty());
}

TEST(GgufRoundTrip, CustomAlignmentIsHonoured) {
  GgufWriter writer;
  ASSERT_TRUE(writer.add_metadata("general.alignment", GgufValue::u32(64)).is_ok());
  ASSERT_TRUE(writer.add_tensor("x", GgmlType::kF32, {5}).is_ok());
  ASSERT_TRUE(writer.add_tensor("y", GgmlType::kF32, {1}).is_ok());
  EXPECT_EQ(writer.tensors()[1].offset, 64u);
  const std::string path = testing::temp_dir("gguf_alignment") + "/a.gguf";
  auto stream = writer.begin(path);
  ASSERT_TRUE(stream.is_ok());
  const auto data = iota_bytes(24, 0);
  ASSERT_TRUE((*stream)->write(data).is_ok());
  ASSERT_TRUE((*stream)->finish().is_ok());
  auto file = GgufFile::open(path);
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  EXPECT_EQ((*file)->alignment(), 64u);
  EXPECT_EQ((*file)->data_offset() % 64, 0u);
  EXPECT_EQ((*file)->find_tensor("y")->data[0], 20);
}

TEST(GgufRoundTrip, WriterRefusesInconsistentInput) {
  GgufWriter writer;
  EXPECT_FALSE(writer.add_metadata("", GgufValue::u32(1)).is_ok());
  ASSERT_TRUE(writer.add_metadata("k", GgufValue::u32(1)).is_ok());
  EXPECT_FALSE(writer.add_metadata("k", GgufValue::u32(2)).is_ok());
  EXPECT_FALSE(writer.add_metadata("general.alignment", GgufValue::u32(24)).is_ok());
  EXPECT_FALSE(writer.add_tensor("q", GgmlType::kQ4_0, {33}).is_ok());
  EXPECT_FALSE(writer.add_tensor(std::string(64, 'n'), GgmlType::kF32, {1}).is_ok());
  ASSERT_TRUE(writer.add_tensor("t", GgmlType::kF32, {2}).is_ok());
  EXPECT_FALSE(writer.add_tensor("t", GgmlType::kF32, {2}).is_ok());

  const std::string path = testing::temp_dir("gguf_writer_refuses") + "/short.gguf";
  {
    auto stream = writer.begin(path);
    ASSERT_TRUE(stream.is_ok());
    const auto data = iota_bytes(12, 0);
    EXPECT_FALSE((*stream)->write(data).is_ok());  // 12 bytes for an 8-byte tensor
    EXPECT_FALSE((*stream)->finish().is_ok());
  }
  EXPECT_FALSE(read_file(path).is_ok());  // the unfinished file was removed
}

}  // namespace
}  // namespace textra::llm

namespace textra::llm {
namespace {

// GGUF v2 has v3's layout (v3 only added big-endian files): a fixture with its version field set to 2
// reads the same. (llama.cpp at c392e509 has no v2 writer, so no v2 file from it exists to compare.)
TEST(GgufRoundTrip, Version2ReadsLikeVersion3) {
  TEXTRA_REQUIRE_SHARED();
  auto bytes = read_file(testing::shared_dir() + "/fixtures/llm/tiny-qwen2-q4_0.gguf");
  ASSERT_TRUE(bytes.is_ok());
  std::vector<std::uint8_t> v3(bytes->begin(), bytes->end());
  std::vector<std::uint8_t> v2 = v3;
  v2[4] = 2;
  auto a = GgufFile::parse(v3, "v3.gguf");
  auto b = GgufFile::parse(v2, "v2.gguf");
  ASSERT_TRUE(a.is_ok() && b.is_ok()) << b.status().message();
  EXPECT_EQ((*b)->version(), 2u);
  ASSERT_EQ((*a)->metadata().size(), (*b)->metadata().size());
  ASSERT_EQ((*a)->tensors().size(), (*b)->tensors().size());
  for (std::size_t i = 0; i < (*a)->tensors().size(); ++i) {
    EXPECT_EQ((*a)->tensors()[i].name, (*b)->tensors()[i].name);
    EXPECT_EQ((*a)->tensors()[i].offset, (*b)->tensors()[i].offset);
  }
  EXPECT_EQ((*a)->data_offset(), (*b)->data_offset());
}

}  // namespace
}  // namespace textra::llm
