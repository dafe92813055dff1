// forced_bytes (jump-forward's input): exactly the text every valid continuation shares, up to the next free
// choice, and nothing where the output may end or the next byte is free.
#include <gtest/gtest.h>

#include "test_vocabulary.h"

namespace textra::testing {
namespace {

using nlohmann::ordered_json;

TEST(GrammarForcedBytes, KeysAndPunctuationBetweenFreeValues) {
  std::vector<std::string> singles;
  for (char c : std::string("\"{}[],:-0123456789abcelmnotuxyz")) singles.emplace_back(1, c);
  auto v = make_vocabulary(singles);
  auto m = make_matcher(ordered_json::parse(R"({"type":"object","properties":{
      "name":{"type":"string"},"total":{"type":"number"},"note":{"type":["string","null"]}}})"), v);
  // Every property is emitted in order: the opening brace, the first key and its string's quote are fixed.
  EXPECT_EQ(m.forced_bytes(256), "{\"name\":\"");
  accept_all(m, v, {"{", "\"", "n", "a", "m", "e", "\"", ":", "\"", "x"});
  EXPECT_EQ(m.forced_bytes(256), "");  // inside the string: free
  accept_all(m, v, {"\""});
  EXPECT_EQ(m.forced_bytes(256), ",\"total\":");  // then the number is free
  EXPECT_EQ(m.forced_bytes(4), ",\"to");          // bounded
  accept_all(m, v, {",", "\"", "t", "o", "t", "a", "l", "\"", ":", "1"});
  EXPECT_EQ(m.forced_bytes(256), "");  // more digits, a point or the comma
  accept_all(m, v, {","});
  EXPECT_EQ(m.forced_bytes(256), "\"note\":");  // a string or null: free
  accept_all(m, v, {"\"", "n", "o", "t", "e", "\"", ":", "\"", "\""});
  EXPECT_EQ(m.forced_bytes(256), "}");
  accept_all(m, v, {"}"});
  EXPECT_TRUE(m.is_complete());
  EXPECT_EQ(m.forced_bytes(256), "");  // the output may end: nothing is forced
  EXPECT_EQ(m.output(), R"({"name":"x","total":1,"note":""})");
}

}  // namespace
}  // namespace textra::testing
