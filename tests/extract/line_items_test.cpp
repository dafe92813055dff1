#include "extract/line_items.h"

#include <gtest/gtest.h>

#include "fields/schema.h"
#include "page_builder.h"

namespace textra::extract {
namespace {

using testing::row;

std::string raw(const std::optional<ItemCell>& cell) { return cell ? cell->raw : "<none>"; }

TEST(LineItems, WrappedDescriptionsAndAVatRateColumnWithoutRules) {
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {1050, "P.U. HT"}, {1250, "TVA"}, {1400, "Montant HT"}}),
      row(540, {{100, "Audit informatique"}, {900, "2"}, {1050, "150,00"}, {1250, "20 %"}, {1400, "300,00"}}),
      row(565, {{100, "sur site, 2 jours"}}),
      row(600, {{100, "Licence annuelle"}, {900, "1"}, {1050, "390,00"}, {1250, "10 %"}, {1400, "390,00"}}),
      row(700, {{1050, "Total HT"}, {1400, "690,00"}}),
      row(730, {{1050, "TVA"}, {1400, "99,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Audit informatique\nsur site, 2 jours");
  EXPECT_EQ(raw(items[0].quantity), "2");
  EXPECT_EQ(raw(items[0].unit_price), "150,00");
  EXPECT_EQ(raw(items[0].vat_rate), "20 %");
  EXPECT_EQ(raw(items[0].amount), "300,00");
  EXPECT_EQ(raw(items[1].description), "Licence annuelle");
  EXPECT_EQ(raw(items[1].amount), "390,00");
  // Provenance: the amount cell is the last word of the row (ids count through the lines).
  ASSERT_TRUE(items[0].amount);
  EXPECT_EQ(items[0].amount->source.words, (std::vector<std::size_t>{13}));
  EXPECT_EQ(items[0].description->source.boxes.size(), 2u);  // two lines

  auto schema = fields::builtin_schema("invoice");
  ASSERT_TRUE(schema.is_ok());
  fields::FieldNode node = line_items_node(items, *schema->find("line_items")->items, fields::roles_of(*schema), {});
  fields::Json values = fields::plain_values(node);
  EXPECT_EQ(values[0]["quantity"], 2.0);
  EXPECT_EQ(values[0]["unit_price"], 150.0);
  EXPECT_EQ(values[0]["amount"], 300.0);
  EXPECT_EQ(values[0]["vat_rate"], 20.0);
  EXPECT_EQ(values[1]["vat_rate"], 10.0);
}

TEST(LineItems, DescriptionsCentredOnTheNumbersGoToTheNearestRow) {
  doc::Document d = testing::one_page({
      row(500, {{100, "Description"}, {900, "Quantity"}, {1100, "Unit price"}, {1400, "Amount"}}),
      row(540, {{100, "Consulting services"}}),
      row(565, {{900, "10"}, {1100, "80.00"}, {1400, "800.00"}}),
      row(590, {{100, "phase one"}}),
      row(640, {{100, "Travel expenses"}}),
      row(665, {{900, "1"}, {1100, "120.00"}, {1400, "120.00"}}),
      row(690, {{100, "flights"}}),
      row(740, {{100, "Payment within thirty days of the invoice date by bank transfer to our account"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Consulting services\nphase one");
  EXPECT_EQ(raw(items[0].quantity), "10");
  EXPECT_EQ(raw(items[1].description), "Travel expenses\nflights");
  EXPECT_EQ(raw(items[1].amount), "120.00");
}

TEST(LineItems, LabelsOnTwoRowsAndAReferenceColumn) {
  doc::Document d = testing::one_page({
      row(500, {{50, "Réf"}, {200, "Désignation"}, {900, "Qté"}, {1050, "Prix"}, {1350, "Montant"}}),
      row(525, {{1050, "unitaire"}, {1350, "HT"}}),
      row(570, {{50, "A12"}, {200, "Serveur rack"}, {900, "1"}, {1050, "1 200,00"}, {1350, "1 200,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].description), "Serveur rack");
  EXPECT_EQ(raw(items[0].unit_price), "1 200,00");
  EXPECT_EQ(raw(items[0].amount), "1 200,00");
}

TEST(LineItems, NoTableNoItems) {
  doc::Document d = testing::one_page({
      row(100, {{100, "Facture N° 123"}}),
      row(140, {{100, "Montant TTC"}, {900, "1 200,00"}}),
  });
  EXPECT_TRUE(find_line_items(d.pages[0]).empty());
}

}  // namespace
}  // namespace textra::extract
