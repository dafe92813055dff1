#include <gtest/gtest.h>

#include "fields/assemble.h"

namespace textra::fields {
namespace {

doc::Document one_line_document(const std::vector<std::string>& words) {
  doc::Document document;
  doc::Page page;
  doc::Line line;
  int x = 0;
  for (const std::string& w : words) {
    line.words.push_back({w, {x, 0, x + 50, 20}, 0.8f});
    x += 60;
  }
  page.lines.push_back(line);
  document.pages.push_back(page);
  return document;
}

TEST(Assemble, NormalisesLocatesAndValidates) {
  auto schema = builtin_schema("invoice");
  doc::Document document = one_line_document({"Facture", "F-102", "du", "28/12/2022", "Total", "TTC", "4", "680,00", "DH"});
  Json answer = Json::parse(R"({
    "invoice_number": "F-102", "invoice_date": "28/12/2022", "due_date": "bientôt",
    "supplier": {"name": null, "address": null, "vat_id": null, "other_ids": {"ICE": "001 523 800 000 047", "RC": null}},
    "customer": {"name": null, "address": null}, "currency": "DH",
    "total_ht": 3900, "total_tva": 780, "total_ttc": "4 680,00", "amount_due": null,
    "line_items": [{"description": "Service", "quantity": 1, "unit_price": 3900, "amount": 3900, "vat_rate": "20%"}],
    "colour": "blue"})");
  Extraction e = new_extraction(*schema, "x.png", {"llm", "m", "1"});
  assemble_from_values(*schema, answer, &document, {}, e);

  const FieldValue& date = e.fields.at("invoice_date")->value;
  EXPECT_EQ(date.value, "2022-12-28");
  EXPECT_EQ(date.raw, "28/12/2022");
  ASSERT_TRUE(date.source.has_value());
  EXPECT_EQ(date.source->words, (std::vector<std::size_t>{3}));

  const FieldValue& total = e.fields.at("total_ttc")->value;
  EXPECT_EQ(total.value, 4680.0);
  ASSERT_TRUE(total.source.has_value());
  EXPECT_EQ(total.source->words, (std::vector<std::size_t>{6, 7}));

  EXPECT_EQ(e.fields.at("currency")->value.value, "MAD");
  EXPECT_EQ(e.fields.at("supplier.other_ids.ICE")->value.value, "001523800000047");
  EXPECT_EQ(e.fields.at("supplier.other_ids.RC"), nullptr);  // open keys keep only values
  EXPECT_EQ(e.fields.at("line_items.0.vat_rate")->value.value, 20.0);
  EXPECT_EQ(e.fields.at("line_items.0.amount")->value.value, 3900.0);

  // The unreadable due date is kept as printed, not guessed.
  const FieldValue& due = e.fields.at("due_date")->value;
  EXPECT_TRUE(due.value.is_null());
  EXPECT_EQ(due.raw, "bientôt");

  std::vector<std::string> codes;
  for (const Warning& w : e.warnings) codes.push_back(w.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"unreadable_value", "unknown_field"}));
}

TEST(Assemble, MissingKeysStayNullAndTotalsAreChecked) {
  auto schema = builtin_schema("invoice");
  Extraction e = new_extraction(*schema, "x.png", {"llm", "m", "1"});
  assemble_from_values(*schema, Json::parse(R"({"total_ht": 100, "total_tva": 20, "total_ttc": 125})"), nullptr, {}, e);
  EXPECT_TRUE(e.fields.at("customer.name")->value.value.is_null());
  EXPECT_TRUE(e.fields.at("line_items")->elements.empty());
  EXPECT_FALSE(e.fields.at("total_ttc")->value.source.has_value());
  ASSERT_EQ(e.warnings.size(), 1u);
  EXPECT_EQ(e.warnings[0].code, "totals_mismatch");
}

}  // namespace
}  // namespace textra::fields
