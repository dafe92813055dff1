// Masks checked by hand on tiny vocabularies: after a given prefix, exactly these tokens may follow.
#include <gtest/gtest.h>

#include "test_vocabulary.h"

namespace textra::testing {
namespace {

using nlohmann::ordered_json;
using Texts = std::set<std::string>;

// One-byte tokens for the JSON punctuation and digits (the matcher needs them for shortest completions).
std::vector<std::string> with_singles(const std::string& extra_singles, std::vector<std::string> tokens) {
  std::vector<std::string> out;
  for (char c : "\"{}[],:-0123456789" + extra_singles) out.emplace_back(1, c);
  out.insert(out.end(), tokens.begin(), tokens.end());
  return out;
}

Texts minus(Texts all, const Texts& removed) {
  for (const auto& t : removed) all.erase(t);
  return all;
}

TEST(GrammarMask, AfterAKeyOnlyValueStartsOfTheValueType) {
  auto v = make_vocabulary(with_singles("anulx", {"{\"a\":", "\"x", "\"x\"}", "\"}", "\",", "null}", "nul", "null",
                                                   "{}", "true", "12"}));
  auto m = make_matcher(ordered_json::parse(R"({"type":"object","properties":{"a":{"type":["string","null"]}}})"), v);
  // {} is not allowed: every property is emitted.
  EXPECT_EQ(allowed_texts(m, v), (Texts{"{", "{\"a\":"}));
  accept_all(m, v, {"{\"a\":"});
  // A string (its quote may be followed by content, even "}" or ",") or null.
  EXPECT_EQ(allowed_texts(m, v), (Texts{"\"", "\"x", "\"x\"}", "\"}", "\",", "n", "nul", "null", "null}"}));
  EXPECT_FALSE(m.is_complete());

  accept_all(m, v, {"\""});
  // Inside the string everything printable goes, but after the closing quote only "}" may follow.
  Texts all;
  for (const auto& [text, id] : v.ids) all.insert(text);
  EXPECT_EQ(allowed_texts(m, v), minus(all, {"\"x", "\"x\"}", "\",", "{\"a\":", "<eos>"}));

  accept_all(m, v, {"x", "\"}"});
  EXPECT_TRUE(m.is_complete());
  EXPECT_EQ(allowed_texts(m, v), (Texts{"<eos>"}));
  EXPECT_EQ(m.output(), R"({"a":"x"})");
}

TEST(GrammarMask, IntegersAndNumbers) {
  auto v = make_vocabulary(with_singles(".e", {"12", "-3", ".5", "1.5e3", "-0", "00"}));
  auto integer = make_matcher(ordered_json::parse(R"({"type":"integer"})"), v);
  Texts digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  Texts start = digits;
  start.insert({"-", "12", "-3", "-0"});
  EXPECT_EQ(allowed_texts(integer, v), start);
  accept_all(integer, v, {"0"});
  EXPECT_EQ(allowed_texts(integer, v), (Texts{"<eos>"}));  // no leading zeros

  integer.reset();
  accept_all(integer, v, {"1"});
  Texts more = digits;
  more.insert({"12", "00", "<eos>"});
  EXPECT_EQ(allowed_texts(integer, v), more);

  auto number = make_matcher(ordered_json::parse(R"({"type":"number"})"), v);
  accept_all(number, v, {"1"});
  more.insert({".", ".5", "e", "1.5e3"});
  EXPECT_EQ(allowed_texts(number, v), more);
  accept_all(number, v, {"."});
  Texts after_dot = digits;
  after_dot.insert({"12", "00"});
  EXPECT_EQ(allowed_texts(number, v), after_dot);
}

TEST(GrammarMask, DatesAreCalendarDates) {
  auto v = make_vocabulary(with_singles("", {"\"2024-02-2", "\"2023-02-2", "\"2024-13", "9\"", "\"2024-02-29\"",
                                             "\"2023-02-29\"", "30\"", "\"2024-04-3", "1\""}));
  auto m = make_matcher(ordered_json::parse(R"({"type":"string","format":"date"})"), v);
  EXPECT_EQ(allowed_texts(m, v), (Texts{"\"", "\"2024-02-2", "\"2023-02-2", "\"2024-02-29\"", "\"2024-04-3"}));
  accept_all(m, v, {"\"2024-02-2"});
  Texts leap = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9\"", "1\""};
  EXPECT_EQ(allowed_texts(m, v), leap);
  m.reset();
  accept_all(m, v, {"\"2023-02-2"});
  EXPECT_EQ(allowed_texts(m, v), minus(leap, {"9", "9\""}));
  m.reset();
  accept_all(m, v, {"\"2024-04-3"});  // April has 30 days
  EXPECT_EQ(allowed_texts(m, v), (Texts{"0"}));
  m.reset();
  accept_all(m, v, {"\"", "2", "0", "2", "4", "-", "0", "2", "-"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"0", "1", "2"}));
}

