// Random walks: choosing uniformly among the allowed tokens must always end in JSON that parses and matches
// the schema, within the token budget. Run for every supported JSON Schema feature.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "schema_validator.h"
#include "test_vocabulary.h"

namespace textra::testing {
namespace {

using nlohmann::ordered_json;

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

void check_walks(const ordered_json& schema, uint32_t seed, int walks) {
  TestVocabulary v = make_vocabulary(fragment_tokens(seed, 150));
  llm::GrammarMatcher m = make_matcher(schema, v);
  const size_t shortest = m.min_completion_bytes();
  std::mt19937 rng(seed);
  for (int i = 0; i < walks; ++i) {
    // Budgets below the shortest output, just above it, and roomy.
    size_t budget = i % 5 == 0 ? shortest / 2 : (i % 5 == 4 ? shortest + 300 : shortest + rng() % 40);
    Walk walk = random_walk(m, v, rng, budget);
    ASSERT_TRUE(m.is_complete()) << walk.text;
    EXPECT_LE(walk.tokens, std::max(budget, shortest)) << walk.text;
    ordered_json value;
    try {
      value = ordered_json::parse(walk.text);
    } catch (const ordered_json::exception& e) {
      FAIL() << "does not parse (" << e.what() << "): " << walk.text;
    }
    std::string violation = schema_violation(value, schema, schema);
    ASSERT_EQ(violation, "") << walk.text;
  }
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

TEST(GrammarRandomWalk, InvoiceSchema) {
  std::ifstream in(TEXTRA_GRAMMAR_TEST_DIR "/invoice.schema.json");
  ASSERT_TRUE(in.good());
  check_walks(ordered_json::parse(in), 18, 40);
}

}  // namespace
}  // namespace textra::testing
