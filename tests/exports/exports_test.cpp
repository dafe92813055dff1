// Exports from corrected extractions: CSV, FEC (hand-computed journal lines) and CII structure, and the
// refusals of documents with unresolved errors.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "exports/exports.h"
#include "exports/latin9.h"
#include "fields/corrections.h"

namespace textra::exports {
namespace {

using fields::Json;

struct Item {
  const char* description;
  double quantity, unit_price, amount, vat_rate;
};

Json invoice_result(const std::string& number, const std::string& date, const std::string& supplier,
                    const std::string& currency, double ht, double tva, double ttc, const std::vector<Item>& items,
                    const Json& supplier_ids = Json::object()) {
  Json lines = Json::array();
  for (const Item& i : items) {
    lines.push_back({{"description", i.description}, {"quantity", i.quantity}, {"unit_price", i.unit_price},
                     {"amount", i.amount}, {"vat_rate", i.vat_rate}});
  }
  return {{"file", number + ".pdf"},
          {"schema", "invoice"},
          {"fields",
           {{"invoice_number", number},
            {"invoice_date", date},
            {"due_date", nullptr},
            {"supplier", {{"name", supplier}, {"address", "1 rue de la Paix\n75002 Paris"}, {"vat_id", nullptr},
                          {"other_ids", supplier_ids}}},
            {"customer", {{"name", "ACME SAS"}, {"address", "2 avenue Foch, Lyon"}}},
            {"currency", currency},
            {"total_ht", ht},
            {"total_tva", tva},
            {"total_ttc", ttc},
            {"amount_due", ttc},
            {"line_items", lines}}}};
}

ExportDocument document(std::int64_t id, const Json& result, const std::string& status = "reviewed",
                        const Json& corrections = Json::object()) {
  auto made = make_export_document(id, "doc" + std::to_string(id) + ".pdf", status, result, corrections);
  EXPECT_TRUE(made.is_ok()) << made.status().message();
  return *made;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::vector<std::vector<std::string>> fec_rows(const std::string& fec) {
  std::vector<std::vector<std::string>> rows;
  for (std::string line : split(fec, '\n')) {
    if (line.empty()) continue;
    EXPECT_EQ(line.back(), '\r') << "FEC lines end with CR LF";
    if (line.back() == '\r') line.pop_back();
    rows.push_back(split(line, '|'));
  }
  return rows;
}

std::int64_t cents(const std::string& fec_amount) {
  std::string digits;
  for (char c : fec_amount) {
    if (c != ',') digits += c;
  }
  EXPECT_EQ(fec_amount.find(','), fec_amount.size() - 3) << fec_amount << " has two decimals after a comma";
  return std::stoll(digits);
}

// "TVA déductible 5.5 %" -> "5.5"
std::string label_rate(const std::string& label) {
  std::string head = label.substr(0, label.size() - 2);
  return head.substr(head.rfind(' ') + 1);
}

// Ten purchase invoices with their VAT per rate worked out by hand (the comments show the sums).
struct Case {
  Json result;
  std::map<std::string, std::int64_t> vat_cents_by_rate;
};

std::vector<Case> ten_invoices() {
  return {
      // 45.00 x 20 % = 9.00; 30.00 x 5.5 % = 1.65
      {invoice_result("F-2024-001", "2024-03-05", "Papeterie Dupont SARL", "EUR", 75.00, 10.65, 85.65,
                      {{"Ramettes papier", 10, 4.5, 45.0, 20}, {"Livres", 2, 15.0, 30.0, 5.5}}),
       {{"20", 900}, {"5.5", 165}}},
      // one rate from the totals: 780 / 3900 = 20 %
      {invoice_result("00213945", "2022-12-28", "PORTNET S.A.", "MAD", 3900.00, 780.00, 4680.00, {},
                      {{"ICE", "000025569000083"}}),
       {{"20", 78000}}},
      // 120.00 x 10 % = 12.00
      {invoice_result("R-77", "2024-01-15", "Restaurant Le Midi", "EUR", 120.00, 12.00, 132.00,
                      {{"Repas", 4, 30.0, 120.0, 10}}),
       {{"10", 1200}}},
      // 200.00 x 20 % = 40.00; 50.00 x 10 % = 5.00; 10.00 x 2.1 % = 0.21
      {invoice_result("2024-118", "2024-02-01", "Imprimerie Martin", "EUR", 260.00, 45.21, 305.21,
                      {{"Affiches", 100, 2.0, 200.0, 20}, {"Livraison repas", 1, 50.0, 50.0, 10},
                       {"Journal", 5, 2.0, 10.0, 2.1}}),
       {{"20", 4000}, {"10", 500}, {"2.1", 21}}},
      // 999.99 x 20 % = 199.998 -> 200.00
      {invoice_result("INV-9", "2024-04-30", "Office Depot France", "EUR", 999.99, 200.00, 1199.99,
                      {{"Bureau", 1, 999.99, 999.99, 20}}),
       {{"20", 20000}}},
      // 1500.00 x 14 % = 210.00 (Morocco)
      {invoice_result("FA/2023/55", "2023-06-12", "Transports Atlas", "MAD", 1500.00, 210.00, 1710.00,
                      {{"Transport Casablanca-Rabat", 3, 500.0, 1500.0, 14}}, {{"ICE", "001234567000089"}}),
       {{"14", 21000}}},
      // 12.34 x 20 % = 2.468 -> 2.47; 7.66 x 20 % = 1.532 -> 1.53: one group 20.00 x 20 % = 4.00
      {invoice_result("T-1", "2024-05-02", "Tabac Presse", "EUR", 20.00, 4.00, 24.00,
                      {{"Stylos", 1, 12.34, 12.34, 20}, {"Cahiers", 1, 7.66, 7.66, 20}}),
       {{"20", 400}}},
      // 80.00 x 7 % = 5.60 (Morocco)
      {invoice_result("PH-3", "2023-11-20", "Pharmacie Centrale", "MAD", 80.00, 5.60, 85.60,
                      {{"Medicaments", 2, 40.0, 80.0, 7}}),
       {{"7", 560}}},
      // 333.33 x 20 % = 66.666 -> 66.67, printed 66.67
      {invoice_result("X-42", "2024-06-30", "Conseil & Associés", "EUR", 333.33, 66.67, 400.00,
                      {{"Conseil", 1, 333.33, 333.33, 20}}),
       {{"20", 6667}}},
      // 0 VAT: 250.00 x 0 % exported with a base and no VAT line
      {invoice_result("EX-1", "2024-07-01", "Formation Pro", "EUR", 250.00, 0.00, 250.00,
                      {{"Formation", 1, 250.0, 250.0, 0}}),
       {{"0", 0}}},
  };
}

ExportOptions fec_options() {
  ExportOptions options;
  options.validation_date = "2024-12-31";
  auto map = account_map_from_json(Json::parse(R"({
    "exchange_rates": {"MAD": 0.092},
    "vat_accounts_by_rate": {"5.5": "445661"},
    "suppliers": {"000025569000083": {"expense_account": "611000", "auxiliary": "FPORTNET"}}})"));
  EXPECT_TRUE(map.is_ok()) << map.status().message();
  options.accounts = *map;
  return options;
}

TEST(FecExport, TenInvoicesBalanceAndBookTheirVatPerRate) {
  std::vector<Case> cases = ten_invoices();
  std::vector<ExportDocument> documents;
  for (std::size_t i = 0; i < cases.size(); ++i) documents.push_back(document(static_cast<std::int64_t>(i + 1), cases[i].result));
  auto output = export_documents(documents, Format::kFec, fec_options());
  ASSERT_TRUE(output.is_ok()) << output.status().message();
  ASSERT_TRUE(output->refused.empty()) << output->refused[0].reason;
  ASSERT_EQ(output->files.size(), 1u);
  auto rows = fec_rows(output->files[0].bytes);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",
                                               "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate",
                                               "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
                                               "ValidDate", "Montantdevise", "Idevise"}));
  std::map<std::string, std::int64_t> balance;                           // EcritureNum -> debit - credit
  std::map<std::string, std::map<std::string, std::int64_t>> vat_found;  // PieceRef -> rate -> VAT (invoice currency)
  std::map<std::string, std::string> entry_of_piece;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), 18u) << "row " << r;
    balance[row[2]] += cents(row[11]) - cents(row[12]);
    entry_of_piece[row[8]] = row[2];
    if (row[4].rfind("4456", 0) == 0) {
      std::string amount = row[16].empty() ? row[11] : row[16];  // foreign invoices: the invoice's own amount
      vat_found[row[8]][label_rate(row[5])] += cents(amount);
    }
  }
  EXPECT_EQ(balance.size(), 10u);
  for (const auto& [entry, difference] : balance) EXPECT_EQ(difference, 0) << "entry " << entry << " does not balance";
  for (const Case& c : cases) {
    std::string piece = c.result["fields"]["invoice_number"].get<std::string>();
    std::map<std::string, std::int64_t> expected;
    for (const auto& [rate, vat] : c.vat_cents_by_rate) {
      if (vat != 0) expected[rate] = vat;
    }
    EXPECT_EQ(vat_found[piece], expected) << piece;
  }
  // Entries are numbered in date order: the 2022 invoice first.
  EXPECT_EQ(entry_of_piece["00213945"], "1");
  EXPECT_EQ(entry_of_piece["EX-1"], "10");
}

