// The token budget, and the trie walk with its caches checked against the definition of the mask: a fresh
// matcher that replays the output and tries each token alone.
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

// Definition of the mask: token t is allowed iff a fresh matcher that replays `history` accepts t, and
// (under a budget) leaves a shortest completion within the limit.
std::set<int32_t> brute_force_mask(const std::shared_ptr<const llm::JsonGrammar>& grammar, const TestVocabulary& v,
                                   const std::vector<int32_t>& history, size_t tokens_left) {
  auto replay = [&]() {
    auto m = llm::GrammarMatcher::create(grammar, v.vocab);
    for (int32_t id : history) EXPECT_TRUE(m->accept_token(id).is_ok());
    return std::move(m).value();
  };
  size_t now = replay().min_completion_bytes();
  size_t limit = std::max(tokens_left - 1, now == 0 ? 0 : now - 1);
  std::set<int32_t> allowed;
  for (int32_t id = 0; id < static_cast<int32_t>(v.vocab->size()); ++id) {
    auto m = replay();
    if (!m.accept_token(id).is_ok()) continue;
    if (id == v.eos || m.min_completion_bytes() <= limit) allowed.insert(id);
  }
  return allowed;
}

void compare_with_brute_force(const ordered_json& schema, uint32_t seed, size_t budget) {
  TestVocabulary v = make_vocabulary(fragment_tokens(seed, 40));
  auto grammar = compile_schema(schema);
  auto m = llm::GrammarMatcher::create(grammar, v.vocab);
  ASSERT_TRUE(m.is_ok());
  std::mt19937 rng(seed);
  std::vector<int32_t> history;
  llm::TokenMask mask;
  for (size_t left = budget; left > 0; --left) {
    m->allowed_tokens(mask, left);
    std::vector<int32_t> ids = mask.ids();
    ASSERT_EQ(std::set<int32_t>(ids.begin(), ids.end()), brute_force_mask(grammar, v, history, left))
        << "after " << m->output() << " with " << left << " tokens left";
    int32_t id = ids[rng() % ids.size()];
    if (id == v.eos) break;
    ASSERT_TRUE(m->accept_token(id).is_ok());
    history.push_back(id);
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
}

}  // namespace
}  // namespace textra::testing
