// The grammar on a real model vocabulary (Llama 3, 128256 tokens) read by the tokenizer module.
#include <gtest/gtest.h>

#include <random>

#include "llm/grammar/grammar_matcher.h"
#include "llm/grammar/tokenizer_vocabulary.h"
#include "llm/tokenizer/gguf_vocabulary.h"
#include "fields/json_schema_check.h"
#include "test_support.h"
#include "test_vocabulary.h"

namespace textra::llm {
namespace {

TEST(GrammarRealVocabulary, Llama3InvoiceAndFreeObjectRandomWalksEndInValidJson) {
  TEXTRA_REQUIRE_SHARED();
  auto tokenizer = tokenizer_from_gguf_file(textra::testing::shared_dir() +
                                            "/fixtures/tokenizer/ggml-vocab-llama-bpe.gguf");
  ASSERT_TRUE(tokenizer.is_ok()) << tokenizer.status().message();
  auto vocab = token_vocabulary_from_tokenizer(*tokenizer.value());
  ASSERT_TRUE(vocab.is_ok()) << vocab.status().message();
  EXPECT_EQ(vocab.value()->size(), 128256u);
  TokenId eot = tokenizer.value()->find("<|eot_id|>");
  ASSERT_GE(eot, 0);
  EXPECT_TRUE(vocab.value()->is_end_of_generation(eot));
  EXPECT_EQ(vocab.value()->bytes(tokenizer.value()->find("<|begin_of_text|>")), "");  // control: never allowed
  EXPECT_EQ(vocab.value()->bytes(tokenizer.value()->find("\xC4\xA0{")), " {");        // GPT-2 byte symbols decoded

  // The shipped invoice schema, and any object (the server's format "json").
  for (const auto& schema : {textra::testing::shipped_invoice_schema(), nlohmann::ordered_json::parse(R"({"type":"object"})")}) {
    auto grammar = JsonGrammar::compile(schema);
    ASSERT_TRUE(grammar.is_ok());
    auto matcher = GrammarMatcher::create(std::make_shared<const JsonGrammar>(std::move(grammar).value()), vocab.value());
    ASSERT_TRUE(matcher.is_ok()) << matcher.status().message();
    std::mt19937 rng(7);
    TokenMask mask;
    for (size_t budget : {300, 600}) {
      matcher->reset();
      for (size_t left = budget; left > 0; --left) {
        matcher->allowed_tokens(mask, left);
        ASSERT_FALSE(mask.test(tokenizer.value()->find("<|begin_of_text|>")));
        std::vector<int32_t> ids = mask.ids();
        ASSERT_FALSE(ids.empty());
        int32_t id = ids[rng() % ids.size()];
        if (vocab.value()->is_end_of_generation(id)) break;
        ASSERT_TRUE(matcher->accept_token(id).is_ok());
      }
      EXPECT_TRUE(matcher->is_complete());
      ASSERT_TRUE(nlohmann::json::accept(matcher->output())) << matcher->output();
      auto value = nlohmann::ordered_json::parse(matcher->output());
      EXPECT_TRUE(value.is_object()) << matcher->output();
      EXPECT_EQ(textra::fields::json_schema_violation(value, schema), "") << matcher->output();
    }
  }
}

}  // namespace
}  // namespace textra::llm