TEST(FecExport, LinesOfOneInvoiceAsComputedByHand) {
  std::vector<Case> cases = ten_invoices();
  auto output = export_documents({document(1, cases[0].result)}, Format::kFec, fec_options());
  ASSERT_TRUE(output.is_ok());
  std::string expected =
      "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|"
      "EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\r\n"
      "HA|Achats|1|20240305|607000|Achats 20 %|||F-2024-001|20240305|Facture F-2024-001 Papeterie Dupont SARL|45,00|0,00|||20241231||\r\n"
      "HA|Achats|1|20240305|445660|TVA déductible 20 %|||F-2024-001|20240305|Facture F-2024-001 Papeterie Dupont SARL|9,00|0,00|||20241231||\r\n"
      "HA|Achats|1|20240305|607000|Achats 5.5 %|||F-2024-001|20240305|Facture F-2024-001 Papeterie Dupont SARL|30,00|0,00|||20241231||\r\n"
      "HA|Achats|1|20240305|445661|TVA déductible 5.5 %|||F-2024-001|20240305|Facture F-2024-001 Papeterie Dupont SARL|1,65|0,00|||20241231||\r\n"
      "HA|Achats|1|20240305|401000|Fournisseurs|FPAPETERIEDUPONTS|Papeterie Dupont SARL|F-2024-001|20240305|Facture F-2024-001 Papeterie Dupont SARL|0,00|85,65|||20241231||\r\n";
  EXPECT_EQ(output->files[0].bytes, to_latin9(expected));
  EXPECT_NE(output->files[0].bytes.find('\xE9'), std::string::npos) << "é is one ISO 8859-15 byte";
}