TEST(GrammarMask, ArrayBoundsDecideCommaAndBracket) {
  auto v = make_vocabulary(with_singles("", {"[]", "1,", "1]"}));
  auto m = make_matcher(
      ordered_json::parse(R"({"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2})"), v);
  EXPECT_EQ(allowed_texts(m, v), (Texts{"["}));  // "[]" has too few items
  accept_all(m, v, {"["});
  Texts item_start = {"-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "1,", "1]"};
  EXPECT_EQ(allowed_texts(m, v), item_start);
  accept_all(m, v, {"1"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{",", "]", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "1,", "1]"}));
  accept_all(m, v, {",", "2"});
  // The second item is the last allowed one: no comma, even inside a token.
  EXPECT_EQ(allowed_texts(m, v), (Texts{"]", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "1]"}));
}

TEST(GrammarMask, EnumsAreLiteralSets) {
  auto v = make_vocabulary(with_singles("EURSDnul", {"\"EUR\"", "\"E", "USD", "\"USD\",", "null"}));
  auto m = make_matcher(ordered_json::parse(R"({"enum":["EUR","USD",null]})"), v);
  EXPECT_EQ(allowed_texts(m, v), (Texts{"\"", "\"EUR\"", "\"E", "n", "null"}));
  accept_all(m, v, {"\"E"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"U"}));
  accept_all(m, v, {"U", "R", "\""});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"<eos>"}));
}

TEST(GrammarMask, MaxLengthCountsCodePoints) {
  auto v = make_vocabulary(with_singles("ab", {"a\"", "ab", "\xC3\xA9"}));
  auto m = make_matcher(ordered_json::parse(R"({"type":"string","maxLength":2})"), v);
  accept_all(m, v, {"\"", "a"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"\"", "a", "b", "a\"", "\xC3\xA9", "-", "0", "1", "2", "3", "4", "5", "6", "7",
                                        "8", "9", "{", "}", "[", "]", ",", ":"}));
  accept_all(m, v, {"\xC3\xA9"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"\""}));
}

TEST(GrammarMask, EscapesAndUtf8InsideStrings) {
  std::vector<std::string> tokens = {"\\u00e9", "\\ud83d", "\\uDC00", "\xE2\x82", "\x82\xAC", "\n", "\\n", "\xC3\xA9",
                                     "\xFF", "\xC0", "\\", "u", "n"};
  for (int b = 0x80; b <= 0xBF; ++b) tokens.emplace_back(1, static_cast<char>(b));
  auto v = make_vocabulary(with_singles("", tokens));
  auto m = make_matcher(ordered_json::parse(R"({"type":"string"})"), v);
  accept_all(m, v, {"\""});
  Texts allowed = allowed_texts(m, v);
  for (const char* ok : {"\\u00e9", "\xE2\x82", "\\n", "\xC3\xA9", "\\", "\"", "u"}) {
    EXPECT_EQ(allowed.count(ok), 1u) << ok;
  }
  // Surrogate halves, a broken UTF-8 sequence, raw control bytes, bytes never in UTF-8, lone continuations.
  for (const char* bad : {"\\ud83d", "\\uDC00", "\x82\xAC", "\n", "\xFF", "\xC0", "\x80", "\xBF"}) {
    EXPECT_EQ(allowed.count(bad), 0u) << bad;
  }
  accept_all(m, v, {"\xE2\x82"});
  // Only the one continuation byte that finishes the euro sign's sequence may follow.
  Texts continuation;
  for (int b = 0x80; b <= 0xBF; ++b) continuation.insert(std::string(1, static_cast<char>(b)));
  EXPECT_EQ(allowed_texts(m, v), continuation);
  accept_all(m, v, {"\xAC", "\\", "u"});
  Texts hex = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  EXPECT_EQ(allowed_texts(m, v), hex);
}

