#include <gtest/gtest.h>

#include "fields/result.h"

namespace textra::fields {
namespace {

Extraction sample() {
  auto schema = builtin_schema("invoice");
  Extraction e = new_extraction(*schema, "invoice.jpg", {"ner", "models/invoice-fr.crf", "0.1.0"});
  *e.fields.at("invoice_date") = FieldNode::leaf({"2022-12-28", "28/12/2022", 0.97, Source{1, {{10, 20, 110, 40}}, {12, 13}}});
  *e.fields.at("total_ttc") = FieldNode::leaf({4680.0, "4 680,00 DH", 0.91, std::nullopt});
  e.fields.at("supplier.other_ids")->set_member("ICE", FieldNode::leaf({"000025569000083", "000025569000083", 0.8, std::nullopt}));
  FieldNode row = empty_fields(*schema->find("line_items[]"));
  row.at("amount")->value.value = 3900.0;
  e.fields.at("line_items")->elements.push_back(row);
  e.warn("totals_mismatch", "total_ht + total_tva != total_ttc");
  e.add_timing("ocr", 812);
  e.add_timing("extract", 4);
  return e;
}

TEST(Result, JsonHasTheContractShape) {
  Json j = to_json(sample());
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"file", "schema", "roles", "engine", "fields", "warnings", "timings_ms"}));
  EXPECT_EQ(j["roles"]["total_gross"], "total_ttc");
  EXPECT_EQ(j["engine"]["name"], "ner");
  const Json& date = j["fields"]["invoice_date"];
  EXPECT_EQ(date["value"], "2022-12-28");
  EXPECT_EQ(date["raw"], "28/12/2022");
  EXPECT_EQ(date["source"]["page"], 1);
  EXPECT_EQ(date["source"]["boxes"], Json::parse("[[10,20,110,40]]"));
  EXPECT_EQ(date["source"]["words"], Json::parse("[12,13]"));
  EXPECT_TRUE(j["fields"]["due_date"]["value"].is_null());
  EXPECT_TRUE(j["fields"]["due_date"]["source"].is_null());
  EXPECT_EQ(j["fields"]["supplier"]["other_ids"]["ICE"]["value"], "000025569000083");
  EXPECT_EQ(j["fields"]["line_items"][0]["amount"]["value"], 3900.0);
  EXPECT_EQ(j["warnings"][0]["code"], "totals_mismatch");
  EXPECT_EQ(j["timings_ms"]["ocr"], 812);
}

TEST(Result, RoundTrip) {
  Extraction e = sample();
  auto back = extraction_from_json(Json::parse(to_json(e).dump()));
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(*back, e);
}

// A rule's reason and the detected document type are in the JSON only when set, and read back.
TEST(Result, ReasonAndDocumentTypeRoundTrip) {
  Extraction e = sample();
  EXPECT_FALSE(to_json(e).contains("document_type"));
  EXPECT_FALSE(to_json(e)["fields"]["total_ttc"].contains("reason"));
  e.fields.at("total_ttc")->value.reason = "total_ht + total_tva = total_ttc";
  e.document_type = DocumentType{"other", 0.9, "credit_note"};
  Json j = to_json(e);
  EXPECT_EQ(j["fields"]["total_ttc"]["reason"], "total_ht + total_tva = total_ttc");
  EXPECT_EQ(j["document_type"], Json::parse(R"({"type": "other", "confidence": 0.9, "kind": "credit_note"})"));
  auto back = extraction_from_json(Json::parse(j.dump()));
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(*back, e);
}

TEST(Result, PlainValuesAndBareValueInput) {
  Json plain = plain_values(sample().fields);
  EXPECT_EQ(plain["total_ttc"], 4680.0);
  EXPECT_EQ(plain["supplier"]["other_ids"]["ICE"], "000025569000083");
  EXPECT_TRUE(plain["customer"]["name"].is_null());
  auto bare = extraction_from_json(Json::parse(R"({"fields": {"company": "X", "total": 9.0}})"));
  ASSERT_TRUE(bare.is_ok());
  EXPECT_EQ(bare->fields.at("total")->value.value, 9.0);
}

TEST(Result, RejectsMalformedLeaves) {
  EXPECT_FALSE(extraction_from_json(Json::parse(R"({"fields": {"a": {"value": 1, "raw": 5}}})")).is_ok());
  EXPECT_FALSE(extraction_from_json(Json::parse(R"({"fields": {"a": {"value": 1, "source": {"page": 0}}}})")).is_ok());
  EXPECT_FALSE(extraction_from_json(Json::parse(R"({"fields": {"a": {"value": 1, "source": {"page": 1, "boxes": [[1,2]]}}}})")).is_ok());
  EXPECT_FALSE(extraction_from_json(Json::parse(R"({"file": "x"})")).is_ok());
}

}  // namespace
}  // namespace textra::fields
