// Which JSON Schemas compile, and the errors for constructs the grammar does not support.
#include <gtest/gtest.h>


#include "llm/grammar/json_schema_grammar.h"
#include "test_vocabulary.h"

namespace textra::llm {
namespace {

using nlohmann::ordered_json;

Status compile_error(const std::string& schema_text) {
  auto grammar = JsonGrammar::compile(ordered_json::parse(schema_text));
  return grammar.is_ok() ? Status::ok() : grammar.status();
}

void expect_rejected(const std::string& schema_text, const std::string& message_part) {
  Status s = compile_error(schema_text);
  EXPECT_FALSE(s.is_ok()) << schema_text;
  EXPECT_NE(s.message().find(message_part), std::string::npos) << "message: " << s.message();
}

TEST(SchemaCompile, RejectsUnsupportedKeywordsNamingThemAndTheirPlace) {
  expect_rejected(R"({"type":"object","properties":{"iban":{"type":"string","pattern":"^FR"}}})",
                  "schema at /properties/iban: keyword 'pattern' is not supported");
  expect_rejected(R"({"type":"number","minimum":0})", "keyword 'minimum'");
  expect_rejected(R"({"oneOf":[{"type":"string"},{"type":"null"}]})", "keyword 'oneOf'");
  expect_rejected(R"({"allOf":[{"type":"string"}]})", "keyword 'allOf'");
  expect_rejected(R"({"type":"object","properties":{"a":{"type":"string"}},"patternProperties":{}})",
                  "keyword 'patternProperties'");
  expect_rejected(R"({"type":"array","prefixItems":[{"type":"string"}],"items":{"type":"string"}})", "'prefixItems'");
}

TEST(SchemaCompile, RejectsSchemasThatCannotBeGenerated) {
  expect_rejected(R"({"type":"string","format":"email"})", "format \"email\" is not supported (only \"date\")");
  expect_rejected(R"({"type":"object","properties":{"a":false}})", "false schemas accept nothing");
  expect_rejected(R"({"maxLength":3,"description":"a string?"})", "no 'type' next to keywords that need one");
  expect_rejected(R"({"type":"object","additionalProperties":"yes"})", "must be a boolean or a schema");
  expect_rejected(R"({"type":"array"})", "an array needs 'items'");
  expect_rejected(R"({"type":"array","items":[{"type":"string"}]})", "only a single schema in 'items'");
  expect_rejected(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["b"]})",
                  "required property \"b\" is not listed");
  expect_rejected(R"({"type":"date"})", "unknown type 'date'");
  expect_rejected(R"({"type":"array","items":{"type":"string"},"minItems":3,"maxItems":2})", "'minItems' is larger");
  expect_rejected(R"({"type":"string","maxLength":-1})", "'maxLength' must be an integer");
  expect_rejected(R"({"enum":[]})", "'enum' must be a non-empty array");
  expect_rejected(R"({"type":"string","enum":[1,2]})", "no value of 'enum'/'const' matches 'type'");
}

TEST(SchemaCompile, RejectsAmbiguousAlternativesAndBadReferences) {
  expect_rejected(R"({"anyOf":[{"type":"string"},{"type":"string","format":"date"}]})",
                  "alternatives overlap: two of them can start with '\"'");
  expect_rejected(R"({"anyOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"type":"object"}]})",
                  "can start with '{'");
  expect_rejected(R"({"$defs":{"node":{"type":"object","properties":{"next":{"$ref":"#/$defs/node"}}}},
                      "$ref":"#/$defs/node"})",
                  "recursive '$ref' \"#/$defs/node\"");
  expect_rejected(R"({"$ref":"#/$defs/missing"})", "points to nothing");
  expect_rejected(R"({"$ref":"https://example.com/schema.json"})", "only local '$ref'");
  expect_rejected(R"({"$defs":{"a":{"type":"string"}},"$ref":"#/$defs/a","type":"string"})",
                  "'$ref' next to 'type'");
}

TEST(SchemaCompile, RejectsNestingTooDeepForTheParserStack) {
  std::string schema = R"({"type":"string"})";
  for (int i = 0; i < 70; ++i) schema = R"({"type":"array","items":)" + schema + "}";
  expect_rejected(schema, "nested deeper than 64");
}

TEST(SchemaCompile, ShortestOutputsAndPropertyOrder) {
  auto grammar = JsonGrammar::compile(ordered_json::parse(
      R"({"type":"object","properties":{"z":{"type":"string"},"a":{"type":["integer","null"]},
          "d":{"type":"string","format":"date"},"l":{"type":"array","items":{"type":"boolean"},"minItems":2}}})"));
  ASSERT_TRUE(grammar.is_ok()) << grammar.status().message();
  const GrammarNode& root = grammar->node(grammar->root());
  EXPECT_EQ(root.kind, GrammarNodeKind::kObject);
  // Schema order, not alphabetical: ordered_json keeps it.
  EXPECT_EQ(root.keys, (std::vector<std::string>{"z", "a", "d", "l"}));
  // {"z":"","a":0,"d":"2000-01-01","l":[true,true]} is the shortest text: 47 bytes.
  EXPECT_EQ(root.min_bytes, std::string(R"({"z":"","a":0,"d":"2000-01-01","l":[true,true]})").size());
}