TEST(FecExport, ForeignCurrencyIsConvertedAndKeptInMontantDevise) {
  std::vector<Case> cases = ten_invoices();
  auto output = export_documents({document(2, cases[1].result)}, Format::kFec, fec_options());
  ASSERT_TRUE(output.is_ok());
  auto rows = fec_rows(output->files[0].bytes);
  ASSERT_EQ(rows.size(), 4u);
  // 3900.00 MAD x 0.092 = 358.80 EUR; 780.00 x 0.092 = 71.76; the supplier is credited their sum 430.56.
  EXPECT_EQ(rows[1][4], "611000") << "the supplier's own expense account, matched by its ICE";
  EXPECT_EQ(rows[1][11], "358,80");
  EXPECT_EQ(rows[1][16], "3900,00");
  EXPECT_EQ(rows[1][17], "MAD");
  EXPECT_EQ(rows[2][11], "71,76");
  EXPECT_EQ(rows[3][6], "FPORTNET");
  EXPECT_EQ(rows[3][12], "430,56");
  EXPECT_EQ(rows[3][16], "4680,00");
}

TEST(FecExport, ForeignCurrencyWithoutRateIsRefused) {
  std::vector<Case> cases = ten_invoices();
  auto output = export_documents({document(2, cases[1].result)}, Format::kFec, ExportOptions{});
  ASSERT_TRUE(output.is_ok());
  ASSERT_EQ(output->refused.size(), 1u);
  EXPECT_NE(output->refused[0].reason.find("currency MAD is not the book currency EUR"), std::string::npos)
      << output->refused[0].reason;
  EXPECT_EQ(output->exported, 0u);
}

TEST(ExportReadiness, UnresolvedErrorsAreRefusedUnlessForced) {
  Json wrong = invoice_result("A-1", "2024-01-10", "Fournisseur", "EUR", 100.00, 20.00, 150.00,
                              {{"Objet", 1, 100.0, 100.0, 20}});
  std::vector<ExportDocument> documents{document(7, wrong, "extracted"), document(8, wrong, "new")};
  auto refused = export_documents(documents, Format::kCsv, ExportOptions{});
  ASSERT_TRUE(refused.is_ok());
  ASSERT_EQ(refused->refused.size(), 2u);
  EXPECT_NE(refused->refused[0].reason.find("totals_mismatch"), std::string::npos) << refused->refused[0].reason;
  EXPECT_NE(refused->refused[1].reason.find("status is new"), std::string::npos) << refused->refused[1].reason;
  ExportOptions force;
  force.force = true;
  auto forced = export_documents(documents, Format::kCsv, force);
  ASSERT_TRUE(forced.is_ok());
  EXPECT_EQ(forced->exported, 2u);
  EXPECT_TRUE(forced->refused.empty());
}

