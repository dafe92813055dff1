// SentencePiece-style tokenization on a constructed vocabulary (see test_vocabularies.h for the scores).
#include <gtest/gtest.h>

#include "llm/tokenizer/tokenizer.h"
#include "test_vocabularies.h"

namespace textra::llm {
namespace {

std::unique_ptr<Tokenizer> make(Vocabulary v = test::spm_vocabulary()) {
  auto tok = Tokenizer::create(std::move(v), "test");
  EXPECT_TRUE(tok.is_ok()) << tok.status().message();
  return std::move(tok).value();
}

const EncodeOptions kPlain{.add_special = false, .parse_special = false};

TEST(SpmTokenizer, MergesHighestScoreFirst) {
  auto tok = make();
  // ▁ a b c: "ab" (-1) first, then "▁ab" (-4) beats "abc" (-5); "▁abc" is no token.
  EXPECT_EQ(tok->encode("abc", kPlain), (std::vector<TokenId>{266, 262}));
}

TEST(SpmTokenizer, EqualScoresMergeLeftmostFirst) {
  auto tok = make();
  // ▁ a a a: both "aa" pairs score -1; the left one wins, then nothing else forms a token.
  EXPECT_EQ(tok->encode("aaa", kPlain), (std::vector<TokenId>{259, 268, 260}));
}

TEST(SpmTokenizer, BytesFallBackToByteTokens) {
  auto tok = make();
  // "é" is no piece: its two UTF-8 bytes become <0xC3> <0xA9> (ids 3 + byte).
  EXPECT_EQ(tok->encode("\xC3\xA9", kPlain), (std::vector<TokenId>{259, 3 + 0xC3, 3 + 0xA9}));
  EXPECT_EQ(tok->decode(tok->encode("\xC3\xA9", kPlain)), "\xC3\xA9");
}

TEST(SpmTokenizer, BosAndSpacePrefix) {
  auto tok = make();
  EXPECT_TRUE(tok->adds_bos());
  EXPECT_EQ(tok->encode("ab"), (std::vector<TokenId>{1, 266}));
  EXPECT_EQ(tok->encode(""), (std::vector<TokenId>{1}));
  EXPECT_TRUE(tok->encode("", kPlain).empty());
  // The prefix space is removed on decoding, except after a BOS that was removed.
  EXPECT_EQ(tok->decode(tok->encode("ab", kPlain)), "ab");
  EXPECT_EQ(tok->decode(tok->encode("ab"), {.remove_special = true, .unparse_special = false}), " ab");
  EXPECT_EQ(tok->decode(tok->encode("ab")), "<s> ab");
}

TEST(SpmTokenizer, MetadataTurnsOffPrefixAndBos) {
  Vocabulary v = test::spm_vocabulary();
  v.add_space_prefix = false;
  v.add_bos = false;
  v.add_eos = true;
  auto tok = make(std::move(v));
  EXPECT_EQ(tok->encode("ab"), (std::vector<TokenId>{263, 2}));
}

TEST(SpmTokenizer, RefusesInconsistentVocabulary) {
  Vocabulary v = test::spm_vocabulary();
  v.scores.pop_back();
  EXPECT_FALSE(Tokenizer::create(std::move(v), "test").is_ok());
  Vocabulary w = test::spm_vocabulary();
  w.bos = 100000;
  auto bad = Tokenizer::create(std::move(w), "vocab.gguf");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("vocab.gguf"), std::string::npos);
}

}  // namespace
}  // namespace textra::llm
