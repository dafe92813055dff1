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

TEST(LineItems, DescriptionsEndingOnTheirNumbersGoToTheNearestRow) {
  // Every amount row prints a line of its description, which starts above it: the line between two
  // items belongs to the nearer one, not to the item above.
  doc::Document d = testing::one_page({
      row(500, {{100, "Description"}, {900, "Qté"}, {1100, "P.U. HT"}, {1400, "Total"}}),
      row(540, {{100, "-Traceur GPS teltonika"}}),
      row(565, {{100, "GPRS, GNSS, BLUETOOTH"}, {900, "2"}, {1100, "600,00"}, {1400, "1 200,00"}}),
      row(590, {{100, "TERMINAL)"}}),
      row(630, {{100, "Abonnement annuel pour"}}),
      row(655, {{100, "de l'application"}, {900, "2"}, {1100, "800,00"}, {1400, "1 600,00"}}),
      row(680, {{100, "carte sim"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "-Traceur GPS teltonika\nGPRS, GNSS, BLUETOOTH\nTERMINAL)");
  EXPECT_EQ(raw(items[1].description), "Abonnement annuel pour\nde l'application\ncarte sim");
}

TEST(LineItems, TextOverOneRowItemsIsASectionHeading) {
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {1100, "P.U. HT"}, {1400, "Montant HT"}}),
      row(540, {{100, "FIAT FIORINO CHASSIS 06Y34768"}}),
      row(570, {{100, "FRAIS ANNEXE"}, {900, "2,00"}, {1100, "140,00"}, {1400, "280,00"}}),
      row(600, {{100, "FRAIS IMMATRICULATION"}, {900, "2,00"}, {1100, "55,00"}, {1400, "110,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "FRAIS ANNEXE");
  EXPECT_EQ(raw(items[1].description), "FRAIS IMMATRICULATION");
}

TEST(LineItems, TheDescriptionColumnBeforeTheProductOrItsCode) {
  // "Article" names the product, "Description" the description; "Code produit" is a code.
  doc::Document d = testing::one_page({
      row(500, {{100, "Code produit"}, {400, "Article"}, {700, "Description"}, {1200, "Qté"}, {1400, "Total"}}),
      row(540, {{100, "CTF009AM"}, {400, "VDCLOUD"}, {700, "Abonnement VDCLOUD du mois"}, {1200, "4"}, {1400, "9 600,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].description), "Abonnement VDCLOUD du mois");
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

TEST(LineItems, AmountNotReadIsQuantityTimesUnitPrice) {
  // "P.U. BRUT" and "P.U. NET" are unit prices (not an amount column "Net"); the Montant HT cells were
  // not read, so the rows are priced by the first unit price column and the amount is computed.
  doc::Document d = testing::one_page({
      row(500, {{50, "Réf"}, {300, "Désignation"}, {900, "Qté"}, {1000, "P.U. BRUT"}, {1150, "REM"}, {1250, "P.U. NET"},
                {1400, "Montant HT"}}),
      row(540, {{50, "CV85"}, {300, "Cartes de visite"}, {900, "400"}, {1030, "0.75"}}),
      row(580, {{300, "Impression vinyle"}, {900, "2"}, {1030, "105.00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].unit_price), "0.75");
  ASSERT_TRUE(items[0].amount && items[0].amount->computed);
  EXPECT_DOUBLE_EQ(*items[0].amount->computed, 300.0);
  EXPECT_EQ(items[0].amount->raw, "");
  EXPECT_FALSE(items[0].amount->reason.empty());
  ASSERT_TRUE(items[1].amount && items[1].amount->computed);
  EXPECT_DOUBLE_EQ(*items[1].amount->computed, 210.0);

  auto schema = fields::builtin_schema("invoice");
  ASSERT_TRUE(schema.is_ok());
  fields::FieldNode node = line_items_node(items, *schema->find("line_items")->items, fields::roles_of(*schema), {});
  EXPECT_EQ(fields::plain_values(node)[0]["amount"], 300.0);
  ASSERT_NE(node.at("0.amount"), nullptr);
  EXPECT_FALSE(node.at("0.amount")->value.raw.has_value());
  EXPECT_TRUE(node.at("0.amount")->value.reason.has_value());
}

TEST(LineItems, AHeaderOfOneKindNeedsAmountsThatAddUpToTheTotals) {
  // "Date début | Date fin | Montant DH HT": only the amount column is a label kind.
  std::vector<doc::Line> lines = {
      row(500, {{1000, "Date début"}, {1150, "Date fin"}, {1380, "Montant DH HT"}}),
      row(540, {{100, "Accès Primaire 15 CN"}, {1000, "01/02/2023"}, {1150, "28/02/2023"}, {1450, "1 875.00"}}),
      row(580, {{100, "Mobiles"}, {1480, "12.75"}}),
      row(620, {{100, "Remise sur frais"}, {1000, "01/02/2023"}, {1460, "-375.00"}}),
      row(680, {{800, "Total DH HT"}, {1450, "1 512.75"}}),
  };
  doc::Document d = testing::one_page(lines);
  EXPECT_TRUE(find_line_items(d.pages[0]).empty());                         // no totals to check against
  EXPECT_TRUE(find_line_items(d.pages[0], {1600.0, {}, {}}).empty());       // they do not add up
  std::vector<ItemRow> items = find_line_items(d.pages[0], {1512.75, {}, {}});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(raw(items[0].description), "Accès Primaire 15 CN");
  EXPECT_EQ(raw(items[2].amount), "-375.00");

  // A totals table under its labels is no items table: its rows have no description.
  doc::Document totals = testing::one_page({
      row(500, {{900, "TOTAL HT"}, {1100, "TOTAL TVA"}, {1300, "TOTAL TTC"}}),
      row(540, {{900, "489.00"}, {1100, "97.80"}, {1300, "586.80"}}),
  });
  EXPECT_TRUE(find_line_items(totals.pages[0], {489.0, 97.8, 586.8}).empty());
}

TEST(LineItems, TableWithoutAHeaderRowAddsUpToTheTotals) {
  // The header was not read (a tinted header row): descriptions with their amounts, above the totals.
  std::vector<doc::Line> lines = {
      row(200, {{100, "Facture N° F03995"}, {700, "Date: 27/12/2022"}}),
      row(500, {{100, "41010001 Gasoil"}, {300, "(MONETIQUE)"}, {950, "2 718,18"}, {1400, "2 990,00"}}),
      row(540, {{100, "livraison du 12/10"}}),
      row(600, {{100, "Frais de dossier"}, {980, "10,00"}, {1400, "12,00"}}),
      row(620, {{900, "Base"}, {980, "Taux"}, {1100, "Taxes"}}),
      row(660, {{800, "Total HT"}, {1400, "2 728,18"}}),
      row(700, {{100, "Arrêtée la présente facture à la somme de"}, {1400, "3 002,00"}}),
  };
  doc::Document d = testing::one_page(lines);
  // The first amounts column from the right adds up to TTC, the second one to HT: HT wins.
  std::vector<ItemRow> items = find_line_items(d.pages[0], {2728.18, 273.82, 3002.0});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Gasoil (MONETIQUE)\nlivraison du 12/10");
  EXPECT_EQ(raw(items[0].amount), "2 718,18");
  EXPECT_EQ(raw(items[1].amount), "10,00");
  EXPECT_NE(items[0].amount->reason.find("total_ht"), std::string::npos);
  EXPECT_FALSE(items[0].amount->source.boxes.empty());
  // Nothing adds up: no table (the sentence below the totals is not an item either).
  EXPECT_TRUE(find_line_items(d.pages[0], {5000.0, 1000.0, 6000.0}).empty());
}

TEST(LineItems, HeaderlessRowsGiveQuantityAndUnitPriceWhenTheyMultiplyToTheAmount) {
  doc::Document d = testing::one_page({
      row(500, {{100, "RD35TD"}, {250, "CACHET ROUND TRODAT 35"}, {800, "2"}, {1050, "175.00"}, {1400, "350.00"}}),
      row(540, {{100, "Encre noire"}, {1050, "12,50"}, {1400, "12,50"}}),
      row(600, {{1000, "Total H.T."}, {1400, "362.50"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0], {362.5, {}, {}});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "CACHET ROUND TRODAT 35");
  EXPECT_EQ(raw(items[0].quantity), "2");
  EXPECT_EQ(raw(items[0].unit_price), "175.00");
  EXPECT_EQ(raw(items[1].quantity), "<none>");  // one number before the amount: no product to check
}

TEST(LineItems, HeaderWithUnknownAndPunctuationWords) {
  // "Particulars - Basic Service Fee TVA Amount": two of six words are unknown, "-" is no word; only the
  // first description column gives the description ("Service Fee" holds numbers).
  doc::Document d = testing::one_page({
      row(500, {{70, "Particulars"}, {370, "-"}, {990, "Basic"}, {1110, "Service Fee"}, {1340, "TVA"}, {1460, "Amount"}}),
      row(540, {{70, "Airline"}, {970, "1,791.00"}, {1200, "25.00"}, {1350, "5.00"}, {1470, "1,821.00"}}),
      row(570, {{90, "Royal Air Maroc"}}),
      row(620, {{70, "Hotel"}, {970, "1,520.00"}, {1210, "0.00"}, {1350, "0.00"}, {1470, "1,520.00 ."}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Airline\nRoyal Air Maroc");
  EXPECT_EQ(raw(items[0].amount), "1,821.00");
  EXPECT_EQ(raw(items[1].amount), "1,520.00");  // the dot read from the table's rule is left out
}

TEST(LineItems, AnUnlabelledColumnBesideTheAmountIsNoPartOfIt) {
  // The VAT rate column has no label: its "20" falls in the amount column's range, far from the amount.
  doc::Document d = testing::one_page({
      row(500, {{80, "Référence"}, {330, "Désignation"}, {940, "Qté"}, {1060, "PU(ht)"}, {1420, "Mnt(ht)"}}),
      row(540, {{80, "90415005"}, {310, "PAPIER ZIG ZAG"}, {1000, "80"}, {1100, "14.60"}, {1280, "20"}, {1450, "1168.00"}}),
      row(580, {{80, "80200000"}, {310, "PAPIER ESSUIE MAIN"}, {1000, "12"}, {1100, "36.67"}, {1280, "20"}, {1460, "440.04"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].amount), "1168.00");
  EXPECT_EQ(raw(items[1].amount), "440.04");
}

TEST(LineItems, ATotalsLabelWhoseFirstLetterOcrLostEndsTheTable) {
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {1300, "Montant HT"}}),
      row(540, {{100, "Imprimante laser"}, {900, "1"}, {1300, "4583,33"}}),
      row(600, {{800, "ontant total H.T"}, {1300, "4 583,33"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].amount), "4583,33");
}

TEST(LineItems, ACodeRunIntoTheDescriptionStaysInTheCodeColumn) {
  // "8806090259104 Climatiseur 18BTU" is one cell (closer than a character) starting under "Code"; a
  // description that merely starts left of the bound ("Frais de port") stays whole.
  doc::Document d = testing::one_page({
      row(500, {{100, "Code"}, {260, "Désignation"}, {900, "Qté"}, {1050, "PU HT"}, {1350, "Total"}}),
      row(540, {{60, "8806090259104 Climatiseur 18BTU"}, {900, "1"}, {1050, "5 620,04"}, {1350, "5 620,04"}}),
      row(580, {{200, "Frais de port"}, {900, "1"}, {1050, "30,00"}, {1350, "30,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Climatiseur 18BTU");
  EXPECT_EQ(raw(items[0].amount), "5 620,04");
  EXPECT_EQ(raw(items[1].description), "Frais de port");
}

TEST(LineItems, LabelsOfOneColumnInSeveralWords) {
  // "Nature des prestations" is one description column, "Code article" one code column: cells covering
  // both words' centres stay in their column.
  doc::Document d = testing::one_page({
      row(500, {{100, "Code article"}, {300, "Nature des prestations"}, {950, "Quantité"}, {1150, "Tarif"}, {1400, "Montant"}}),
      row(540, {{80, "COM-00080-A"}, {300, "Forfait importateur vingt opérations"}, {1000, "1,00"}, {1150, "3 900,00"},
                {1400, "3 900,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].description), "Forfait importateur vingt opérations");
  EXPECT_EQ(raw(items[0].quantity), "1,00");
  EXPECT_EQ(raw(items[0].amount), "3 900,00");
}

TEST(LineItems, NumbersOfTightColumnsThatRanTogether) {
  // One cell across the unit price and amount columns ("3 900,00 3900.00 DH"), or the quantity and unit
  // price ("1 1999.00": "1999.00" is no digit group of "1"): each number to its column. A cell of more
  // numbers than the columns it crosses is no table row and ends the table.
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {980, "Tarif"}, {1120, "Montant"}}),
      row(540, {{100, "Forfait annuel"}, {900, "1"}, {960, "3 900,00"}, {1070, "3900.00 DH"}}),
      row(580, {{100, "Enceinte BT"}, {915, "1 1999.00"}, {1120, "1999.00"}}),
      row(620, {{960, "60 91 3 900,00 11923"}}),
      row(660, {{100, "Frais de port"}, {900, "1"}, {980, "10,00"}, {1120, "10,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].unit_price), "3 900,00");
  EXPECT_EQ(raw(items[0].amount), "3900.00 DH");
  EXPECT_EQ(raw(items[1].quantity), "1");
  EXPECT_EQ(raw(items[1].unit_price), "1999.00");
  EXPECT_EQ(raw(items[1].amount), "1999.00");
}

TEST(LineItems, NumbersStartingALittleLeftOfTheirColumn) {
  // The dates start 6 px (less than a character) left of "Date début", in the description's range.
  std::vector<doc::Line> lines = {
      row(500, {{1000, "Date début"}, {1150, "Date fin"}, {1380, "Montant DH HT"}}),
      row(540, {{100, "Accès Primaire 15 CN"}, {994, "01/02/2023"}, {1144, "28/02/2023"}, {1450, "1 875.00"}}),
      row(580, {{100, "Remise sur frais"}, {994, "01/02/2023"}, {1460, "-375.00"}}),
      row(640, {{800, "Total DH HT"}, {1450, "1 500.00"}}),
  };
  doc::Document d = testing::one_page(lines);
  std::vector<ItemRow> items = find_line_items(d.pages[0], {1500.0, {}, {}});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Accès Primaire 15 CN");
  EXPECT_EQ(raw(items[1].amount), "-375.00");
  EXPECT_EQ(items[1].amount->reason, "");  // read under its header, not by the rows' layout alone
}

TEST(LineItems, SectionHeadingsBetweenOneRowItems) {
  // "Abonnement", "Communications", "Divers" each head a section of one-row items: in no item.
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {1380, "Montant HT"}}),
      row(540, {{100, "Abonnement"}}),
      row(570, {{100, "Accès Primaire 15 CN"}, {1450, "1 875.00"}}),
      row(600, {{100, "Communications"}}),
      row(630, {{100, "Mobiles IAM"}, {1480, "12.75"}}),
      row(660, {{100, "Mobiles autres"}, {1480, "24.00"}}),
      row(690, {{100, "Divers"}}),
      row(720, {{100, "Remise sur frais"}, {1460, "-375.00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(raw(items[0].description), "Accès Primaire 15 CN");
  EXPECT_EQ(raw(items[1].description), "Mobiles IAM");
  EXPECT_EQ(raw(items[2].description), "Mobiles autres");
  EXPECT_EQ(raw(items[3].description), "Remise sur frais");

  // Text above every item is where each description starts, no heading.
  doc::Document starts = testing::one_page({
      row(500, {{100, "Désignation"}, {1380, "Montant HT"}}),
      row(540, {{100, "Abonnement annuel pour"}}),
      row(565, {{100, "de l'application"}, {1450, "1 600.00"}}),
      row(610, {{100, "Frais d'installation"}}),
      row(635, {{100, "et mise en service"}, {1480, "500.00"}}),
  });
  items = find_line_items(starts.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Abonnement annuel pour\nde l'application");
  EXPECT_EQ(raw(items[1].description), "Frais d'installation\net mise en service");
}

TEST(LineItems, ABulletBeforeTheDescriptionIsNoPartOfIt) {
  // A mark read as "I" with little confidence opens the description; a sure one-letter word is text.
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {1350, "Montant HT"}}),
      row(540, {{100, "I Audit informatique"}, {900, "2"}, {1350, "300,00"}}),
      row(580, {{100, "A Frais de déplacement"}, {900, "1"}, {1350, "50,00"}}),
  });
  d.pages[0].lines[1].words[0].confidence = 0.3f;
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Audit informatique");
  EXPECT_EQ(raw(items[1].description), "A Frais de déplacement");

  // The same without a header row.
  doc::Document headerless = testing::one_page({
      row(500, {{100, "Orange Maroc"}, {700, "I Vos forfaits et options"}, {1450, "165,83"}}),
      row(560, {{1100, "Montant HT"}, {1450, "165,83"}}),
  });
  headerless.pages[0].lines[0].words[2].confidence = 0.3f;
  items = find_line_items(headerless.pages[0], {165.83, {}, {}});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].description), "Vos forfaits et options");
}

TEST(LineItems, AStampUnderTheTableIsNoPartOfIt) {
  // The stamp's letters are three times as tall as the header's, within five rows of the last item.
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {1350, "Montant HT"}}),
      row(540, {{100, "Fourniture des échafaudages"}, {900, "1"}, {1350, "170,00"}}),
      row(570, {{100, "Aluminium"}}),
  });
  doc::Line stamp = testing::line_at(300, 640, {"FENEZORG", "SARL"});
  for (doc::Word& w : stamp.words) w.box.y1 = w.box.y0 + 60;
  stamp.box.y1 = stamp.box.y0 + 60;
  d.pages[0].lines.push_back(stamp);
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].description), "Fourniture des échafaudages\nAluminium");
}

TEST(LineItems, TextAlignedWithTheDescriptionsUnderACentredLabel) {
  // "Désignation" is centred over a wide column whose text starts left of the bound with "Référence":
  // the lines aligned with the descriptions above are description lines, codes stay in their column.
  doc::Document d = testing::one_page({
      row(500, {{200, "Référence"}, {610, "Désignation"}, {1060, "Qté"}, {1226, "P.U. HT"}, {1390, "Montant HT"}}),
      row(540, {{168, "AR01230"}, {385, "Fourniture des échafaudages"}, {1113, "1,00"}, {1229, "170,00"}, {1414, "170,00"}}),
      row(580, {{387, "Aluminium"}}),
      row(620, {{168, "AR01231"}, {385, "Livraison"}, {1113, "1,00"}, {1229, "30,00"}, {1414, "30,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Fourniture des échafaudages\nAluminium");
  EXPECT_EQ(raw(items[1].description), "Livraison");
}

TEST(LineItems, AHeaderlessRowThatNamesATaxIsAnItem) {
  // "Tax compliance ..." is a description, not a VAT line; a short VAT row between items is still skipped.
  doc::Document d = testing::one_page({
      row(500, {{100, "Tax compliance et suivi comptable pour la période du mois de Juin 2022"}, {1450, "1400,00"}}),
      row(540, {{100, "Taxe régionale"}, {1450, "20,00"}}),
      row(580, {{100, "Paie du mois de Juin"}, {1460, "500,00"}}),
      row(640, {{1200, "TOTAL HT"}, {1450, "1900,00"}}),
      row(680, {{1200, "TVA"}, {1460, "380,00"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0], {1900.0, 380.0, 2280.0});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(raw(items[0].description), "Tax compliance et suivi comptable pour la période du mois de Juin 2022");
  EXPECT_EQ(raw(items[0].amount), "1400,00");
  EXPECT_EQ(raw(items[1].description), "Paie du mois de Juin");
}

TEST(LineItems, ATaxModePrintedApartQualifiesTheLabelBeforeIt) {
  // "Montant  HT" with wide spacing: "HT" is no column of its own, so the amounts under both words are
  // the amount column's; "P.U. HT" two characters from "Qté" is a unit price column, not a qualifier.
  doc::Document d = testing::one_page({
      row(500, {{100, "Désignation"}, {900, "Qté"}, {1000, "P.U. HT"}, {1300, "Montant"}, {1410, "HT"}}),
      row(540, {{100, "Pneu 205/55 R16"}, {910, "9"}, {1010, "10.09"}, {1390, "90.81"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].quantity), "9");
  EXPECT_EQ(raw(items[0].unit_price), "10.09");
  EXPECT_EQ(raw(items[0].amount), "90.81");
}

TEST(LineItems, ADescriptionRunningPastTheHalfwayBound) {
  // "486" ends the description: a character and a half after it, left of the "Qté" label.
  doc::Document d = testing::one_page({
      row(500, {{100, "Article"}, {1115, "Qté"}, {1211, "P.U. HT"}, {1391, "Montant"}}),
      row(540, {{100, "Plaquettes de frein avant pour véhicule - modèle"}, {715, "486"}, {1130, "2"}, {1230, "1 588,69"},
                {1400, "3 177,38"}}),
  });
  std::vector<ItemRow> items = find_line_items(d.pages[0]);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(raw(items[0].description), "Plaquettes de frein avant pour véhicule - modèle 486");
  EXPECT_EQ(raw(items[0].quantity), "2");
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
