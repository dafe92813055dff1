// Prompt-lookup drafts change how many forward passes an answer takes, never its tokens: greedy decoding
// with drafts gives exactly the tokens of plain greedy decoding. The tiny byte-level model makes copying
// certain where needed: every text has one tokenization (its bytes), and a schema `enum` forces the answer
// to spell a value byte by byte, so when the document holds that value the drafts copied from it are the
// greedy tokens.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "llm/runner/grammar_constraint.h"
#include "tiny_byte_model.h"

namespace textra::llm {
namespace {

using nlohmann::ordered_json;

struct GreedyRun {
  std::vector<int32_t> ids;
  std::string text;
  GenerationTimings timings;
  int64_t n_past = 0;  // the session's positions after the run
};

std::vector<int32_t> byte_prompt(const std::string& text) {
  std::vector<int32_t> ids = {kTinyBos};
  for (unsigned char c : text) ids.push_back(c);
  return ids;
}

// Greedy decoding of the prompt (under the schema's grammar when given), jump-forward off.
GreedyRun greedy(const Model& model, const std::vector<int32_t>& prompt, const ordered_json* schema, int64_t budget,
           int64_t draft_tokens, float repeat_penalty = 1.0f) {
  const std::vector<std::string> texts = tiny_token_texts();
  std::unique_ptr<GrammarConstraint> constraint;
  if (schema != nullptr) {
    auto grammar = JsonGrammar::compile(*schema);
    EXPECT_TRUE(grammar.is_ok()) << grammar.status().message();
    if (!grammar.is_ok()) return {};
    auto matcher = GrammarMatcher::create(std::make_shared<const JsonGrammar>(std::move(*grammar)),
                                          tiny_grammar_vocabulary());
    EXPECT_TRUE(matcher.is_ok()) << matcher.status().message();
    if (!matcher.is_ok()) return {};
    constraint = std::make_unique<GrammarConstraint>(std::move(*matcher));
  }
  Session session(model, {.n_ctx = 512, .n_threads = 2});
  Sampler sampler(SamplingParams{.temperature = 0, .repeat_penalty = repeat_penalty});
  GenerationOptions options;
  options.max_tokens = budget;
  options.is_end = [](int32_t id) { return id == kTinyEos; };
  options.constraint = constraint.get();
  options.draft_tokens = draft_tokens;
  options.draft_source = prompt;
  auto piece = [&](int32_t id) { return id >= 0 && id < kTinyVocab && id != kTinyEos ? texts[static_cast<size_t>(id)] : ""; };
  auto result = generate(session, sampler, prompt, options, piece);
  EXPECT_TRUE(result.is_ok()) << result.status().message();
  if (!result.is_ok()) return {};
  if (constraint != nullptr) {
    EXPECT_TRUE(constraint->matcher().is_complete()) << result->text;
  }
  return {result->generated, result->text, result->timings, session.n_past()};
}

// `{"ref": one fixed value, "note": free text}`: the value is forced byte by byte, the note is the model's.
ordered_json ref_and_note(const std::string& ref) {
  return {{"type", "object"},
          {"properties", {{"ref", {{"enum", {ref}}}}, {"note", {{"type", "string"}, {"maxLength", 12}}}}},
          {"required", {"ref", "note"}}};
}

void expect_same_tokens(const GreedyRun& plain, const GreedyRun& drafted, const std::vector<int32_t>& prompt) {
  EXPECT_EQ(drafted.ids, plain.ids);
  EXPECT_EQ(drafted.text, plain.text);
  // Both leave every token but the last in the session, as a caller that goes on expects.
  EXPECT_EQ(plain.n_past, static_cast<int64_t>(prompt.size() + plain.ids.size()) - 1);
  EXPECT_EQ(drafted.n_past, plain.n_past);
}

// The model, and an invoice line whose reference the schemas below make the answer copy.
class DraftGeneration : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = load_tiny_byte_model();
    ASSERT_NE(model_, nullptr);
  }
  std::unique_ptr<Model> model_;
  const std::vector<int32_t> invoice_ = byte_prompt("Invoice ZQXJ-2024-0042-ABCD, total 42.00\n");
};

TEST_F(DraftGeneration, CopiedValueIsAcceptedAndTheTokensAreTheGreedyOnes) {
  const ordered_json schema = ref_and_note("ZQXJ-2024-0042-ABCD");
  const GreedyRun plain = greedy(*model_, invoice_, &schema, 60, 0);
  ASSERT_FALSE(plain.ids.empty());
  EXPECT_EQ(plain.timings.drafted_tokens, 0);
  for (int64_t draft_tokens : {1, 3, 8}) {
    SCOPED_TRACE("draft_tokens " + std::to_string(draft_tokens));
    const GreedyRun drafted = greedy(*model_, invoice_, &schema, 60, draft_tokens);
    expect_same_tokens(plain, drafted, invoice_);
    // After `"Z` the 18 bytes `QXJ-...-ABCD` follow `Z` in the document: the drafts copy them, and each pass
    // confirms up to draft_tokens of them and adds one of its own.
    EXPECT_GE(drafted.timings.accepted_tokens, 18 * draft_tokens / (draft_tokens + 1)) << drafted.text;
    EXPECT_LE(drafted.timings.accepted_tokens, drafted.timings.drafted_tokens);
    EXPECT_EQ(drafted.timings.gen_passes + drafted.timings.accepted_tokens,
              static_cast<int64_t>(drafted.ids.size()) - 1)
        << "every token but the first (from the prompt's pass) is a confirmed draft token or a pass's own";
  }
}

// The document's value parts from the schema's after `ZQXJ-2024-00`: the draft is confirmed up to there and
// rejected in the middle. The rest of the draft must leave the session (and the grammar never sees it): the
// free note after it is still exactly the greedy text.
TEST_F(DraftGeneration, ADraftRejectedMidwayLeavesTheSessionAsPlainDecodingWould) {
  const ordered_json schema = ref_and_note("ZQXJ-2024-0099-WXYZ");
  const GreedyRun plain = greedy(*model_, invoice_, &schema, 60, 0);
  ASSERT_FALSE(plain.ids.empty());
  const GreedyRun drafted = greedy(*model_, invoice_, &schema, 60, 8);
  expect_same_tokens(plain, drafted, invoice_);
  EXPECT_GE(drafted.timings.accepted_tokens, 10) << "QXJ-2024-00 is copied";
  EXPECT_GT(drafted.timings.drafted_tokens, drafted.timings.accepted_tokens) << "42-ABCD is drafted and rejected";
  EXPECT_NE(drafted.text.find("\"note\":\""), std::string::npos) << drafted.text;
}

// Without a grammar, with the repetition penalty (the sampler's state follows the confirmed tokens), and
// for several draft lengths: the random model's loops and the prompt's repeats feed the drafts.
TEST_F(DraftGeneration, FreeTextIsTheSameWithAnyDraftLength) {
  const std::vector<int32_t> prompt = byte_prompt("abc abc abd abc 12 12 13 12 abc 12 abc ");
  for (float penalty : {1.0f, 1.3f}) {
    const GreedyRun plain = greedy(*model_, prompt, nullptr, 80, 0, penalty);
    ASSERT_EQ(plain.ids.size(), 80u);
    for (int64_t draft_tokens : {1, 2, 5, 16}) {
      SCOPED_TRACE("penalty " + std::to_string(penalty) + ", draft_tokens " + std::to_string(draft_tokens));
      expect_same_tokens(plain, greedy(*model_, prompt, nullptr, 80, draft_tokens, penalty), prompt);
    }
  }
}

}  // namespace
}  // namespace textra::llm
