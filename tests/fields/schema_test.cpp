#include <gtest/gtest.h>

#include "fields/field_value.h"
#include "fields/schema.h"

namespace textra::fields {
namespace {

TEST(Schema, BuiltinInvoiceHasTheContractFieldsInOrder) {
  auto schema = builtin_schema("invoice");
  ASSERT_TRUE(schema.is_ok()) << schema.status().message();
  std::vector<std::string> keys;
  for (const FieldSpec& f : schema->root.properties) keys.push_back(f.name);
  EXPECT_EQ(keys, (std::vector<std::string>{"invoice_number", "invoice_date", "due_date", "supplier", "customer",
                                            "currency", "total_ht", "total_tva", "total_ttc", "amount_due",
                                            "line_items"}));
  const FieldSpec* date = schema->find("invoice_date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->type, FieldType::kDate);
  EXPECT_TRUE(date->nullable);
  EXPECT_FALSE(date->description.empty());
  EXPECT_EQ(schema->find("supplier.vat_id")->kind, ValueKind::kId);
  EXPECT_EQ(schema->find("supplier.other_ids.ICE")->kind, ValueKind::kId);
  EXPECT_EQ(schema->find("line_items[].amount")->type, FieldType::kNumber);
  EXPECT_EQ(schema->find("line_items[].amount")->kind, ValueKind::kAmount);
  EXPECT_EQ(schema->find("total_ttc")->kind, ValueKind::kAmount);
  EXPECT_EQ(schema->find("nope"), nullptr);
}

TEST(Schema, AFieldListThatIsNotUtf8IsRefused) {
  // Found by extract_schema_fuzz: such a name cannot become a JSON key for the LLM's schema.
  auto schema = schema_from_field_list("total\xF9:amount");
  ASSERT_FALSE(schema.is_ok());
  EXPECT_NE(schema.status().message().find("UTF-8"), std::string::npos);
}

TEST(Schema, FieldNamesLongerThanTheGrammarTakesAreRefused) {
  // The LLM grammar takes keys of up to 1000 bytes; a longer name must be refused when the schema is read.
  const std::string long_name(1001, 'n');
  auto listed = schema_from_field_list(long_name + ":amount");
  ASSERT_FALSE(listed.is_ok());
  EXPECT_NE(listed.status().message().find("limited to 1000 bytes"), std::string::npos);
  auto json_schema = schema_from_json_schema(
      nlohmann::ordered_json{{"type", "object"}, {"properties", {{long_name, {{"type", "string"}}}}}}, "long");
  ASSERT_FALSE(json_schema.is_ok());
  EXPECT_NE(json_schema.status().message().find("limited to 1000 bytes"), std::string::npos);
  EXPECT_TRUE(schema_from_field_list(std::string(1000, 'n') + ":amount").is_ok());
}

TEST(Schema, BuiltinReceiptIsTheSroieFields) {
  auto schema = builtin_schema("receipt");
  ASSERT_TRUE(schema.is_ok());
  std::vector<std::string> paths;
  for (const LeafPath& leaf : leaf_paths(*schema)) paths.push_back(leaf.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"company", "date", "address", "total"}));
  EXPECT_FALSE(builtin_schema("bill").is_ok());
}

TEST(Schema, LeafPathsOfInvoiceIncludeNestedAndArrays) {
  auto schema = builtin_schema("invoice");
  std::vector<std::string> paths;
  for (const LeafPath& leaf : leaf_paths(*schema)) paths.push_back(leaf.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "supplier.name"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "supplier.other_ids.*"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "line_items[].vat_rate"), paths.end());
}

TEST(Schema, JsonSchemaRoundTripKeepsTypesAndDescriptions) {
  auto schema = builtin_schema("invoice");
  Json js = to_json_schema(*schema);
  EXPECT_EQ(js["properties"]["invoice_date"]["format"], "date");
  EXPECT_EQ(js["properties"]["invoice_date"]["type"], Json::array({"string", "null"}));
  EXPECT_EQ(js["properties"]["line_items"]["items"]["required"].size(), 5u);
  EXPECT_EQ(js["properties"]["supplier"]["properties"]["other_ids"]["additionalProperties"]["type"], "string");
  EXPECT_EQ(js["additionalProperties"], false);
  auto again = schema_from_json_schema(js, "invoice");
  ASSERT_TRUE(again.is_ok()) << again.status().message();
  EXPECT_EQ(to_json_schema(*again), js);
}

TEST(Schema, PrintedStyleAsksForTextLeaves) {
  auto schema = builtin_schema("invoice");
  Json js = to_json_schema(*schema, ValueStyle::kPrinted);
  EXPECT_EQ(js["properties"]["total_ttc"]["type"], Json::array({"string", "null"}));
  EXPECT_FALSE(js["properties"]["invoice_date"].contains("format"));
  EXPECT_NE(js["properties"]["total_ttc"]["description"].get<std::string>().find("(as printed)"), std::string::npos);
  EXPECT_EQ(js["properties"]["line_items"]["items"]["properties"]["quantity"]["type"], Json::array({"string", "null"}));
  EXPECT_EQ(js["properties"]["supplier"]["type"], "object");
}

