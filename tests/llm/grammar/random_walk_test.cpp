// Random walks: choosing uniformly among the allowed tokens must always end in JSON that parses and matches
// the schema, within the token budget. Run for every supported JSON Schema feature.
#include <gtest/gtest.h>

#include <random>

#include "fields/json_schema_check.h"
#include "test_vocabulary.h"

namespace textra::testing {
namespace {

using nlohmann::ordered_json;
constexpr uint32_t kFreeNesting = llm::kFreeFormNesting;

struct Walk {
  std::string text;
  size_t tokens = 0;
};

Walk random_walk(llm::GrammarMatcher& m, const TestVocabulary& v, std::mt19937& rng, size_t budget) {
  m.reset();
  Walk walk;
  llm::TokenMask mask;
  for (;;) {
    size_t left = budget > walk.tokens ? budget - walk.tokens : 0;
    if (left == 0 && m.is_complete()) break;
    m.allowed_tokens(mask, left);
    std::vector<int32_t> ids = mask.ids();
    if (ids.empty()) {
      ADD_FAILURE() << "nothing allowed after " << m.output();
      break;
    }
    int32_t id = ids[rng() % ids.size()];
    if (id == v.eos) break;
    Status accepted = m.accept_token(id);
    if (!accepted.is_ok()) {
      ADD_FAILURE() << "an allowed token was refused: " << accepted.message();
      break;
    }
    if (++walk.tokens > budget + 100000) {
      ADD_FAILURE() << "no end in sight: " << m.output();
      break;
    }
  }
  walk.text = m.output();
  return walk;
}

// Returns the parsed outputs.
std::vector<ordered_json> check_walks(const ordered_json& schema, uint32_t seed, int walks) {
  TestVocabulary v = make_vocabulary(fragment_tokens(seed, 150));
  llm::GrammarMatcher m = make_matcher(schema, v);
  const size_t shortest = m.min_completion_bytes();
  std::mt19937 rng(seed);
  std::vector<ordered_json> outputs;
  for (int i = 0; i < walks; ++i) {
    // Budgets below the shortest output, just above it, and roomy.
    size_t budget = i % 5 == 0 ? shortest / 2 : (i % 5 == 4 ? shortest + 300 : shortest + rng() % 40);
    Walk walk = random_walk(m, v, rng, budget);
    EXPECT_TRUE(m.is_complete()) << walk.text;
    EXPECT_LE(walk.tokens, std::max(budget, shortest)) << walk.text;
    ordered_json value;
    try {
      value = ordered_json::parse(walk.text);
    } catch (const ordered_json::exception& e) {
      ADD_FAILURE() << "does not parse (" << e.what() << "): " << walk.text;
      break;
    }
    EXPECT_EQ(fields::json_schema_violation(value, schema), "") << walk.text;
    outputs.push_back(std::move(value));
  }
  return outputs;
}

// Objects and arrays nested in a value, itself included.
uint32_t nesting(const ordered_json& value) {
  if (!value.is_structured()) return 0;
  uint32_t inner = 0;
  for (const auto& item : value) inner = std::max(inner, nesting(item));
  return inner + 1;
}

TEST(GrammarRandomWalk, Strings) {
  check_walks(ordered_json::parse(R"({"type":"string"})"), 1, 60);
  check_walks(ordered_json::parse(R"({"type":"string","maxLength":5})"), 2, 60);
  check_walks(ordered_json::parse(R"({"type":"string","format":"date"})"), 3, 60);
}

TEST(GrammarRandomWalk, NumbersBooleansNull) {
  check_walks(ordered_json::parse(R"({"type":"number"})"), 4, 60);
  check_walks(ordered_json::parse(R"({"type":"integer"})"), 5, 60);
  check_walks(ordered_json::parse(R"({"type":"boolean"})"), 6, 30);
  check_walks(ordered_json::parse(R"({"type":"null"})"), 7, 20);
}

TEST(GrammarRandomWalk, EnumsAndConst) {
  check_walks(ordered_json::parse(R"({"enum":["EUR","USD",1,12,2.5,null,true,{"k":"v"},[1,2],"a\"b"]})"), 8, 60);
  check_walks(ordered_json::parse(R"({"const":"fixed"})"), 9, 20);
  check_walks(ordered_json::parse(R"({"type":"string","enum":["EUR","USD"],"description":"ISO 4217"})"), 10, 20);
}

TEST(GrammarRandomWalk, Arrays) {
  check_walks(ordered_json::parse(R"({"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":4})"), 11, 60);
  check_walks(ordered_json::parse(R"({"type":"array","items":{"type":"string"}})"), 12, 60);
  check_walks(ordered_json::parse(R"({"type":"array","items":{"type":"array","items":{"type":"null"}},"maxItems":0})"),
              13, 10);
}

TEST(GrammarRandomWalk, NestedObjects) {
  check_walks(ordered_json::parse(R"({"type":"object","properties":{
      "name":{"type":"string"},"empty":{"type":"object"},
      "party":{"type":"object","properties":{"a":{"type":["string","null"]},"ids":{"type":"array",
        "items":{"type":"object","properties":{"k":{"type":"string"},"v":{"type":"number"}},"required":["k"]}}}},
      "flag":{"type":"boolean"}},"required":["name"]})"),
              14, 60);
}

