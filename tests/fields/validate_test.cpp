#include <gtest/gtest.h>

#include "fields/validate.h"

namespace textra::fields {
namespace {

std::vector<std::string> codes(const std::vector<Warning>& warnings) {
  std::vector<std::string> out;
  for (const Warning& w : warnings) out.push_back(w.code);
  return out;
}

FieldNode invoice_fields(const char* json) {
  auto e = extraction_from_json(Json{{"fields", Json::parse(json)}});
  EXPECT_TRUE(e.is_ok()) << e.status().message();
  return e->fields;
}

const ValidationOptions kOptions{.today = {2024, 6, 1}};

TEST(Validate, ConsistentInvoiceHasNoWarnings) {
  auto schema = builtin_schema("invoice");
  FieldNode f = invoice_fields(R"({"invoice_date": "2023-04-26", "due_date": "2023-05-26", "currency": "MAD",
    "total_ht": 4583.33, "total_tva": 916.67, "total_ttc": 5500.0, "amount_due": 5500.0,
    "supplier": {"name": "X", "address": null, "vat_id": "18750668", "other_ids": {"ICE": "001523800000047"}},
    "line_items": [{"description": "a", "quantity": 3, "unit_price": 1527.78, "amount": 4583.33, "vat_rate": 20}]})");
  EXPECT_EQ(codes(validate(*schema, f, kOptions)), std::vector<std::string>{});
}

TEST(Validate, ReportsEveryInconsistencyWithoutChangingValues) {
  auto schema = builtin_schema("invoice");
  FieldNode f = invoice_fields(R"({"invoice_date": "2023-04-26", "due_date": "2023-03-01",
    "total_ht": 100.0, "total_tva": 20.0, "total_ttc": 130.0, "amount_due": 200.0,
    "supplier": {"other_ids": {"ICE": "00152380000004"}},
    "line_items": [{"quantity": 2, "unit_price": 10.0, "amount": 25.0}, {"amount": 50.0}]})");
  FieldNode before = f;
  auto warnings = validate(*schema, f, kOptions);
  EXPECT_EQ(codes(warnings), (std::vector<std::string>{"invalid_id", "totals_mismatch", "amount_due_exceeds_total",
                                                       "line_item_mismatch", "line_items_sum_mismatch",
                                                       "due_before_issue"}));
  EXPECT_NE(warnings[1].message.find("120.00"), std::string::npos) << warnings[1].message;
  EXPECT_EQ(f, before);
}

TEST(Validate, LineItemsMaySumToTheTotalWithTax) {
  auto schema = builtin_schema("invoice");
  FieldNode f = invoice_fields(R"({"total_ht": 100.0, "total_tva": 20.0, "total_ttc": 120.0,
    "line_items": [{"amount": 60.0}, {"amount": 60.0}]})");
  EXPECT_EQ(codes(validate(*schema, f, kOptions)), std::vector<std::string>{});
}

TEST(Validate, DatesAndTypes) {
  auto schema = builtin_schema("invoice");
  FieldNode f = invoice_fields(R"({"invoice_date": "1985-01-01", "due_date": "2031-01-01", "total_ttc": "12,00",
                                   "currency": 5})");
  EXPECT_EQ(codes(validate(*schema, f, kOptions)),
            (std::vector<std::string>{"date_implausible", "date_implausible", "invalid_value", "invalid_value"}));
  FieldNode bad_date = invoice_fields(R"({"invoice_date": "26/04/2023"})");
  EXPECT_EQ(codes(validate(*schema, bad_date, kOptions)), std::vector<std::string>{"invalid_value"});
}

TEST(Validate, RequiredNonNullableValue) {
  auto schema = schema_from_json_schema(
      Json::parse(R"({"type": "object", "properties": {"po": {"type": "string"}}, "required": ["po"]})"), "s");
  FieldNode f = empty_fields(schema->root);
  EXPECT_EQ(codes(validate(*schema, f, kOptions)), std::vector<std::string>{"missing_value"});
}

}  // namespace
}  // namespace textra::fields
