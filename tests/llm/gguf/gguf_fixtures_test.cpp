// The GGUF files of ../shared/fixtures (written by llama.cpp and gguf-py): they load, every tensor
// dequantises, the quantised files agree with the F32 file of the same weights, our writer gives the
// same bytes back, and damaged copies are refused without crashing.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "base/files.h"
#include "llm/gguf/dequantize.h"
#include "llm/gguf/gguf_file.h"
#include "llm/gguf/gguf_writer.h"
#include "test_support.h"

namespace textra::llm {
namespace {

std::vector<std::string> fixture_files() {
  std::vector<std::string> files;
  for (const char* folder : {"fixtures/llm", "fixtures/tokenizer"}) {
    const auto dir = std::filesystem::path(testing::shared_dir()) / folder;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".gguf") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string fixture(const std::string& name) { return testing::shared_dir() + "/fixtures/llm/" + name; }

TEST(GgufFixtures, EveryFileLoadsAndEveryTensorDequantises) {
  TEXTRA_REQUIRE_SHARED();
  const auto files = fixture_files();
  ASSERT_GE(files.size(), 20u);
  for (const auto& path : files) {
    auto file = GgufFile::open(path);
    ASSERT_TRUE(file.is_ok()) << file.status().message();
    EXPECT_TRUE((*file)->has("general.architecture")) << path;
    EXPECT_TRUE((*file)->get_string("tokenizer.ggml.model").is_ok()) << path;
    for (const auto& tensor : (*file)->tensors()) {
      auto values = dequantize_tensor(tensor);
      ASSERT_TRUE(values.is_ok()) << path << ": " << values.status().message();
      for (float v : *values) ASSERT_TRUE(std::isfinite(v)) << path << " " << tensor.name;
    }
  }
}

TEST(GgufFixtures, MetadataOfTheTinyLlama) {
  TEXTRA_REQUIRE_SHARED();
  auto file = GgufFile::open(fixture("tiny-llama-q4_0.gguf"));
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  const GgufFile& f = **file;
  EXPECT_EQ(*f.get_string("general.architecture"), "llama");
  EXPECT_EQ(*f.get_int("llama.context_length"), 512);
  EXPECT_EQ(*f.get_int("llama.embedding_length"), 256);
  EXPECT_EQ(*f.get_int("llama.block_count"), 2);
  EXPECT_EQ(*f.get_int("llama.attention.head_count_kv"), 2);
  EXPECT_FLOAT_EQ(static_cast<float>(*f.get_float("llama.rope.freq_base")), 500000.0f);
  EXPECT_EQ(*f.get_string("tokenizer.ggml.model"), "gpt2");
  EXPECT_EQ(f.get_string_array("tokenizer.ggml.tokens")->size(), 320u);
  EXPECT_EQ(*f.get_int("tokenizer.ggml.bos_token_id"), 317);
  EXPECT_EQ(f.tensors().size(), 21u);
  const GgufTensorInfo* output = f.find_tensor("output.weight");
  ASSERT_NE(output, nullptr);
  EXPECT_EQ(output->type, GgmlType::kQ6_K);
  EXPECT_EQ(output->ne[0], 256);
  EXPECT_EQ(output->ne[1], 320);
  EXPECT_EQ(output->n_bytes, 320u * 210u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(output->data.data()) % f.alignment(), 0u);
}

// Relative RMS error of each tensor of a quantised file against the F32 file of the same weights. The
// bounds are a few times the error each format can have (bits per weight); a wrong nibble order, scale or
// high bit gives errors of order 1.
TEST(GgufFixtures, QuantisedFilesMatchTheF32Weights) {
  TEXTRA_REQUIRE_SHARED();
  auto reference = GgufFile::open(fixture("tiny-llama-f32.gguf"));
  ASSERT_TRUE(reference.is_ok()) << reference.status().message();
  const std::map<GgmlType, double> bound = {
      {GgmlType::kF32, 0.0},     {GgmlType::kF16, 1e-3},   {GgmlType::kQ8_0, 0.01},
      {GgmlType::kQ6_K, 0.025},  {GgmlType::kQ5_0, 0.06},  {GgmlType::kQ5_K, 0.05},
      {GgmlType::kQ4_0, 0.12},   {GgmlType::kQ4_K, 0.10},
  };
  std::set<GgmlType> seen;
  for (const char* name : {"tiny-llama-f16.gguf", "tiny-llama-q8_0.gguf", "tiny-llama-q4_0.gguf",
                           "tiny-llama-q5_0.gguf", "tiny-llama-q4_k_m.gguf", "tiny-llama-q5_k_m.gguf"}) {
    auto file = GgufFile::open(fixture(name));
    ASSERT_TRUE(file.is_ok()) << file.status().message();
    for (const auto& tensor : (*file)->tensors()) {
      const GgufTensorInfo* ref = (*reference)->find_tensor(tensor.name);
      ASSERT_NE(ref, nullptr) << tensor.name;
      ASSERT_EQ(ref->ne, tensor.ne) << tensor.name;
      const auto a = dequantize_tensor(*ref);
      const auto b = dequantize_tensor(tensor);
      ASSERT_TRUE(a.is_ok() && b.is_ok());
      double err = 0, norm = 0;
      for (std::size_t i = 0; i < a->size(); ++i) {
        err += ((*a)[i] - (*b)[i]) * double((*a)[i] - (*b)[i]);
        norm += (*a)[i] * double((*a)[i]);
      }
      const double relative = std::sqrt(err / norm);
      ASSERT_TRUE(bound.count(tensor.type)) << type_name(tensor.type);
      EXPECT_LE(relative, bound.at(tensor.type)) << name << " " << tensor.name << " " << type_name(tensor.type);
      seen.insert(tensor.type);
    }
  }
  EXPECT_EQ(seen.size(), bound.size());  // every type of the table was exercised
}

TEST(GgufFixtures, WriterReproducesEveryFileByteForByte) {
  TEXTRA_REQUIRE_SHARED();
  const std::string out_dir = testing::temp_dir("gguf_fixture_roundtrip");
  for (const auto& path : fixture_files()) {
    auto file = GgufFile::open(path);
    ASSERT_TRUE(file.is_ok()) << file.status().message();
    const std::string copy = out_dir + "/" + std::filesystem::path(path).filename().string();
    ASSERT_TRUE(write_gguf_copy(**file, copy).is_ok()) << path;
    auto original = read_file(path);
    auto written = read_file(copy);
    ASSERT_TRUE(original.is_ok() && written.is_ok());
    EXPECT_TRUE(*original == *written) << path << ": " << original->size() << " vs " << written->size() << " bytes";
    std::filesystem::remove(copy);
  }
}

// Cut at every 1/64 of the length: always refused, with a message, never a crash (ASan build).
TEST(GgufFixtures, TruncatedCopiesAreRefused) {
  TEXTRA_REQUIRE_SHARED();
  for (const auto& path : fixture_files()) {
    auto bytes = read_file(path);
    ASSERT_TRUE(bytes.is_ok());
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes->data());
    for (std::size_t k = 0; k < 64; ++k) {
      const std::size_t length = bytes->size() * k / 64;
      auto file = GgufFile::parse(std::span(data, length), "cut.gguf");
      ASSERT_FALSE(file.is_ok()) << path << " cut at " << length;
      EXPECT_EQ(file.status().message().rfind("cut.gguf: ", 0), 0u) << file.status().message();
      EXPECT_NE(file.status().message().find("GGUF"), std::string::npos) << file.status().message();
    }
  }
}

// Random byte flips in the header and metadata: refused or loaded, but what loads is consistent (every
// tensor view lies inside the file and dequantises without reading past it).
TEST(GgufFixtures, FlippedBytesNeverCrash) {
  TEXTRA_REQUIRE_SHARED();
  std::mt19937 rng(42);
  for (const char* name : {"tiny-llama-q4_k_m.gguf", "tiny-qwen2-q8_0.gguf", "tiny-phi3-f16.gguf"}) {
    auto bytes = read_file(fixture(name));
    ASSERT_TRUE(bytes.is_ok());
    auto original = GgufFile::parse(std::span(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size()),
                                    name);
    ASSERT_TRUE(original.is_ok());
    const std::size_t header_end = (*original)->data_offset();
    int refused = 0;
    for (int trial = 0; trial < 150; ++trial) {
      std::vector<std::uint8_t> damaged(bytes->begin(), bytes->end());
      for (int flips = 0; flips < 1 + trial % 4; ++flips) {
        damaged[rng() % header_end] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
      }
      auto file = GgufFile::parse(damaged, "flipped.gguf");
      if (!file.is_ok()) {
        ++refused;
        EXPECT_FALSE(file.status().message().empty());
        continue;
      }
      for (const auto& tensor : (*file)->tensors()) {
        ASSERT_GE(tensor.data.data(), damaged.data());
        ASSERT_LE(tensor.data.data() + tensor.data.size(), damaged.data() + damaged.size());
        if (traits(tensor.type).can_dequantize && tensor.n_elements < (1u << 22)) {
          (void)dequantize_tensor(tensor);
        }
      }
    }
    EXPECT_GT(refused, 0) << name;
  }
}

}  // namespace
}  // namespace textra::llm
