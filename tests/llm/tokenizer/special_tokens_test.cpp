// Special-token texts inside the input: parsed or kept as text, user-defined tokens, Phi-3's right-strip.
#include <gtest/gtest.h>

#include "llm/tokenizer/tokenizer.h"
#include "test_vocabularies.h"

namespace textra::llm {
namespace {

using Ids = std::vector<TokenId>;

std::unique_ptr<Tokenizer> make(const std::string& model_name) {
  Vocabulary v = test::spm_vocabulary();
  v.model_name = model_name;
  auto tok = Tokenizer::create(std::move(v), "test");
  EXPECT_TRUE(tok.is_ok()) << tok.status().message();
  return std::move(tok).value();
}

TEST(SpecialTokens, ParsedOnlyWhenAsked) {
  auto tok = make("llama");
  EXPECT_EQ(tok->encode("ab</s>ab", {.add_special = false, .parse_special = true}), (Ids{266, 2, 266}));
  const Ids plain = tok->encode("ab</s>ab", {.add_special = false, .parse_special = false});
  EXPECT_EQ(std::count(plain.begin(), plain.end(), 2), 0);
  EXPECT_EQ(tok->decode(plain), "ab</s>ab");
}

TEST(SpecialTokens, UserDefinedTokensAreAlwaysSplitOut) {
  auto tok = make("llama");
  EXPECT_EQ(tok->encode("ab<sep>ab", {.add_special = false, .parse_special = false}), (Ids{266, 271, 266}));
}

TEST(SpecialTokens, TextAfterASpecialTokenGetsTheSpacePrefix) {
  auto tok = make("llama");
  // "\nab" after <|end|>: ▁ <0x0A> a b -> the newline stays.
  EXPECT_EQ(tok->encode("<|end|>\nab", {.add_special = false, .parse_special = true}),
            (Ids{269, 259, 3 + '\n', 263}));
}

TEST(SpecialTokens, Phi3NamedModelsStripWhiteSpaceAfterSpecials) {
  auto tok = make("Phi3 mini");
  EXPECT_EQ(tok->encode("<|end|>\nab", {.add_special = false, .parse_special = true}), (Ids{269, 266}));
  // <s> and <|endoftext|> keep the white space that follows them.
  EXPECT_EQ(tok->encode("<|endoftext|> ab", {.add_special = false, .parse_special = true}),
            (Ids{270, 259, 266}));
}

TEST(SpecialTokens, ControlPiecesVanishUnlessRequested) {
  auto tok = make("llama");
  EXPECT_EQ(tok->piece(2), "</s>");
  EXPECT_EQ(tok->piece(2, /*special=*/false), "");
  EXPECT_EQ(tok->decode(Ids{266, 2}, {.remove_special = false, .unparse_special = false}), "ab");
  EXPECT_TRUE(tok->is_end_of_generation(2));
  EXPECT_TRUE(tok->is_end_of_generation(269));  // <|end|> ends a turn
}

}  // namespace
}  // namespace textra::llm
