// The invoice rules that are not totals or tables: dates, number, parties, document type, currency.
#include <gtest/gtest.h>

#include "extract/document_type.h"
#include "extract/invoice_dates.h"
#include "extract/invoice_number.h"
#include "extract/ner_rules.h"
#include "extract/parties.h"
#include "extract/supplier_name.h"
#include "page_builder.h"

namespace textra::extract {
namespace {

using testing::row;

fields::Extraction empty_invoice() {
  auto schema = fields::builtin_schema("invoice");
  return fields::new_extraction(*schema, "x.png", {"ner", "m", "1"});
}

fields::Json value(const fields::Extraction& e, const char* path) { return fields::plain_values(*e.fields.at(path)); }

TEST(InvoiceRules, TheDueDateIsNotTheInvoiceDate) {
  doc::Document d = testing::one_page({
      row(100, {{100, "Date d'échéance : 15/02/2023"}}),
      row(140, {{100, "Date : 16/01/2023"}}),
  });
  // The CRF's best invoice_date candidate sits on the due-date line: it is dropped.
  ner::Candidate due{"invoice_date", "15/02/2023", 0.9, {1, {}, {3}}, fields::Role::kIssueDate};
  ner::Candidate issued{"invoice_date", "16/01/2023", 0.6, {1, {}, {6}}, fields::Role::kIssueDate};
  std::vector<ner::Candidate> candidates{due, issued};
  drop_due_date_candidates(d, candidates);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].raw, "16/01/2023");
  // Without candidates, the date after a date label that is no due date.
  auto schema = fields::builtin_schema("invoice");
  fields::Extraction e = empty_invoice();
  fill_invoice_date(d, *schema, fields::normalize_options_for_language("fr"), e);
  EXPECT_EQ(value(e, "invoice_date"), "2023-01-16");
  EXPECT_TRUE(e.fields.at("invoice_date")->value.reason.has_value());
}

TEST(InvoiceRules, ADebitDateIsNoInvoiceDateAndAGluedColonIsNoPartOfADate) {
  auto schema = fields::builtin_schema("invoice");
  doc::Document d = testing::one_page({
      row(100, {{100, "Date de prélèvement vers le : 27/02/2023"}}),
      row(140, {{100, "Casablanca Le :02/01/2023"}}),
  });
  ner::Candidate debit{"invoice_date", "27/02/2023", 0.9, {1, {}, {6}}, fields::Role::kIssueDate};
  std::vector<ner::Candidate> candidates{debit};
  drop_due_date_candidates(d, candidates);
  EXPECT_TRUE(candidates.empty());
  fields::Extraction e = empty_invoice();
  fill_invoice_date(d, *schema, fields::normalize_options_for_language("fr"), e);
  EXPECT_EQ(value(e, "invoice_date"), "2023-01-02");
  EXPECT_EQ(e.fields.at("invoice_date")->value.raw, "02/01/2023");
}

TEST(InvoiceRules, NumberAfterTheInvoiceLabel) {
  auto schema = fields::builtin_schema("invoice");
  for (const char* label : {"Facture N° :", "N° Facture", "Invoice No"}) {
    doc::Document d = testing::one_page({row(100, {{100, std::string(label) + " FA-2024-0117"}, {900, "Date 12/03/2024"}})});
    fields::Extraction e = empty_invoice();
    fill_invoice_number(d, *schema, {}, e);
    EXPECT_EQ(value(e, "invoice_number"), "FA-2024-0117") << label;
  }
  // A date after the label is no number.
  doc::Document d = testing::one_page({row(100, {{100, "Facture du 12/03/2024"}})});
  fields::Extraction e = empty_invoice();
  fill_invoice_number(d, *schema, {}, e);
  EXPECT_TRUE(value(e, "invoice_number").is_null());
}

TEST(InvoiceRules, MoreInvoiceLabelsAndTheNumberAsPrinted) {
  auto schema = fields::builtin_schema("invoice");
  struct Case {
    std::vector<std::pair<int, std::string>> cells;
    const char* number;
  };
  for (const Case& c : std::vector<Case>{
           {{{100, "Note d'honoraires: FY22/0239"}}, "FY22/0239"},          // a fee invoice's title
           {{{100, "N° :F03995"}, {500, "Date: 27/12/2022"}}, "F03995"},     // "N°" opening the row, ":" glued
           {{{100, "Facture Eau N°"}, {400, "1504144721 EZ"}}, "1504144721EZ"},  // title words, then a suffix
           {{{100, "FACTURE N° 63 739"}}, "63739"},                          // digit groups
           {{{100, "N° Compte client : 10564756"}}, nullptr},                 // another number
           {{{100, "Facture Réf.:FA2208-0082"}}, "FA2208-0082"},              // a label glued by its colon
           {{{100, "Facture n° 0000796234022023du01/02/2023"}}, "0000796234022023"},  // a date glued after it
       }) {
    doc::Document d = testing::one_page({row(100, c.cells)});
    fields::Extraction e = empty_invoice();
    fill_invoice_number(d, *schema, {}, e);
    if (c.number == nullptr) {
      EXPECT_TRUE(value(e, "invoice_number").is_null()) << c.cells[0].second;
    } else {
      EXPECT_EQ(value(e, "invoice_number"), c.number) << c.cells[0].second;
    }
  }
  // The model's span, tidied: the label's glued mark and a phone number after it are left out.
  doc::Document d = testing::one_page({row(100, {{100, "Facture n°0022/2022 Tél.:0661734257"}})});
  fields::Extraction e = empty_invoice();
  *e.fields.at("invoice_number") = fields::FieldNode::leaf(
      {"n°0022/2022Tél.:0661734257", "n°0022/2022 Tél.:0661734257", 0.7, fields::Source{1, {}, {1, 2}}, std::nullopt});
  tidy_invoice_number(d, *schema, {}, e);
  EXPECT_EQ(value(e, "invoice_number"), "0022/2022");
  EXPECT_EQ(e.fields.at("invoice_number")->value.raw, "0022/2022");
}

