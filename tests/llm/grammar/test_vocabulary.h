// Small vocabularies and helpers shared by the grammar tests.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "llm/grammar/grammar_matcher.h"

namespace textra::testing {

struct TestVocabulary {
  std::shared_ptr<const llm::TokenVocabulary> vocab;
  int32_t eos = -1;                    // the last id, text "<eos>"
  std::map<std::string, int32_t> ids;  // first id of each text

  int32_t id(const std::string& text) const;
};

// Token i is tokens[i] (duplicates allowed), then the end-of-generation token.
TestVocabulary make_vocabulary(const std::vector<std::string>& tokens);
// The 256 single bytes, JSON fragments (keys, literals, escapes, UTF-8 pieces, quotes inside tokens) and
// `random_count` random strings over JSON-ish characters.
std::vector<std::string> fragment_tokens(uint32_t seed, size_t random_count);

// The JSON Schema that the LLM engine's grammar enforces for the shipped invoice schema
// (src/fields/schemas/invoice.schema.json, values as printed), so the tests follow the schema users get.
nlohmann::ordered_json shipped_invoice_schema();

// Parses and compiles a schema, failing the test on error.
std::shared_ptr<const llm::JsonGrammar> compile_schema(const nlohmann::ordered_json& schema);
llm::GrammarMatcher make_matcher(const nlohmann::ordered_json& schema, const TestVocabulary& v);

// The texts of the allowed tokens ("<eos>" for the end of generation).
std::set<std::string> allowed_texts(llm::GrammarMatcher& m, const TestVocabulary& v,
                                    size_t tokens_left = llm::GrammarMatcher::kUnlimited);
// Feeds a text token by token (each piece must be a token of v).
void accept_all(llm::GrammarMatcher& m, const TestVocabulary& v, const std::vector<std::string>& pieces);

}  // namespace textra::testing
