#include "llm/gguf/model_summary.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace textra::llm {
namespace {

TEST(ModelSummary, TensorGroupsAndFileTypes) {
  EXPECT_EQ(tensor_group("blk.12.ffn_up.weight"), "ffn_up");
  EXPECT_EQ(tensor_group("blk.0.attn_q.bias"), "attn_q.bias");
  EXPECT_EQ(tensor_group("output_norm.weight"), "output_norm");
  EXPECT_EQ(tensor_group("rope_freqs.weight"), "rope_freqs");
  EXPECT_EQ(tensor_group("odd"), "odd");
  EXPECT_EQ(file_type_name(15), "Q4_K_M");
  EXPECT_EQ(file_type_name(2), "Q4_0");
  EXPECT_EQ(file_type_name(32), "BF16");
  EXPECT_FALSE(file_type_name(4).has_value());
  EXPECT_FALSE(file_type_name(-1).has_value());
}

// Counts from the fixture README (dims and per-type tensor counts), not from our own output.
TEST(ModelSummary, TinyLlamaQ4KM) {
  TEXTRA_REQUIRE_SHARED();
  auto file = GgufFile::open(testing::shared_dir() + "/fixtures/llm/tiny-llama-q4_k_m.gguf");
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  auto summary = summarize_model(**file);
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
  const GgufModelSummary& s = *summary;
  EXPECT_EQ(s.architecture, "llama");
  EXPECT_EQ(s.file_type, "Q4_K_M");
  EXPECT_EQ(s.context_length, 512);
  EXPECT_EQ(s.embedding_length, 256);
  EXPECT_EQ(s.block_count, 2);
  EXPECT_EQ(s.head_count, 8);
  EXPECT_EQ(s.head_count_kv, 2);
  EXPECT_EQ(s.vocab_type, "gpt2");
  EXPECT_EQ(s.vocab_size, 320u);
  EXPECT_EQ(s.file_bytes, 552416u);
  // n_vocab 320, n_embd 256, n_ff 256, 2 layers, K/V projections 256 -> 64.
  const std::uint64_t per_layer = 256 + 256 * 256 + 2 * 256 * 64 + 256 * 256 + 256 + 3 * 256 * 256;
  EXPECT_EQ(s.parameters, 2u * 320 * 256 + 256 + 2 * per_layer);
  std::map<std::string, std::size_t> type_counts;
  for (const auto& g : s.groups) {
    for (const auto& [type, count] : g.types) type_counts[type] += count;
  }
  EXPECT_EQ(type_counts, (std::map<std::string, std::size_t>{{"q4_K", 13}, {"f32", 5}, {"q6_K", 3}}));
  const auto json = summary_to_json(s, std::nullopt);
  std::map<std::string, nlohmann::json> groups;
  for (const auto& g : json["tensor_groups"]) groups[g["name"]] = g;
  EXPECT_EQ(groups["token_embd"]["types"]["q4_K"], 1);
  EXPECT_EQ(groups["output"]["types"]["q6_K"], 1);
  EXPECT_EQ(groups["attn_q"]["tensors"], 2);
  EXPECT_TRUE(json["chat_template_family"].is_null());
  EXPECT_FALSE(json["has_chat_template"]);
}

TEST(ModelSummary, VocabularyOnlyFile) {
  TEXTRA_REQUIRE_SHARED();
  auto file = GgufFile::open(testing::shared_dir() + "/fixtures/tokenizer/ggml-vocab-llama-spm.gguf");
  ASSERT_TRUE(file.is_ok()) << file.status().message();
  auto summary = summarize_model(**file);
  ASSERT_TRUE(summary.is_ok()) << summary.status().message();
  EXPECT_EQ(summary->tensor_count, 0u);
  EXPECT_EQ(summary->parameters, 0u);
  EXPECT_EQ(summary->vocab_type, "llama");
  EXPECT_EQ(summary->vocab_size, 32000u);
}

}  // namespace
}  // namespace textra::llm