TEST(InvoiceRules, PartiesFromTheLayout) {
  auto schema = fields::builtin_schema("invoice");
  doc::Document d = testing::one_page({
      row(100, {{100, "IMPRIMERIE DU NORD SARL"}}),
      row(140, {{100, "25 rue Nationale"}, {1000, "Facturé à :"}}),
      row(180, {{100, "59000 Lille"}, {1000, "Client 00042"}}),
      row(220, {{1000, "Boulangerie Martin"}}),
      row(260, {{1000, "5 place Bellecour"}}),
      row(300, {{1000, "69002 Lyon"}}),
      row(340, {{1000, "Tél. 04 78 12 34 56"}}),
      row(2200, {{100, "IMPRIMERIE DU NORD SARL au capital de 10 000 EUR - SIRET 812 345 678 00021"}}),
  });
  fields::Extraction e = empty_invoice();
  fill_parties(d, *schema, {}, e);
  EXPECT_EQ(value(e, "customer.name"), "Boulangerie Martin");  // the customer code is no name
  EXPECT_EQ(value(e, "customer.address"), "5 place Bellecour 69002 Lyon");
  EXPECT_EQ(value(e, "supplier.name"), "IMPRIMERIE DU NORD SARL");  // from the legal block, cut at its capital
  EXPECT_EQ(value(e, "supplier.address"), "25 rue Nationale 59000 Lille");
}

TEST(InvoiceRules, TheOtherCompanyAtTheTopIsTheCustomerWithoutALabel) {
  auto schema = fields::builtin_schema("invoice");
  doc::Document d = testing::one_page({
      row(100, {{1000, "OUTIDIS SARL"}}),
      row(140, {{1000, "10 rue Liberté"}}),
      row(180, {{1000, "Casablanca"}}),
      row(2200, {{100, "Ziri Trans Com : R.C: 302353 - I.F: 15162942"}}),
  });
  fields::Extraction e = empty_invoice();
  fill_supplier_name_from_layout(d, *schema, {}, e);
  EXPECT_EQ(value(e, "supplier.name"), "Ziri Trans Com");  // the name the legal ids follow
  fill_parties(d, *schema, {}, e);
  EXPECT_EQ(value(e, "customer.name"), "OUTIDIS SARL");
  EXPECT_EQ(value(e, "customer.address"), "10 rue Liberté Casablanca");
}

TEST(InvoiceRules, CurrencyOfTheTotalsBeforeNoise) {
  auto schema = fields::builtin_schema("invoice");
  doc::Document d = testing::one_page({
      row(100, {{100, "Réf 359$"}}),
      row(500, {{100, "Total TTC"}, {900, "4 680,00 DH"}}),
  });
  fields::Extraction e = empty_invoice();
  // The totals as the decoder leaves them: the TTC's words are "4", "680,00", "DH" (ids 4-6).
  e.fields.at("total_ttc")->value = {4680.0, "4 680,00 DH", 0.9, fields::Source{1, {}, {4, 5, 6}}, std::nullopt};
  fill_by_rules(d, *schema, fields::normalize_options_for_language("fr"), e);
  EXPECT_EQ(value(e, "currency"), "MAD");
  // Without totals: the currency two amounts print, not the one of a lone "359$".
  doc::Document rows = testing::one_page({
      row(100, {{100, "Réf 359$"}}), row(500, {{100, "Article A"}, {900, "100,00 DH"}}),
      row(540, {{100, "Article B"}, {900, "50,00 DH"}}),
  });
  fields::Extraction f = empty_invoice();
  fill_by_rules(rows, *schema, fields::normalize_options_for_language("fr"), f);
  EXPECT_EQ(value(f, "currency"), "MAD");
}

TEST(DocumentType, InvoicesReceiptsAndOtherKinds) {
  doc::Document invoice = testing::one_page({
      row(100, {{100, "FACTURE N° 12"}}), row(200, {{100, "Client : X SARL"}}),
      row(300, {{100, "Désignation"}, {900, "Montant HT"}}), row(900, {{100, "Total TTC"}, {900, "120,00"}}),
      row(2200, {{100, "ICE 001523800000047 RC 1234"}}),
  });
  EXPECT_EQ(detect_document_type(invoice).type, "invoice");
  doc::Document credit = invoice;
  credit.pages[0].lines[0] = testing::line_at(100, 100, {"AVOIR", "N°", "12"});
  fields::DocumentType t = detect_document_type(credit);
  EXPECT_EQ(t.type, "other");
  EXPECT_EQ(t.kind, "credit_note");
  doc::Document receipt = testing::one_page({
      row(100, {{100, "CORNER SHOP"}}), row(140, {{100, "14/02/2024 12:31"}}), row(180, {{100, "Cashier: Ann"}}),
      row(220, {{100, "TOTAL 10.10"}}), row(260, {{100, "CASH 20.00"}}), row(300, {{100, "CHANGE 9.90"}}),
      row(340, {{100, "Thank you"}}),
  }, 600, 1400);
  t = detect_document_type(receipt);
  EXPECT_EQ(t.type, "receipt");
  EXPECT_GT(t.confidence, 0.5);
}

}  // namespace
}  // namespace textra::extract
