#include "test_vocabulary.h"

#include <gtest/gtest.h>

#include <random>

#include "fields/schema.h"

namespace textra::testing {

nlohmann::ordered_json shipped_invoice_schema() {
  auto invoice = fields::builtin_schema("invoice");
  if (!invoice.is_ok()) {
    ADD_FAILURE() << invoice.status().message();
    return {};
  }
  return fields::to_json_schema(*invoice, fields::ValueStyle::kPrinted);
}

int32_t TestVocabulary::id(const std::string& text) const {
  auto found = ids.find(text);
  EXPECT_NE(found, ids.end()) << "no token \"" << text << "\" in the test vocabulary";
  return found == ids.end() ? -1 : found->second;
}

TestVocabulary make_vocabulary(const std::vector<std::string>& tokens) {
  TestVocabulary v;
  std::vector<std::string> all = tokens;
  all.push_back("<eos>");
  v.eos = static_cast<int32_t>(all.size() - 1);
  for (size_t i = 0; i < all.size(); ++i) v.ids.emplace(all[i], static_cast<int32_t>(i));
  auto built = llm::TokenVocabulary::build(all, {v.eos});
  EXPECT_TRUE(built.is_ok()) << built.status().message();
  if (built.is_ok()) v.vocab = built.value();
  return v;
}

std::vector<std::string> fragment_tokens(uint32_t seed, size_t random_count) {
  std::vector<std::string> tokens;
  for (int b = 0; b < 256; ++b) tokens.emplace_back(1, static_cast<char>(b));
  for (const char* t : {"{\"", "\"}", "\",", "\":", "\",\"", "\":\"", "null", "nul", "true", "tr", "false", "0", "12",
                        "-3", ".5", "e+1", "E-", "00", "\\\"", "\\\\", "\\u00e9", "\\ud83d", "\\uDC00", "\\u20AC",
                        "\\u", "\\n", "\xC3\xA9", "\xE2\x82\xAC", "\xE2\x82", "\x82\xAC", "\xF0\x9F\x98\x80", "2024-",
                        "-02-29", "02-30", "12-31", "\"2023-", "\"2024-02-29\"", "}]", "},{", "[]", "[{\"", "\"]", "\"\"",
                        "\"a\"", "abc\"", " \"", "a\\\"b", ", \"", "EUR\"", "\"EUR\"", "USD", "\"name\":",
                        "\"address\":", "{\"name\":\"", "\"items\":[", "\"x\"}", "null}", "null,", "\"},\"", "\t", "\n",
                        "  ", "Total TTC", "Société", "\"}}", "\"}]}", "1.5e3", "-0", "42,", "7]", "3}"}) {
    tokens.emplace_back(t);
  }
  const std::string alphabet = "{}[]\",:0123456789.-eE+ abcnulltrfs\\/uDd\xC3\xA9";
  std::mt19937 rng(seed);
  for (size_t i = 0; i < random_count; ++i) {
    size_t length = 2 + rng() % 5;
    std::string t;
    for (size_t k = 0; k < length; ++k) t += alphabet[rng() % alphabet.size()];
    tokens.push_back(t);
  }
  return tokens;
}

std::shared_ptr<const llm::JsonGrammar> compile_schema(const nlohmann::ordered_json& schema) {
  auto grammar = llm::JsonGrammar::compile(schema);
  EXPECT_TRUE(grammar.is_ok()) << grammar.status().message();
  if (!grammar.is_ok()) return nullptr;
  return std::make_shared<const llm::JsonGrammar>(std::move(grammar).value());
}

llm::GrammarMatcher make_matcher(const nlohmann::ordered_json& schema, const TestVocabulary& v) {
  auto matcher = llm::GrammarMatcher::create(compile_schema(schema), v.vocab);
  if (!matcher.is_ok()) {
    ADD_FAILURE() << matcher.status().message();
    std::abort();
  }
  return std::move(matcher).value();
}

std::set<std::string> allowed_texts(llm::GrammarMatcher& m, const TestVocabulary& v, size_t tokens_left) {
  llm::TokenMask mask;
  m.allowed_tokens(mask, tokens_left);
  std::set<std::string> out;
  for (int32_t id : mask.ids()) out.insert(v.vocab->bytes(id));
  return out;
}

void accept_all(llm::GrammarMatcher& m, const TestVocabulary& v, const std::vector<std::string>& pieces) {
  for (const std::string& piece : pieces) {
    Status s = m.accept_token(v.id(piece));
    ASSERT_TRUE(s.is_ok()) << s.message();
  }
}

}  // namespace textra::testing
