// The token budget, and the trie walk with its caches checked against the definition of the mask: the
// parser tries each token alone.
#include <gtest/gtest.h>

#include <random>

#include "test_vocabulary.h"

namespace textra::testing {
namespace {

using nlohmann::ordered_json;

TEST(GrammarBudget, NearTheEndOnlyTokensThatStillFit) {
  std::vector<std::string> tokens;
  for (char c : std::string("\"{}[],:-0123456789abx")) tokens.emplace_back(1, c);
  for (int b = 0x80; b <= 0xBF; ++b) tokens.emplace_back(1, static_cast<char>(b));  // a token may stop in a character
  for (const char* t : {"\xC3", "xy", "\",\"b\":0}", "{\"a\":\""}) tokens.emplace_back(t);
  auto v = make_vocabulary(tokens);
  auto m = make_matcher(ordered_json::parse(
      R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}})"), v);
  EXPECT_EQ(m.min_completion_bytes(), std::string(R"({"a":"","b":0})").size());
  accept_all(m, v, {"{\"a\":\""});
  EXPECT_EQ(m.min_completion_bytes(), std::string(R"(","b":0})").size());

  // 8 tokens left for 8 bytes: the string must close now.
  EXPECT_EQ(allowed_texts(m, v, 8), (std::set<std::string>{"\"", "\",\"b\":0}"}));
  EXPECT_TRUE(m.forced_completion_needed(8));
  // One more token: any character, but not the start of a two-byte character that needs another token.
  std::set<std::string> nine = allowed_texts(m, v, 9);
  EXPECT_EQ(nine.count("x"), 1u);
  EXPECT_EQ(nine.count("xy"), 1u);
  EXPECT_EQ(nine.count("\xC3"), 0u);
  EXPECT_EQ(allowed_texts(m, v, 10).count("\xC3"), 1u);
  EXPECT_TRUE(m.forced_completion_needed(9));
  EXPECT_FALSE(m.forced_completion_needed(100));
  EXPECT_EQ(allowed_texts(m, v, 100), allowed_texts(m, v));
  // A budget already too small still walks the shortest completion.
  EXPECT_EQ(allowed_texts(m, v, 1), (std::set<std::string>{"\"", "\",\"b\":0}"}));
}

// Definition of the mask: token t is allowed iff the parser, fed the output so far and then t's bytes,
// accepts them all and (under a budget) is left with a shortest completion within the limit. No trie, no cache.
class BruteForceMask {
 public:
  BruteForceMask(const llm::JsonGrammar& grammar, const TestVocabulary& v)
      : parser_(grammar), v_(v), state_{parser_.initial_frame(grammar.root()), -1, 0} {}

  void accept(int32_t id) {
    for (char b : v_.vocab->bytes(id)) ASSERT_TRUE(parser_.step(state_, arena_, static_cast<uint8_t>(b)));
  }

  std::set<int32_t> allowed(size_t tokens_left) {
    size_t now = parser_.min_completion(state_, arena_);
    size_t limit = std::max(tokens_left - 1, now == 0 ? 0 : now - 1);
    std::set<int32_t> out;
    for (int32_t id = 0; id < static_cast<int32_t>(v_.vocab->size()); ++id) {
      const std::string& bytes = v_.vocab->bytes(id);
      if (id == v_.eos) {
        if (parser_.can_end(state_, arena_)) out.insert(id);
        continue;
      }
      llm::Cursor c = state_;  // steps only write past the arena entries in use
      bool ok = !bytes.empty();
      for (size_t k = 0; k < bytes.size() && ok; ++k) ok = parser_.step(c, arena_, static_cast<uint8_t>(bytes[k]));
      if (ok && parser_.min_completion(c, arena_) <= limit) out.insert(id);
    }
    return out;
  }

 private:
  llm::PushdownParser parser_;
  const TestVocabulary& v_;
  llm::Cursor state_;
  llm::StackArena arena_;
};

void compare_with_brute_force(const ordered_json& schema, uint32_t seed, size_t budget) {
  TestVocabulary v = make_vocabulary(fragment_tokens(seed, 40));
  auto grammar = compile_schema(schema);
  auto m = llm::GrammarMatcher::create(grammar, v.vocab);
  ASSERT_TRUE(m.is_ok());
  BruteForceMask brute_force(*grammar, v);
  std::mt19937 rng(seed);
  llm::TokenMask mask;
  for (size_t left = budget; left > 0; --left) {
    m->allowed_tokens(mask, left);
    std::vector<int32_t> ids = mask.ids();
    ASSERT_EQ(std::set<int32_t>(ids.begin(), ids.end()), brute_force.allowed(left))
        << "after " << m->output() << " with " << left << " tokens left";
    int32_t id = ids[rng() % ids.size()];
    if (id == v.eos) break;
    ASSERT_TRUE(m->accept_token(id).is_ok());
    brute_force.accept(id);
  }
}

TEST(GrammarMaskDefinition, TrieWalkAndCachesMatchTryingEveryToken) {
  compare_with_brute_force(ordered_json::parse(R"({"type":"object","properties":{
      "s":{"type":["string","null"],"maxLength":6},"d":{"type":"string","format":"date"},
      "n":{"type":"number"},"c":{"enum":["EUR","USD",null]},
      "l":{"type":"array","items":{"type":"object","properties":{"q":{"type":"integer"},"t":{"type":"string"}}},
           "maxItems":2}}})"),
                           21, 70);
  compare_with_brute_force(ordered_json::parse(R"({"type":"array","items":{"type":"string"},"minItems":1})"), 22, 30);
  // Long maxLength: positions with more room than the longest token share cached masks.
  for (uint32_t seed : {23, 24, 25}) {
    compare_with_brute_force(ordered_json::parse(
        R"({"type":"object","properties":{"t":{"type":"string","maxLength":14},"u":{"type":"string"}}})"), seed, 60);
  }
  // Free-form values and open objects.
  compare_with_brute_force(ordered_json::parse("{}"), 28, 80);
  compare_with_brute_force(ordered_json::parse(R"({"type":"object"})"), 29, 80);
  compare_with_brute_force(ordered_json::parse(R"({"type":"object","properties":{"o":{"type":"object",
      "additionalProperties":{"type":"array","items":{"type":"string"}}}}})"), 30, 80);
  for (uint32_t seed : {31, 32, 33}) compare_with_brute_force(ordered_json::parse(R"({"type":"object"})"), seed, 150);
  const ordered_json invoice = shipped_invoice_schema();
  for (uint32_t seed : {26, 27}) compare_with_brute_force(invoice, seed, 300);
}

}  // namespace
}  // namespace textra::testing