TEST(GrammarMask, OpenObjectsTakeAnyKeyThenCloseOrContinue) {
  auto v = make_vocabulary(with_singles("truefalsn", {"{}", "{\"k\":", "\"k\"", "true", "null", ",\""}));
  auto m = make_matcher(ordered_json::parse(R"({"type":"object"})"), v);
  EXPECT_EQ(allowed_texts(m, v), (Texts{"{", "{}", "{\"k\":"}));
  accept_all(m, v, {"{"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"}", "\"", "\"k\""}));
  accept_all(m, v, {"\"k\""});
  EXPECT_EQ(allowed_texts(m, v), (Texts{":"}));
  accept_all(m, v, {":"});
  // Any value: string, number, literal, object, array.
  EXPECT_EQ(allowed_texts(m, v), (Texts{"\"", "\"k\"", "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "t", "f",
                                        "n", "true", "null", "{", "{}", "{\"k\":", "["}));
  accept_all(m, v, {"null"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"}", ",", ",\""}));
  accept_all(m, v, {"}"});
  EXPECT_EQ(allowed_texts(m, v), (Texts{"<eos>"}));
}

TEST(GrammarMask, FreeFormNestingStopsAtTheLimit) {
  auto v = make_vocabulary(with_singles("truefalsn", {}));
  auto m = make_matcher(ordered_json::parse("{}"), v);
  for (uint32_t i = 0; i < llm::kFreeFormNesting; ++i) {
    ASSERT_EQ(allowed_texts(m, v).count("["), 1u) << i;
    accept_all(m, v, {"["});
  }
  Texts at_limit = allowed_texts(m, v);
  EXPECT_EQ(at_limit.count("["), 0u);
  EXPECT_EQ(at_limit.count("{"), 0u);
  EXPECT_EQ(at_limit.count("]"), 1u);
  EXPECT_EQ(at_limit.count("\""), 1u);
  EXPECT_EQ(m.min_completion_bytes(), llm::kFreeFormNesting);
}

TEST(GrammarMatcherState, RejectedTokensLeaveTheStateUnchanged) {
  auto v = make_vocabulary(with_singles("anulx", {"{\"a\":", "12", "\"x\"}", "null"}));
  auto m = make_matcher(ordered_json::parse(R"({"type":"object","properties":{"a":{"type":["string","null"]}}})"), v);
  EXPECT_FALSE(m.accept_token(v.eos).is_ok());  // not complete yet
  accept_all(m, v, {"{\"a\":"});
  Status wrong = m.accept_token(v.id("12"));
  EXPECT_FALSE(wrong.is_ok());
  EXPECT_NE(wrong.message().find("\"12\" is not allowed after \"{\"a\":\""), std::string::npos) << wrong.message();
  EXPECT_FALSE(m.accept_token(-1).is_ok());
  EXPECT_FALSE(m.accept_token(100000).is_ok());
  accept_all(m, v, {"\"x\"}"});
  EXPECT_TRUE(m.accept_token(v.eos).is_ok());
  EXPECT_TRUE(m.is_finished());
  EXPECT_FALSE(m.accept_token(v.id("x")).is_ok());
  llm::TokenMask mask;
  m.allowed_tokens(mask);
  EXPECT_EQ(mask.count(), 0u);
}

TEST(GrammarMatcherState, ControlTokensWithoutTextAreNeverAllowed) {
  auto base = with_singles("", {});
  base.push_back("");  // e.g. <|begin_of_text|> given with no bytes
  auto v = make_vocabulary(base);
  auto m = make_matcher(ordered_json::parse(R"({"type":"string"})"), v);
  accept_all(m, v, {"\""});
  llm::TokenMask mask;
  m.allowed_tokens(mask);
  EXPECT_FALSE(mask.test(static_cast<int32_t>(base.size() - 1)));
  EXPECT_FALSE(m.accept_token(static_cast<int32_t>(base.size() - 1)).is_ok());
}

}  // namespace
}  // namespace textra::testing
