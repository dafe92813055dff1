#include <gtest/gtest.h>

#include "extract/ner_rules.h"
#include "fields/field_value.h"

namespace textra::extract {
namespace {

doc::Line line(int y, const std::vector<std::string>& words) {
  doc::Line l;
  int x = 10;
  for (const std::string& w : words) {
    doc::Box b{x, y, x + 12 * static_cast<int>(w.size()), y + 20};
    l.words.push_back({w, b, 0.9f});
    l.box = l.box.united(b);
    x = b.x1 + 10;
  }
  return l;
}

doc::Document invoice_page() {
  doc::Page p;
  p.width = 1600;
  p.height = 2300;
  p.lines = {line(100, {"ICE", ":", "003052404000075"}),  // the customer's, near the top
             line(200, {"Date", "d'échéance", ":", "15/02/2023"}),
             line(300, {"Total", "TTC", "1", "200,00", "DH"}),
             line(2200, {"ICE:", "001", "523", "800", "000", "047", "IF", ":", "18750668", "RC", "345035"}),
             line(2230, {"CNSS", "N°", "2791157", "Patente", "36004690"})};
  return {"x.png", "image/png", {p}};
}

TEST(NerRules, FillCurrencyIdsAndDueDate) {
  auto schema = fields::builtin_schema("invoice");
  ASSERT_TRUE(schema.is_ok());
  fields::Extraction e = fields::new_extraction(*schema, "x.png", {"ner", "m", "1"});
  fill_by_rules(invoice_page(), *schema, fields::normalize_options_for_language("fr"), e);
  auto value = [&](const char* path) { return fields::plain_values(*e.fields.at(path)); };
  EXPECT_EQ(value("currency"), "MAD");
  EXPECT_EQ(value("due_date"), "2023-02-15");
  // The footer's ICE (last on the page) is the supplier's; digit groups are joined.
  EXPECT_EQ(value("supplier.other_ids.ICE"), "001523800000047");
  EXPECT_EQ(e.fields.at("supplier.other_ids.ICE")->value.raw, "001 523 800 000 047");
  EXPECT_EQ(value("supplier.vat_id"), "18750668");
  EXPECT_EQ(value("supplier.other_ids.RC"), "345035");
  EXPECT_EQ(value("supplier.other_ids.CNSS"), "2791157");
  EXPECT_EQ(value("supplier.other_ids.TP"), "36004690");
  const auto& source = e.fields.at("supplier.other_ids.ICE")->value.source;
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(source->words, (std::vector<std::size_t>{13, 14, 15, 16, 17}));
}

TEST(NerRules, LeaveFieldsNullWithoutEvidence) {
  auto schema = fields::builtin_schema("invoice");
  fields::Extraction e = fields::new_extraction(*schema, "x.png", {"ner", "m", "1"});
  doc::Page p;
  p.width = p.height = 1000;
  p.lines = {line(10, {"ICE", "12345"}), line(40, {"Bonjour"})};  // too short for an ICE
  fill_by_rules({"x.png", "image/png", {p}}, *schema, {}, e);
  EXPECT_TRUE(e.fields.at("currency")->value.value.is_null());
  EXPECT_TRUE(e.fields.at("due_date")->value.value.is_null());
  EXPECT_EQ(e.fields.at("supplier.other_ids.ICE"), nullptr);
}

}  // namespace
}  // namespace textra::extract
