// The grammar constraint end to end: llm::generate on a tiny synthetic model (random weights, byte-level
// vocabulary) with a JSON grammar must stop with complete JSON of the schema within the token budget,
// whatever the random logits prefer.
#include <gtest/gtest.h>

#include "llm/runner/grammar_constraint.h"
#include "tiny_byte_model.h"

namespace textra::llm {
namespace {

using nlohmann::ordered_json;

struct Generated {
  std::string text;
  size_t tokens = 0;
  bool complete = false;
};

Generated generate_json(const Model& model, const ordered_json& schema, int64_t budget, uint64_t seed) {
  const std::vector<std::string> texts = tiny_token_texts();
  auto grammar = JsonGrammar::compile(schema);
  EXPECT_TRUE(grammar.is_ok()) << grammar.status().message();
  auto matcher = GrammarMatcher::create(std::make_shared<const JsonGrammar>(std::move(*grammar)), tiny_grammar_vocabulary());
  EXPECT_TRUE(matcher.is_ok()) << matcher.status().message();
  if (!matcher.is_ok()) return {};
  GrammarConstraint constraint(std::move(*matcher));
  Session session(model, {.n_ctx = 256, .n_threads = 1});
  Sampler sampler(SamplingParams{.temperature = 1.5f, .top_k = 0, .top_p = 1.0f, .min_p = 0.0f, .seed = seed});
  GenerationOptions options;
  options.max_tokens = budget;
  options.is_end = [](int32_t id) { return id == kTinyEos; };
  options.constraint = &constraint;
  std::vector<int32_t> prompt = {kTinyBos, '{', 'a'};  // BOS and two byte tokens
  auto piece = [&](int32_t id) { return id >= 0 && id < kTinyVocab && id != kTinyEos ? texts[static_cast<size_t>(id)] : ""; };
  auto result = generate(session, sampler, prompt, options, piece);
  EXPECT_TRUE(result.is_ok()) << result.status().message();
  if (!result.is_ok()) return {};
  return {result->text, result->generated.size(), constraint.matcher().is_complete()};
}

TEST(GrammarGeneration, RandomModelEndsWithCompleteJsonWithinTheBudget) {
  auto model = load_tiny_byte_model();
  ASSERT_NE(model, nullptr);

  // Format "json" of the server: any object.
  for (uint64_t seed : {1, 2, 3}) {
    Generated out = generate_json(*model, ordered_json::parse(R"({"type":"object"})"), 40, seed);
    EXPECT_TRUE(out.complete) << out.text;
    EXPECT_LE(out.tokens, 40u);
    EXPECT_TRUE(ordered_json::parse(out.text, nullptr, false).is_object()) << out.text;
  }
  // A schema with fields: every property, in order.
  ordered_json schema = ordered_json::parse(R"({"type":"object","properties":{"n":{"type":"integer"},
      "s":{"type":["string","null"],"maxLength":8},"l":{"type":"array","items":{"type":"boolean"},"maxItems":2}}})");
  Generated out = generate_json(*model, schema, 60, 4);
  EXPECT_TRUE(out.complete) << out.text;
  ordered_json value = ordered_json::parse(out.text, nullptr, false);
  ASSERT_TRUE(value.is_object()) << out.text;
  EXPECT_TRUE(value["n"].is_number_integer()) << out.text;
  EXPECT_TRUE(value["l"].is_array()) << out.text;
}

}  // namespace
}  // namespace textra::llm
