// Small tokenizer.json files written from the documented layout of Hugging Face `tokenizers`.
#include "llm/tokenizer/hf_tokenizer_json.h"

#include <gtest/gtest.h>

#include "llm/tokenizer/tokenizer.h"

namespace textra::llm {
namespace {

using Ids = std::vector<TokenId>;

// Byte-level BPE with the Llama 3 split expression and a BOS template. "Ġ" is the byte-level space.
constexpr const char* kByteLevelJson = R"({
  "version": "1.0",
  "added_tokens": [
    {"id": 10, "content": "<|bos|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
    {"id": 11, "content": "<|eot|>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}
  ],
  "normalizer": null,
  "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
    {"type": "Split", "pattern": {"Regex": "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}, "behavior": "Isolated", "invert": false},
    {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]},
  "post_processor": {"type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "<|bos|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
    "pair": [], "special_tokens": {"<|bos|>": {"id": "<|bos|>", "ids": [10], "tokens": ["<|bos|>"]}}},
  "decoder": {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
  "model": {"type": "BPE", "dropout": null, "unk_token": null, "byte_fallback": false, "ignore_merges": true,
    "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "\u0120": 4, "he": 5, "ll": 6, "hell": 7, "hello": 8, "\u0120hello": 9},
    "merges": ["h e", "l l", ["he", "ll"], "hell o", "\u0120 hello"]}
})";

// SentencePiece-style BPE (Llama 2 layout): "▁" spaces, byte fallback, <unk>/<s>/</s>.
constexpr const char* kSentencePieceJson = R"({
  "added_tokens": [
    {"id": 0, "content": "<unk>", "special": true},
    {"id": 1, "content": "<s>", "special": true},
    {"id": 2, "content": "</s>", "special": true}],
  "normalizer": {"type": "Sequence", "normalizers": [
    {"type": "Prepend", "prepend": "\u2581"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]},
  "pre_tokenizer": null,
  "post_processor": {"type": "TemplateProcessing",
    "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}]},
  "decoder": {"type": "Sequence", "decoders": []},
  "model": {"type": "BPE", "byte_fallback": true, "unk_token": "<unk>",
    "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0xC3>": 3, "<0xA9>": 4, "\u2581": 5, "a": 6, "b": 7,
              "ab": 8, "\u2581a": 9, "\u2581ab": 10},
    "merges": ["a b", "\u2581 a", "\u2581 ab"]}
})";

TEST(HfTokenizerJson, ByteLevelWithLlama3Split) {
  auto vocab = vocabulary_from_hf_tokenizer_json(kByteLevelJson, "tokenizer.json");
  ASSERT_TRUE(vocab.is_ok()) << vocab.status().message();
  EXPECT_EQ(vocab->model, VocabModel::kByteLevelBpe);
  EXPECT_EQ(vocab->pre_tokenizer, "llama-bpe");
  EXPECT_EQ(vocab->size(), 12u);
  EXPECT_EQ(vocab->type_of(11), TokenType::kControl);
  auto tok = Tokenizer::create(std::move(vocab).value(), "tokenizer.json");
  ASSERT_TRUE(tok.is_ok()) << tok.status().message();
  EXPECT_EQ((*tok)->encode("hello hello"), (Ids{10, 8, 9}));
  EXPECT_EQ((*tok)->encode("hello<|eot|>"), (Ids{10, 8, 11}));
  EXPECT_EQ((*tok)->decode((*tok)->encode("hello hello", {.add_special = false})), "hello hello");
  EXPECT_TRUE((*tok)->is_end_of_generation(11) == false);  // "<|eot|>" is no end-of-generation text we know
}

TEST(HfTokenizerJson, SentencePieceStyleWithByteFallback) {
  auto vocab = vocabulary_from_hf_tokenizer_json(kSentencePieceJson, "tokenizer.json");
  ASSERT_TRUE(vocab.is_ok()) << vocab.status().message();
  EXPECT_EQ(vocab->model, VocabModel::kSentencePiece);
  EXPECT_EQ(vocab->type_of(3), TokenType::kByte);
  EXPECT_EQ(vocab->unk, 0);
  EXPECT_EQ(vocab->bos, 1);
  auto tok = Tokenizer::create(std::move(vocab).value(), "tokenizer.json");
  ASSERT_TRUE(tok.is_ok()) << tok.status().message();
  EXPECT_EQ((*tok)->encode("ab ab\xC3\xA9"), (Ids{1, 10, 10, 3, 4}));
  EXPECT_EQ((*tok)->decode(Ids{10, 10, 3, 4}), "ab ab\xC3\xA9");
}

TEST(HfTokenizerJson, RefusesWhatItCannotRun) {
  EXPECT_FALSE(vocabulary_from_hf_tokenizer_json("{", "t.json").is_ok());
  EXPECT_FALSE(vocabulary_from_hf_tokenizer_json(R"({"model": {"type": "Unigram", "vocab": []}})", "t.json").is_ok());
  EXPECT_FALSE(vocabulary_from_hf_tokenizer_json(R"({"model": {"type": "BPE", "vocab": {"a": "x"}}})", "t.json").is_ok());
  EXPECT_FALSE(vocabulary_from_hf_tokenizer_json(
      R"({"model": {"type": "BPE", "vocab": {"a": 0}}, "pre_tokenizer": 5, "decoder": {"type": "ByteLevel"}})",
      "t.json").is_ok());
}

}  // namespace
}  // namespace textra::llm
