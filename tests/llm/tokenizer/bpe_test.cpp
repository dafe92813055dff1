// Byte-level BPE on a constructed vocabulary (see test_vocabularies.h).
#include <gtest/gtest.h>

#include "llm/tokenizer/tokenizer.h"
#include "test_vocabularies.h"

namespace textra::llm {
namespace {

std::unique_ptr<Tokenizer> make(const std::string& pre) {
  auto tok = Tokenizer::create(test::bpe_vocabulary(pre), "test");
  EXPECT_TRUE(tok.is_ok()) << tok.status().message();
  return std::move(tok).value();
}

const EncodeOptions kPlain{.add_special = false, .parse_special = false};
using Ids = std::vector<TokenId>;

TEST(BpeTokenizer, MergesByRank) {
  auto tok = make("gpt-2");
  EXPECT_EQ(tok->encode("abc", kPlain), (Ids{258}));       // a b -> ab, ab c -> abc
  EXPECT_EQ(tok->encode("bcab", kPlain), (Ids{257, 256}));  // "a b" (rank 0) before "b c" (rank 1)
  EXPECT_EQ(tok->encode(" ab", kPlain), (Ids{' ', 256}));   // the space byte is its own symbol here
}

TEST(BpeTokenizer, MergeResultThatIsNoTokenFallsBackToBytes) {
  auto tok = make("gpt-2");
  EXPECT_EQ(tok->encode("xyz", kPlain), (Ids{'x', 'y', 'z'}));  // "x y" makes "xy", which is no token
}

TEST(BpeTokenizer, Llama3KeepsWholeWordTokens) {
  auto tok = make("llama-bpe");
  EXPECT_EQ(tok->encode("xyz", kPlain), (Ids{259}));  // ignore_merges: the word is a token
  EXPECT_TRUE(tok->adds_bos());
  EXPECT_EQ(tok->encode("abc"), (Ids{260, 258}));
}

TEST(BpeTokenizer, RoundTripsBytes) {
  auto tok = make("qwen2");
  const std::string text = "Total\xC2\xA0TTC : 1\xE2\x80\xAF" "234,56 \xE2\x82\xAC\n\tbcab xyz \xF0\x9F\xA6\x99";
  EXPECT_EQ(tok->decode(tok->encode(text, kPlain)), text);
}

TEST(BpeTokenizer, InvalidUtf8BecomesReplacementCharacter) {
  auto tok = make("qwen2");
  EXPECT_EQ(tok->decode(tok->encode("a\xFF" "b", kPlain)), "a\xEF\xBF\xBD" "b");
}

TEST(BpeTokenizer, CleanUpSpacesOnDecode) {
  auto gpt2 = make("gpt-2");
  EXPECT_EQ(gpt2->decode(gpt2->encode("a , b . it 's", kPlain)), "a, b. it's");
  auto qwen2 = make("qwen2");
  EXPECT_EQ(qwen2->decode(qwen2->encode("a , b", kPlain)), "a , b");
}

TEST(BpeTokenizer, UnknownPreTokenizerIsRefused) {
  auto tok = Tokenizer::create(test::bpe_vocabulary("starcoder"), "m.gguf");
  ASSERT_FALSE(tok.is_ok());
  EXPECT_NE(tok.status().message().find("starcoder"), std::string::npos);
}

}  // namespace
}  // namespace textra::llm