TEST(ExportReadiness, ADuplicateIsRefusedNamingTheFirstCopyUnlessForced) {
  Json result = invoice_result("A-1", "2024-01-10", "Fournisseur", "EUR", 100.00, 20.00, 120.00,
                               {{"Objet", 1, 100.0, 100.0, 20}});
  std::vector<ExportDocument> documents = {document(1, result), document(2, result)};
  documents[1].duplicate_of = 1;
  for (Format format : {Format::kCsv, Format::kFec}) {
    auto output = export_documents(documents, format, ExportOptions{});
    ASSERT_TRUE(output.is_ok());
    EXPECT_EQ(output->exported, 1u);
    ASSERT_EQ(output->refused.size(), 1u);
    EXPECT_EQ(output->refused[0].id, 2);
    EXPECT_EQ(output->refused[0].reason, "duplicate of #1");
  }
  ExportOptions force;
  force.force = true;
  EXPECT_EQ(export_documents(documents, Format::kCsv, force)->exported, 2u);
}

TEST(ExportReadiness, ACorrectionThatFixesATotalClearsItsError) {
  Json wrong = invoice_result("A-1", "2024-01-10", "Fournisseur", "EUR", 100.00, 20.00, 150.00,
                              {{"Objet", 1, 100.0, 100.0, 20}});
  ExportDocument fixed = document(7, wrong, "reviewed", Json{{"total_ttc", 120.0}, {"amount_due", 120.0}});
  auto output = export_documents({fixed}, Format::kFec, ExportOptions{});
  ASSERT_TRUE(output.is_ok());
  EXPECT_TRUE(output->refused.empty()) << output->refused[0].reason;
  EXPECT_NE(output->files[0].bytes.find("|0,00|120,00|"), std::string::npos) << output->files[0].bytes;
}

TEST(ExportReadiness, CiiNeedsAReviewedInvoiceWithItsParties) {
  Json result = ten_invoices()[0].result;
  result["fields"]["customer"]["name"] = nullptr;
  auto output = export_documents({document(3, result, "extracted")}, Format::kCii, ExportOptions{});
  ASSERT_TRUE(output.is_ok());
  ASSERT_EQ(output->refused.size(), 1u);
  EXPECT_NE(output->refused[0].reason.find("reviewed"), std::string::npos);
  EXPECT_NE(output->refused[0].reason.find("customer.name is missing"), std::string::npos);
}

TEST(CsvExport, OneRowPerDocumentAndPerLineItem) {
  std::vector<Case> cases = ten_invoices();
  std::vector<ExportDocument> documents{document(1, cases[0].result), document(9, cases[8].result)};
  auto rows = export_documents(documents, Format::kCsv, ExportOptions{});
  ASSERT_TRUE(rows.is_ok());
  const std::string& csv = rows->files[0].bytes;
  std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_EQ(header.rfind("id,file,status,schema,invoice_number,invoice_date,due_date,supplier.name,", 0), 0u) << header;
  EXPECT_NE(header.find(",total_ttc,"), std::string::npos);
  EXPECT_EQ(header.find("line_items"), std::string::npos) << "line items have their own export";
  EXPECT_NE(csv.find("\n1,doc1.pdf,reviewed,invoice,F-2024-001,2024-03-05,,Papeterie Dupont SARL,"
                     "\"1 rue de la Paix\n75002 Paris\","), std::string::npos)
      << "a line break is quoted: " << csv;
  EXPECT_NE(csv.find("\n9,doc9.pdf,reviewed,invoice,X-42,2024-06-30,,Conseil & Associés,"), std::string::npos)
      << "nothing to quote without a comma: " << csv;

  auto items = export_documents(documents, Format::kCsvLines, ExportOptions{});
  ASSERT_TRUE(items.is_ok());
  std::vector<std::string> item_lines = split(items->files[0].bytes, '\n');
  ASSERT_EQ(item_lines.size(), 5u);  // header, 2 + 1 items, trailing empty
  EXPECT_EQ(item_lines[0], "id,file,field,line,description,quantity,unit_price,amount,vat_rate");
  EXPECT_EQ(item_lines[2], "1,doc1.pdf,line_items,2,Livres,2.0,15.0,30.0,5.5");
}