TEST(Schema, UserJsonSchemaFeatures) {
  Json js = Json::parse(R"({
    "type": "object",
    "properties": {
      "po": {"type": "string", "description": "Purchase order"},
      "count": {"type": "integer"},
      "paid": {"type": "boolean"},
      "mode": {"enum": ["cash", "card", null]},
      "when": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
      "tags": {"type": "array", "items": {"type": "string"}}
    },
    "required": ["po"]
  })");
  auto schema = schema_from_json_schema(js, "mine");
  ASSERT_TRUE(schema.is_ok()) << schema.status().message();
  EXPECT_TRUE(schema->find("po")->required);
  EXPECT_FALSE(schema->find("count")->required);
  EXPECT_EQ(schema->find("count")->type, FieldType::kInteger);
  EXPECT_EQ(schema->find("mode")->type, FieldType::kEnum);
  EXPECT_TRUE(schema->find("mode")->nullable);
  EXPECT_EQ(schema->find("when")->type, FieldType::kDate);
  EXPECT_TRUE(schema->find("when")->nullable);
  EXPECT_EQ(schema->find("tags[]")->type, FieldType::kString);
}

TEST(Schema, RefusesWhatItCannotHonour) {
  EXPECT_EQ(schema_from_json_schema(Json::parse(R"({"type":"object","properties":{"a":{"$ref":"#/x"}}})"), "s")
                .status()
                .code(),
            ErrorCode::kUnsupported);
  EXPECT_FALSE(schema_from_json_schema(Json::parse(R"({"type":"string"})"), "s").is_ok());
  EXPECT_FALSE(schema_from_json_schema(Json::parse(R"({"type":"object","properties":{"a":{"type":"array"}}})"), "s").is_ok());
  EXPECT_FALSE(schema_from_json_schema(Json::parse(R"({"type":"object","properties":{"a":{"type":"blob"}}})"), "s").is_ok());
}

TEST(Schema, QuickFieldList) {
  auto schema = schema_from_field_list("po_number:string, iban:id:Bank account (IBAN),paid:boolean,mode:enum(cash|card),due:date,net:amount");
  ASSERT_TRUE(schema.is_ok()) << schema.status().message();
  EXPECT_EQ(schema->root.properties.size(), 6u);
  EXPECT_EQ(schema->find("iban")->kind, ValueKind::kId);
  EXPECT_EQ(schema->find("iban")->description, "Bank account (IBAN)");
  EXPECT_EQ(schema->find("mode")->enum_values, (std::vector<std::string>{"cash", "card"}));
  EXPECT_EQ(schema->find("due")->type, FieldType::kDate);
  EXPECT_FALSE(schema_from_field_list("a:wat").is_ok());
  EXPECT_FALSE(schema_from_field_list("a:string,a:string").is_ok());
  EXPECT_FALSE(schema_from_field_list(" , ").is_ok());
  EXPECT_EQ(resolve_schema("", "x:number")->name, "fields");
  EXPECT_EQ(resolve_schema("receipt", "")->name, "receipt");
  EXPECT_EQ(resolve_schema("", "")->name, "invoice");
  EXPECT_EQ(resolve_schema("/no/such/schema.json", "").status().code(), ErrorCode::kNotFound);
}

// Found by extract_schema_fuzz: a non-string "format" threw out of the reader (a 500 on /v1/extract).
TEST(Schema, AFormatThatIsNotAStringIsNotADate) {
  auto schema = schema_from_json_schema(
      Json::parse(R"({"type": "object", "properties": {"a": {"type": "string", "format": 1}}})"), "t");
  ASSERT_TRUE(schema.is_ok()) << schema.status().message();
  EXPECT_EQ(schema->find("a")->type, FieldType::kString);
}

TEST(FieldValue, NormalizesByTypeAndKind) {
  auto schema = builtin_schema("invoice");
  const FieldSpec& date = *schema->find("invoice_date");
  const FieldSpec& total = *schema->find("total_ttc");
  const FieldSpec& currency = *schema->find("currency");
  const FieldSpec& id = *schema->find("supplier.other_ids.ICE");
  EXPECT_EQ(*normalize_printed(date, "19/AVRIL/2023"), "2023-04-19");
  EXPECT_EQ(*normalize_printed(total, "4 680,00 DH"), 4680.0);
  EXPECT_EQ(*normalize_printed(currency, "Dhs"), "MAD");
  EXPECT_EQ(*normalize_printed(id, "001 523 800 000 047"), "001523800000047");
  EXPECT_TRUE(normalize_printed(total, "  ")->is_null());
  EXPECT_FALSE(normalize_printed(date, "TOTAL").is_ok());
  EXPECT_EQ(*normalize_json(total, Json(12.5)), 12.5);
  EXPECT_EQ(*normalize_json(total, Json("1.234,50")), 1234.5);
  EXPECT_FALSE(normalize_json(date, Json(true)).is_ok());
  EXPECT_EQ(*normalize_printed(*schema->find("line_items[].vat_rate"), "20 %"), 20.0);
}

TEST(FieldValue, ComparisonKeys) {
  auto receipt = builtin_schema("receipt");
  const FieldSpec& company = *receipt->find("company");
  EXPECT_EQ(comparison_key(company, Json("BOOK TA .K (TAMAN DAYA) SDN BHD")),
            comparison_key(company, Json("book ta.k(taman daya) sdn bhd")));
  EXPECT_EQ(comparison_key(*receipt->find("date"), Json("25/12/2018")), "2018-12-25");
  EXPECT_EQ(comparison_key(*receipt->find("total"), Json("RM 9.00")), "9.00");
  EXPECT_EQ(comparison_key(*receipt->find("total"), Json(9)), "9.00");
  EXPECT_EQ(comparison_key(*receipt->find("total"), Json(nullptr)), "");
  EXPECT_EQ(comparison_key(*receipt->find("total"), Json("")), "");
}

}  // namespace
}  // namespace textra::fields