TEST(SchemaCompile, FreeFormValuesAndOpenObjects) {
  for (const char* any : {"{}", "true", R"({"description":"anything"})"}) {
    auto grammar = JsonGrammar::compile(ordered_json::parse(any));
    ASSERT_TRUE(grammar.is_ok()) << any << ": " << grammar.status().message();
    EXPECT_EQ(grammar->node(grammar->root()).kind, GrammarNodeKind::kAnyOf);
    EXPECT_EQ(grammar->node(grammar->root()).min_bytes, 1u);  // 0
    // kFreeFormNesting containers, then a scalar frame.
    EXPECT_EQ(grammar->max_depth(), kFreeFormNesting + 1);
  }
  auto open = JsonGrammar::compile(ordered_json::parse(R"({"type":"object"})"));
  ASSERT_TRUE(open.is_ok());
  const GrammarNode& object = open->node(open->root());
  EXPECT_EQ(object.kind, GrammarNodeKind::kObject);
  EXPECT_NE(object.extra_value, kNoLimit);
  EXPECT_EQ(object.min_bytes, 2u);
  EXPECT_EQ(open->max_depth(), kFreeFormNesting + 1);
  // Listed properties keep the object closed unless additionalProperties opens it.
  auto closed = JsonGrammar::compile(ordered_json::parse(R"({"type":"object","properties":{"a":{"type":"string"}}})"));
  ASSERT_TRUE(closed.is_ok());
  EXPECT_EQ(closed->node(closed->root()).extra_value, kNoLimit);
  auto empty = JsonGrammar::compile(ordered_json::parse(R"({"type":"object","additionalProperties":false})"));
  ASSERT_TRUE(empty.is_ok());
  EXPECT_EQ(empty->node(empty->root()).extra_value, kNoLimit);
  auto mixed = JsonGrammar::compile(ordered_json::parse(
      R"({"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"integer"}})"));
  ASSERT_TRUE(mixed.is_ok());
  EXPECT_EQ(mixed->node(mixed->root()).extra_value, kNoLimit);
  auto typed = JsonGrammar::compile(
      ordered_json::parse(R"({"type":"object","properties":{},"additionalProperties":{"type":"integer"}})"));
  ASSERT_TRUE(typed.is_ok());
  EXPECT_EQ(typed->node(typed->node(typed->root()).extra_value).kind, GrammarNodeKind::kInteger);
}

TEST(SchemaCompile, NumberAndIntegerTypesMergeAndLiteralsJoinAlternatives) {
  auto grammar = JsonGrammar::compile(ordered_json::parse(R"({"type":["integer","number"]})"));
  ASSERT_TRUE(grammar.is_ok());
  EXPECT_EQ(grammar->node(grammar->root()).kind, GrammarNodeKind::kNumber);
  // Two enums and a null are one set of literals, not overlapping alternatives.
  auto literals = JsonGrammar::compile(
      ordered_json::parse(R"({"anyOf":[{"enum":["EUR","USD"]},{"const":"MAD"},{"type":"null"}]})"));
  ASSERT_TRUE(literals.is_ok()) << literals.status().message();
  EXPECT_EQ(literals->node(literals->root()).kind, GrammarNodeKind::kLiteral);
}

TEST(SchemaCompile, ShippedInvoiceSchemaCompiles) {
  const ordered_json invoice = textra::testing::shipped_invoice_schema();
  ASSERT_TRUE(invoice.contains("properties"));
  auto grammar = JsonGrammar::compile(invoice);
  ASSERT_TRUE(grammar.is_ok()) << grammar.status().message();
  EXPECT_EQ(grammar->node(grammar->root()).keys.size(), invoice["properties"].size());
}

TEST(SchemaCompile, MatcherNeedsSingleByteTokensForShortestCompletions) {
  auto grammar = textra::testing::compile_schema(ordered_json::parse(R"({"type":"array","items":{"type":"null"}})"));
  auto vocab = TokenVocabulary::build({"[", "]", ",", "null", "\"", "{", "}", ":"}, {});
  ASSERT_TRUE(vocab.is_ok());
  auto matcher = GrammarMatcher::create(grammar, vocab.value());
  ASSERT_FALSE(matcher.is_ok());
  EXPECT_NE(matcher.status().message().find("no single-byte token for '-', '0'"), std::string::npos)
      << matcher.status().message();
}

TEST(TokenVocabularyTrie, PreorderSubtreesAndSharedTexts) {
  auto vocab = TokenVocabulary::build({"ab", "a", "b", "abc", "ab", "", "<eos>"}, {6});
  ASSERT_TRUE(vocab.is_ok());
  const auto& nodes = vocab.value()->nodes();
  // root, a, ab, abc, b: the empty token and the end-of-generation token are not in the trie.
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_EQ(nodes[0].subtree_end, 5u);
  EXPECT_EQ(nodes[1].byte, 'a');
  EXPECT_EQ(nodes[1].subtree_end, 4u);
  EXPECT_EQ(nodes[2].depth, 2u);
  auto shared = vocab.value()->tokens_at(2);
  EXPECT_EQ(std::vector<int32_t>(shared.begin(), shared.end()), (std::vector<int32_t>{0, 4}));
  EXPECT_EQ(nodes[4].byte, 'b');
  EXPECT_EQ(vocab.value()->max_token_length(), 3u);
  EXPECT_FALSE(TokenVocabulary::build({"a"}, {3}).is_ok());
}

}  // namespace
}  // namespace textra::llm