TEST(CiiExport, ElementsInTheOrderOfTheXsd) {
  auto output = export_documents({document(1, ten_invoices()[0].result)}, Format::kCii, ExportOptions{});
  ASSERT_TRUE(output.is_ok());
  ASSERT_EQ(output->files.size(), 1u);
  const std::string& xml = output->files[0].bytes;
  std::size_t position = 0;
  for (const char* element :
       {"<rsm:CrossIndustryInvoice", "<ram:ID>urn:cen.eu:en16931:2017</ram:ID>", "<ram:ID>F-2024-001</ram:ID>",
        "<ram:TypeCode>380</ram:TypeCode>", "<udt:DateTimeString format=\"102\">20240305</udt:DateTimeString>",
        "<ram:LineID>1</ram:LineID>", "<ram:Name>Ramettes papier</ram:Name>", "<ram:ChargeAmount>4.50</ram:ChargeAmount>",
        "<ram:BilledQuantity unitCode=\"C62\">10</ram:BilledQuantity>", "<ram:RateApplicablePercent>20</ram:RateApplicablePercent>",
        "<ram:LineTotalAmount>45.00</ram:LineTotalAmount>", "<ram:LineID>2</ram:LineID>",
        "<ram:SellerTradeParty>", "<ram:Name>Papeterie Dupont SARL</ram:Name>", "<ram:CountryID>FR</ram:CountryID>",
        "<ram:BuyerTradeParty>", "<ram:Name>ACME SAS</ram:Name>", "<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>",
        "<ram:CalculatedAmount>9.00</ram:CalculatedAmount>", "<ram:BasisAmount>45.00</ram:BasisAmount>",
        "<ram:CalculatedAmount>1.65</ram:CalculatedAmount>", "<ram:RateApplicablePercent>5.5</ram:RateApplicablePercent>",
        "<ram:TaxBasisTotalAmount>75.00</ram:TaxBasisTotalAmount>",
        "<ram:TaxTotalAmount currencyID=\"EUR\">10.65</ram:TaxTotalAmount>",
        "<ram:GrandTotalAmount>85.65</ram:GrandTotalAmount>", "<ram:DuePayableAmount>85.65</ram:DuePayableAmount>"}) {
    std::size_t found = xml.find(element, position);
    ASSERT_NE(found, std::string::npos) << element << " missing or out of order in\n" << xml;
    position = found;
  }
}

TEST(CiiExport, TextIsEscaped) {
  Json result = ten_invoices()[8].result;  // "Conseil & Associés"
  auto output = export_documents({document(9, result)}, Format::kCii, ExportOptions{});
  ASSERT_TRUE(output.is_ok());
  EXPECT_NE(output->files[0].bytes.find("Conseil &amp; Associés"), std::string::npos);
}

TEST(AccountMap, UnknownKeysAndWrongTypesAreNamed) {
  auto unknown = account_map_from_json(Json::parse(R"({"journal": "HA"})"));
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(unknown.status().message().find("\"journal\""), std::string::npos);
  auto rate = account_map_from_json(Json::parse(R"({"exchange_rates": {"MAD": -1}})"));
  ASSERT_FALSE(rate.is_ok());
  EXPECT_NE(rate.status().message().find("exchange_rates.MAD"), std::string::npos);
  auto supplier = account_map_from_json(Json::parse(R"({"suppliers": {"X": {"account": "1"}}})"));
  ASSERT_FALSE(supplier.is_ok());
  EXPECT_NE(supplier.status().message().find("suppliers.X"), std::string::npos);
}

TEST(ExportFormat, NamesRoundTripAndUnknownIsRefused) {
  for (const char* name : {"csv", "csv-lines", "fec", "cii"}) {
    auto format = parse_format(name);
    ASSERT_TRUE(format.is_ok());
    EXPECT_STREQ(format_name(*format), name);
  }
  EXPECT_FALSE(parse_format("xlsx").is_ok());
}

TEST(Latin9, FrenchLettersAndEuroAreOneByte) {
  EXPECT_EQ(to_latin9("é€œ"), std::string("\xE9\xA4\xBD"));
  EXPECT_EQ(to_latin9("日"), "?");
}

}  // namespace
}  // namespace textra::exports
