#include <gtest/gtest.h>

#include "fields/json_schema_check.h"

namespace textra::fields {
namespace {

Json parsed(const char* text) { return Json::parse(text); }

// The invoice-like schema the checker is used with: nested object, nullable types, enum, date, array.
const Json kSchema = parsed(R"({
  "type": "object", "additionalProperties": false, "required": ["number", "date", "currency", "lines"],
  "properties": {
    "number": {"type": ["string", "null"]},
    "date": {"type": ["string", "null"], "format": "date"},
    "currency": {"enum": ["EUR", "USD", null]},
    "total": {"anyOf": [{"type": "number"}, {"type": "null"}]},
    "lines": {"type": "array", "items": {"type": "object", "properties": {"qty": {"type": "integer"}}}}
  }})");

TEST(JsonSchemaCheck, AcceptsValidValues) {
  EXPECT_EQ(json_schema_violation(parsed(R"({"number": "F-1", "date": "2024-03-01", "currency": "EUR",
                                              "total": 12.5, "lines": [{"qty": 2}]})"), kSchema), "");
  EXPECT_EQ(json_schema_violation(parsed(R"({"number": null, "date": null, "currency": null, "lines": []})"), kSchema), "");
}

TEST(JsonSchemaCheck, NamesWhereAndWhy) {
  auto check = [&](const char* value) { return json_schema_violation(parsed(value), kSchema); };
  EXPECT_EQ(check(R"({"date": null, "currency": null, "lines": []})"), "$.number: missing");
  EXPECT_EQ(check(R"({"number": 7, "date": null, "currency": null, "lines": []})"), "$.number: wrong type 7");
  EXPECT_EQ(check(R"({"number": null, "date": "01/03/2024", "currency": null, "lines": []})"),
            "$.date: not a date \"01/03/2024\"");
  EXPECT_EQ(check(R"({"number": null, "date": null, "currency": "GBP", "lines": []})"),
            "$.currency: not one of the enum values");
  EXPECT_EQ(check(R"({"number": null, "date": null, "currency": null, "lines": [], "total": "12"})"),
            "$.total: matches no anyOf alternative");
  EXPECT_EQ(check(R"({"number": null, "date": null, "currency": null, "lines": [{"qty": 1.5}]})"),
            "$.lines.0.qty: wrong type 1.5");
  EXPECT_EQ(check(R"({"number": null, "date": null, "currency": null, "lines": [], "extra": 1})"),
            "$.extra: not in the schema");
}

TEST(JsonSchemaCheck, MalformedSchemaPartsAreIgnoredNotThrownOn) {
  EXPECT_EQ(json_schema_violation(parsed(R"({"a": 1})"), parsed(R"({"type": 3, "required": "a", "properties": []})")), "");
  EXPECT_EQ(json_schema_violation(parsed("1"), parsed(R"({"type": ["string", 5]})")), "$: wrong type 1");
  EXPECT_EQ(json_schema_violation(parsed("1"), parsed("true")), "");
}

TEST(JsonSchemaCheck, GrammarSubsetKeywords) {
  const Json schema = parsed(R"({
    "$defs": {"code": {"type": "string", "maxLength": 3}},
    "type": "object",
    "properties": {
      "code": {"$ref": "#/$defs/code"}, "kind": {"const": "facture"}, "day": {"type": "string", "format": "date"},
      "tags": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 2},
      "free": {"type": "object", "additionalProperties": {"type": "number"}}, "never": false}})");
  auto check = [&](const char* value) { return json_schema_violation(parsed(value), schema); };
  EXPECT_EQ(check(R"({"code": "été", "kind": "facture", "day": "2024-02-29", "tags": [1, 2.0], "free": {"x": 1}})"), "");
  EXPECT_EQ(check(R"({"code": "abcd"})"), "$.code: longer than maxLength");  // code points, not bytes
  EXPECT_EQ(check(R"({"kind": "devis"})"), "$.kind: not the const value");
  EXPECT_EQ(check(R"({"day": "2023-02-29"})"), "$.day: not a date \"2023-02-29\"");
  EXPECT_EQ(check(R"({"tags": []})"), "$.tags: fewer items than minItems");
  EXPECT_EQ(check(R"({"tags": [1, 2, 3]})"), "$.tags: more items than maxItems");
  EXPECT_EQ(check(R"({"free": {"x": "1"}})"), "$.free.x: wrong type \"1\"");
  EXPECT_EQ(check(R"({"never": null})"), "$.never: not allowed (false schema)");
}

TEST(JsonSchemaCheck, BadReferencesAreViolationsNotCrashes) {
  EXPECT_EQ(json_schema_violation(parsed("1"), parsed(R"({"$ref": "#/$defs/missing"})")),
            "$: unresolvable $ref \"#/$defs/missing\"");
  EXPECT_EQ(json_schema_violation(parsed("1"), parsed(R"({"$ref": "#~9"})")), "$: unresolvable $ref \"#~9\"");
  // A schema that refers to itself forever stops at the depth limit.
  EXPECT_NE(json_schema_violation(parsed("1"), parsed(R"({"$ref": "#"})")).find("nested too deep"), std::string::npos);
}

}  // namespace
}  // namespace textra::fields
