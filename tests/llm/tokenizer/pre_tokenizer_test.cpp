// Word splits of the three pre-tokenizer expressions, worked out by hand from the regexes.
#include "llm/tokenizer/pre_tokenizer.h"

#include <gtest/gtest.h>

namespace textra::llm {
namespace {

std::vector<std::string> split(PreTokenizer kind, std::string_view text) {
  SplitScratch scratch;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
  split_words(kind, text, scratch, ranges);
  std::vector<std::string> words;
  for (auto [b, e] : ranges) words.emplace_back(text.substr(b, e - b));
  return words;
}

using Words = std::vector<std::string>;

TEST(PreTokenizer, Gpt2) {
  EXPECT_EQ(split(PreTokenizer::kGpt2, "Hello world's  test\n\n 123abc \xE2\x82\xAC" "5"),
            (Words{"Hello", " world", "'s", " ", " test", "\n\n", " 123", "abc", " \xE2\x82\xAC", "5"}));
  // Contractions are case-sensitive; a lone trailing space is its own word.
  EXPECT_EQ(split(PreTokenizer::kGpt2, "IT'S ok "), (Words{"IT", "'", "S", " ok", " "}));
}

TEST(PreTokenizer, Llama3) {
  EXPECT_EQ(split(PreTokenizer::kLlama3, "Hello world's  test\n\n 123abc \xE2\x82\xAC" "5"),
            (Words{"Hello", " world", "'s", " ", " test", "\n\n", " ", "123", "abc", " \xE2\x82\xAC", "5"}));
  EXPECT_EQ(split(PreTokenizer::kLlama3, "IT'S 1234567"), (Words{"IT", "'S", " ", "123", "456", "7"}));
  // Punctuation takes the newlines that follow it; a non-letter may prefix a word.
  EXPECT_EQ(split(PreTokenizer::kLlama3, "x.\n\ny\t(z"), (Words{"x", ".\n\n", "y", "\t", "(z"}));
  // U+00A0 is white space: it separates the groups of an amount.
  EXPECT_EQ(split(PreTokenizer::kLlama3, "1\xC2\xA0" "234,56"), (Words{"1", "\xC2\xA0", "234", ",", "56"}));
  // Accented letters are letters; a combining accent (Mn) is not.
  EXPECT_EQ(split(PreTokenizer::kLlama3, " \xC3\xA9t\xC3\xA9 e\xCC\x81"), (Words{" \xC3\xA9t\xC3\xA9", " e", "\xCC\x81"}));
}

TEST(PreTokenizer, Qwen2SplitsEveryDigit) {
  EXPECT_EQ(split(PreTokenizer::kQwen2, "TVA 20 %: 1234"),
            (Words{"TVA", " ", "2", "0", " %:", " ", "1", "2", "3", "4"}));
}

TEST(PreTokenizer, EmptyAndWhitespaceOnly) {
  EXPECT_TRUE(split(PreTokenizer::kLlama3, "").empty());
  EXPECT_EQ(split(PreTokenizer::kLlama3, "   "), (Words{"   "}));
  EXPECT_EQ(split(PreTokenizer::kGpt2, "  a"), (Words{" ", " a"}));
  EXPECT_EQ(split(PreTokenizer::kLlama3, " \r\n \n  "), (Words{" \r\n \n", "  "}));
}

TEST(PreTokenizer, NamesAndSettings) {
  auto llama3 = pre_tokenizer_from_name("llama-bpe");
  ASSERT_TRUE(llama3.is_ok());
  EXPECT_EQ(llama3->kind, PreTokenizer::kLlama3);
  EXPECT_TRUE(llama3->ignore_merges);
  EXPECT_TRUE(llama3->add_bos_default);
  auto qwen2 = pre_tokenizer_from_name("qwen2");
  ASSERT_TRUE(qwen2.is_ok());
  EXPECT_FALSE(qwen2->clean_spaces);
  EXPECT_FALSE(pre_tokenizer_from_name("starcoder").is_ok());
}

}  // namespace
}  // namespace textra::llm