TEST(GrammarRandomWalk, NullableTypesAndAnyOf) {
  check_walks(ordered_json::parse(R"({"type":["string","null"]})"), 15, 40);
  check_walks(ordered_json::parse(R"({"type":["number","null"]})"), 16, 40);
  check_walks(ordered_json::parse(R"({"anyOf":[{"type":"integer"},{"type":"string","format":"date"},
      {"type":"null"},{"type":"array","items":{"type":"boolean"}},{"type":"object","properties":{"x":{"type":"number"}}}]})"),
              17, 60);
}

TEST(GrammarRandomWalk, FreeFormValuesAndOpenObjects) {
  for (const ordered_json& v : check_walks(ordered_json::parse("{}"), 19, 60)) EXPECT_LE(nesting(v), kFreeNesting);
  for (const ordered_json& v : check_walks(ordered_json::parse(R"({"type":"object"})"), 20, 60)) {
    EXPECT_TRUE(v.is_object()) << v.dump();
    EXPECT_LE(nesting(v), kFreeNesting);
  }
  // Any keys, values of the additionalProperties schema.
  size_t with_keys = 0;
  for (const ordered_json& v : check_walks(ordered_json::parse(R"({"type":"object","properties":{},
      "additionalProperties":{"type":["number","null"]}})"), 21, 60)) {
    ASSERT_TRUE(v.is_object());
    with_keys += !v.empty();
  }
  EXPECT_GT(with_keys, 0u);
  // Listed properties: exactly those, additionalProperties or not (an extra key could repeat a listed one).
  for (const ordered_json& v : check_walks(ordered_json::parse(R"({"type":"object","properties":{"id":{"type":"integer"},
      "tags":{"type":"array","items":{"type":"string"},"maxItems":2}},"additionalProperties":true})"), 22, 40)) {
    EXPECT_EQ(v.size(), 2u) << v.dump();
  }
}

// A budget of exactly min_completion_bytes() tokens, taken deep inside free-form containers and inside a key,
// always closes everything: the walk ends in complete JSON within that many tokens.
TEST(GrammarRandomWalk, BudgetClosesDeepFreeFormValues) {
  TestVocabulary v = make_vocabulary(fragment_tokens(23, 150));
  llm::GrammarMatcher m = make_matcher(ordered_json::parse(R"({"type":"object"})"), v);
  std::mt19937 rng(23);
  for (const char* prefix : {"{\"a\":[[{\"b\":[{\"", "{\"a\":[{\"b\":\"x\\u00", "{\"k\"", "{\"k\":[tr"}) {
    m.reset();
    for (char c : std::string(prefix)) ASSERT_TRUE(m.accept_token(v.id(std::string(1, c))).is_ok()) << prefix;
    size_t budget = m.min_completion_bytes();
    size_t used = 0;
    llm::TokenMask mask;
    for (size_t left = budget; left > 0; --left) {
      m.allowed_tokens(mask, left);
      std::vector<int32_t> ids = mask.ids();
      ASSERT_FALSE(ids.empty()) << m.output();
      int32_t id = ids[rng() % ids.size()];
      if (id == v.eos) break;
      ASSERT_TRUE(m.accept_token(id).is_ok());
      ++used;
    }
    EXPECT_LE(used, budget);
    ASSERT_TRUE(m.is_complete()) << m.output();
    EXPECT_TRUE(ordered_json::parse(m.output()).is_object()) << m.output();
  }
}

TEST(GrammarRandomWalk, InvoiceSchema) {
  check_walks(shipped_invoice_schema(), 18, 40);
}

}  // namespace
}  // namespace textra::testing
