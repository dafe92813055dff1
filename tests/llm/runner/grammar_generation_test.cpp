// The grammar constraint end to end: llm::generate on a tiny synthetic model (random weights, byte-level
// vocabulary) with a JSON grammar must stop with complete JSON of the schema within the token budget,
// whatever the random logits prefer.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "llm/model/synthetic_model.h"
#include "llm/runner/grammar_constraint.h"

namespace textra::llm {
namespace {

using nlohmann::ordered_json;

constexpr int32_t kVocab = 300, kBos = 298, kEos = 299;

// One small layer and 300 tokens (256 bytes, 42 fillers "<synth_N>", BOS, EOS): milliseconds per token.
std::string write_tiny_model() {
  SynthOptions options;
  options.preset = {"tiny", Arch::kLlama, 300, 64, 1, 2, 2, 128, 256, 10000.0f, 1e-5f, true, false, 0};
  options.file_type = SynthFileType::kF16;
  std::string path = (std::filesystem::temp_directory_path() /
                      ("textra_tiny_" + std::to_string(::getpid()) + ".gguf")).string();
  Status written = write_synthetic_model(options, path);
  EXPECT_TRUE(written.is_ok()) << written.message();
  return path;
}

struct Generated {
  std::string text;
  size_t tokens = 0;
  bool complete = false;
};

// The synthetic vocabulary's texts (its "default" pre-tokenizer is not one our tokenizer implements, and
// generation only needs the bytes): token b < 256 is byte b, then the fillers, BOS without text, EOS.
std::vector<std::string> token_bytes() {
  std::vector<std::string> bytes;
  for (int b = 0; b < 256; ++b) bytes.emplace_back(1, static_cast<char>(b));
  for (int id = 256; id < kBos; ++id) bytes.push_back("<synth_" + std::to_string(id) + ">");
  bytes.emplace_back();
  bytes.emplace_back("<|end_of_text|>");
  return bytes;
}

Generated generate_json(const Model& model, const ordered_json& schema, int64_t budget, uint64_t seed) {
  const std::vector<std::string> texts = token_bytes();
  auto vocab = TokenVocabulary::build(texts, {kEos});
  EXPECT_TRUE(vocab.is_ok()) << vocab.status().message();
  auto grammar = JsonGrammar::compile(schema);
  EXPECT_TRUE(grammar.is_ok()) << grammar.status().message();
  auto matcher = GrammarMatcher::create(std::make_shared<const JsonGrammar>(std::move(*grammar)), *vocab);
  EXPECT_TRUE(matcher.is_ok()) << matcher.status().message();
  if (!matcher.is_ok()) return {};
  GrammarConstraint constraint(std::move(*matcher));
  Session session(model, {.n_ctx = 256, .n_threads = 1});
  Sampler sampler(SamplingParams{.temperature = 1.5f, .top_k = 0, .top_p = 1.0f, .min_p = 0.0f, .seed = seed});
  GenerationOptions options;
  options.max_tokens = budget;
  options.is_end = [](int32_t id) { return id == kEos; };
  options.constraint = &constraint;
  std::vector<int32_t> prompt = {kBos, '{', 'a'};  // BOS and two byte tokens
  auto piece = [&](int32_t id) { return id >= 0 && id < kVocab && id != kEos ? texts[static_cast<size_t>(id)] : ""; };
  auto result = generate(session, sampler, prompt, options, piece);
  EXPECT_TRUE(result.is_ok()) << result.status().message();
  if (!result.is_ok()) return {};
  return {result->text, result->generated.size(), constraint.matcher().is_complete()};
}

TEST(GrammarGeneration, RandomModelEndsWithCompleteJsonWithinTheBudget) {
  std::string path = write_tiny_model();
  auto model = Model::load(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(model.is_ok()) << model.status().message();
  ASSERT_EQ((*model)->config().n_vocab, kVocab);

  // Format "json" of the server: any object.
  for (uint64_t seed : {1, 2, 3}) {
    Generated out = generate_json(**model, ordered_json::parse(R"({"type":"object"})"), 40, seed);
    EXPECT_TRUE(out.complete) << out.text;
    EXPECT_LE(out.tokens, 40u);
    EXPECT_TRUE(ordered_json::parse(out.text, nullptr, false).is_object()) << out.text;
  }
  // A schema with fields: every property, in order.
  ordered_json schema = ordered_json::parse(R"({"type":"object","properties":{"n":{"type":"integer"},
      "s":{"type":["string","null"],"maxLength":8},"l":{"type":"array","items":{"type":"boolean"},"maxItems":2}}})");
  Generated out = generate_json(**model, schema, 60, 4);
  EXPECT_TRUE(out.complete) << out.text;
  ordered_json value = ordered_json::parse(out.text, nullptr, false);
  ASSERT_TRUE(value.is_object()) << out.text;
  EXPECT_TRUE(value["n"].is_number_integer()) << out.text;
  EXPECT_TRUE(value["l"].is_array()) << out.text;
}

}  // namespace
}  // namespace textra::llm
