#include <gtest/gtest.h>

#include "fields/corrections.h"
#include "fields/flat_values.h"

namespace textra::fields {
namespace {

FieldNode fields_of(const char* json) {
  auto extraction = extraction_from_json(Json{{"fields", Json::parse(json)}});
  EXPECT_TRUE(extraction.is_ok()) << extraction.status().message();
  return extraction->fields;
}

TEST(Corrections, ReplaceValuesAndDropWhatThePersonDidNotType) {
  FieldNode fields = fields_of(R"({"total_ttc": {"value": 10.0, "raw": "10,00", "confidence": 0.5,
                                                 "source": {"page": 1, "boxes": [[1, 2, 3, 4]], "words": [7]}},
                                   "supplier": {"name": "A"}})");
  ASSERT_TRUE(apply_corrections(fields, Json{{"total_ttc", 12.5}, {"supplier.name", "ACME"}, {"currency", nullptr}}).is_ok());
  const FieldNode* total = fields.at("total_ttc");
  EXPECT_EQ(total->value.value, 12.5);
  EXPECT_FALSE(total->value.raw.has_value());
  EXPECT_FALSE(total->value.confidence.has_value());
  ASSERT_TRUE(total->value.source.has_value()) << "the boxes still show where the value is";
  EXPECT_EQ(fields.at("supplier.name")->value.value, "ACME");
  EXPECT_EQ(fields.at("currency"), nullptr) << "a null correction adds nothing";
}

TEST(Corrections, CreateLineItemsAddedDuringReview) {
  FieldNode fields = fields_of(R"({"line_items": [{"amount": 5.0}]})");
  ASSERT_TRUE(apply_corrections(fields, Json{{"line_items.2.amount", 40}, {"line_items.2.description", "Port"}}).is_ok());
  ASSERT_EQ(fields.at("line_items")->elements.size(), 3u);
  EXPECT_EQ(fields.at("line_items.2.amount")->value.value, 40);
  EXPECT_EQ(plain_values(fields)["line_items"][1], Json::object());
}

TEST(Corrections, AnArrayReplacesTheWholeTable) {
  FieldNode fields = fields_of(R"({"line_items": [{"amount": {"value": 5.0, "raw": "5,00"}}, {"amount": 7.0}]})");
  ASSERT_TRUE(apply_corrections(fields, Json::parse(R"({"line_items": [{"description": "Port", "amount": 12.0}]})")).is_ok());
  EXPECT_EQ(plain_values(fields)["line_items"], Json::parse(R"([{"description": "Port", "amount": 12.0}])"));
}

TEST(Corrections, PathsThatCannotBeAppliedAreRefused) {
  FieldNode fields = fields_of(R"({"total_ttc": 1.0, "supplier": {"name": "A"}, "line_items": []})");
  for (const char* path : {"total_ttc.x", "supplier", "line_items.x", "line_items.99999999", "a..b"}) {
    Status status = apply_corrections(fields, Json{{path, 1}});
    EXPECT_FALSE(status.is_ok()) << path;
    EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  }
  EXPECT_FALSE(apply_corrections(fields, Json::array()).is_ok());
}

TEST(FlatValues, DottedPathsInOrderWithArraysSkippedOrAsJson) {
  Json plain = Json::parse(R"({"b": 1.5, "a": {"y": "x", "z": null}, "items": [{"q": 1}]})");
  auto skipped = flat_values(plain, ArrayCells::kSkip);
  ASSERT_EQ(skipped.size(), 3u);
  EXPECT_EQ(skipped[0], (std::pair<std::string, std::string>{"b", "1.5"}));
  EXPECT_EQ(skipped[1], (std::pair<std::string, std::string>{"a.y", "x"}));
  EXPECT_EQ(skipped[2], (std::pair<std::string, std::string>{"a.z", ""}));
  auto as_json = flat_values(plain, ArrayCells::kAsJson);
  ASSERT_EQ(as_json.size(), 4u);
  EXPECT_EQ(as_json[3], (std::pair<std::string, std::string>{"items", "[{\"q\":1}]"}));
}

}  // namespace
}  // namespace textra::fields
