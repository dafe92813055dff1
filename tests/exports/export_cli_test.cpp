// `textra export` on a real store, and the CII XML of the shipped sample checked against the official
// EN 16931 XSD with xmllint when the artefacts are at hand.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "store/store.h"
#include "test_support.h"

namespace textra::exports {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int run(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

json invoice(const std::string& number, double ht, double tva, double ttc) {
  return {{"file", number + ".pdf"}, {"schema", "invoice"},
          {"fields", {{"invoice_number", number}, {"invoice_date", "2024-03-12"},
                      {"supplier", {{"name", "ATELIER DUVAL SARL"}, {"vat_id", "FR40303265045"}}},
                      {"customer", {{"name", "ACME SAS"}}}, {"currency", "EUR"},
                      {"total_ht", ht}, {"total_tva", tva}, {"total_ttc", ttc}, {"line_items", json::array()}}}};
}

// A store with a consistent invoice (id 1) and one whose totals disagree (id 2), both reviewed.
std::string make_store(const std::string& name) {
  std::string dir = testing::temp_dir(name) + "/store";
  auto store = store::Store::open(dir);
  EXPECT_TRUE(store.is_ok()) << store.status().message();
  auto first = (*store)->add_document("first invoice bytes", "a.pdf", "application/pdf");
  auto second = (*store)->add_document("second invoice bytes", "b.pdf", "application/pdf");
  EXPECT_TRUE((*store)->save_result(first->document.id, invoice("FA-1", 690, 138, 828)).is_ok());
  EXPECT_TRUE((*store)->save_result(second->document.id, invoice("FA-2", 100, 20, 150)).is_ok());
  EXPECT_TRUE((*store)->save_corrections(first->document.id, {{"invoice_number", "FA-2024-0117"}}).is_ok());
  EXPECT_TRUE((*store)->save_corrections(second->document.id, {{"invoice_number", "FA-2"}}).is_ok());
  return dir;
}

TEST(ExportCli, RefusesTheInconsistentInvoiceAndExportsTheOther) {
  std::string store = make_store("export_cli_refuse");
  std::string out = fs::path(store).parent_path() / "fec.txt";
  std::string err = fs::path(store).parent_path() / "stderr.txt";
  std::string command = std::string(TEXTRA_EXECUTABLE) + " export --store " + store + " --format fec -o " + out +
                        " 2> " + err;
  EXPECT_EQ(run(command), 1) << command;
  std::string messages = *read_file(err);
  EXPECT_NE(messages.find("document 2 (b.pdf) not exported: totals_mismatch"), std::string::npos) << messages;
  std::string fec = *read_file(out);
  EXPECT_NE(fec.find("|FA-2024-0117|20240312|"), std::string::npos) << "the corrected number is exported";
  EXPECT_EQ(fec.find("FA-2|"), std::string::npos);

  EXPECT_EQ(run(std::string(TEXTRA_EXECUTABLE) + " export --store " + store + " --format fec --force -o " + out +
                " 2> " + err), 0);
  EXPECT_NE(read_file(out)->find("|FA-2|"), std::string::npos);
}

TEST(ExportCli, CsvColumnsComeInSchemaOrder) {
  std::string store = make_store("export_cli_csv");
  std::string out = fs::path(store).parent_path() / "documents.csv";
  ASSERT_EQ(run(std::string(TEXTRA_EXECUTABLE) + " export --store " + store + " --format csv --ids 1 -o " + out), 0);
  std::string csv = *read_file(out);
  // The stored JSON comes back with sorted keys; the export follows src/fields/schemas/invoice.schema.json.
  EXPECT_EQ(csv.rfind("id,file,status,schema,invoice_number,invoice_date,", 0), 0u) << csv;
  EXPECT_LT(csv.find("supplier.name"), csv.find("customer.name")) << csv;
}

// The same invoice stored twice (its PDF, then a photo): the copy is refused, or left out on request.
TEST(ExportCli, DuplicatesAreRefusedOrLeftOut) {
  std::string dir = testing::temp_dir("export_cli_duplicates") + "/store";
  {
    auto store = store::Store::open(dir);
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    auto original = (*store)->add_document("invoice pdf bytes", "a.pdf", "application/pdf");
    auto copy = (*store)->add_document("invoice photo bytes", "a.jpg", "image/jpeg");
    // Stored as extraction writes results (each field an object with its value), which the store's
    // duplicate keys are read from.
    json result = {{"schema", "invoice"},
                   {"fields", {{"invoice_number", {{"value", "FA-7"}}}, {"invoice_date", {{"value", "2024-03-12"}}},
                               {"supplier", {{"name", {{"value", "ATELIER DUVAL SARL"}}}}},
                               {"currency", {{"value", "EUR"}}}, {"total_ht", {{"value", 690}}},
                               {"total_tva", {{"value", 138}}}, {"total_ttc", {{"value", 828}}}}}};
    ASSERT_TRUE((*store)->save_result(original->document.id, result).is_ok());
    ASSERT_TRUE((*store)->save_result(copy->document.id, result).is_ok());
  }
  std::string out = fs::path(dir).parent_path() / "documents.csv";
  std::string err = fs::path(dir).parent_path() / "stderr.txt";
  std::string export_csv = std::string(TEXTRA_EXECUTABLE) + " export --store " + dir + " --format csv -o " + out;

  EXPECT_EQ(run(export_csv + " 2> " + err), 1);
  EXPECT_NE(read_file(err)->find("document 2 (a.jpg) not exported: duplicate of #1"), std::string::npos)
      << *read_file(err);

  ASSERT_EQ(run(export_csv + " --duplicates exclude 2> " + err), 0) << *read_file(err);
  std::string csv = *read_file(out);
  EXPECT_NE(csv.find("\n1,a.pdf,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("a.jpg"), std::string::npos) << csv;

  ASSERT_EQ(run(export_csv + " --duplicates only --force 2> " + err), 0) << *read_file(err);
  csv = *read_file(out);
  EXPECT_NE(csv.find("\n2,a.jpg,"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("a.pdf"), std::string::npos) << csv;

  EXPECT_EQ(run(export_csv + " --duplicates maybe 2>/dev/null"), 2);
}

TEST(ExportCli, BadArgumentsAreUsageErrors) {
  std::string store = make_store("export_cli_usage");
  std::string textra = TEXTRA_EXECUTABLE;
  EXPECT_EQ(run(textra + " export --store " + store + " --format xlsx 2>/dev/null"), 2);
  EXPECT_EQ(run(textra + " export --store " + store + " --format fec --accounts /nonexistent.json 2>/dev/null"), 2);
  EXPECT_EQ(run(textra + " export --store /nonexistent-store --format csv 2>/dev/null"), 1);
}

// The EN 16931 artefacts' XSD, when a copy is beside the checkout or named by TEXTRA_EN16931_DIR.
std::string cii_xsd() {
  const char* env = std::getenv("TEXTRA_EN16931_DIR");
  std::string root = env != nullptr ? env : testing::source_dir() + "/../ref/eInvoicing-EN16931";
  std::string xsd = root + "/cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd";
  return fs::exists(xsd) ? xsd : "";
}

TEST(ExportCli, CiiOfTheShippedSampleValidates) {
  std::string dir = testing::temp_dir("export_cii_sample");
  std::string textra = TEXTRA_EXECUTABLE;
  std::string result_path = dir + "/result.json";
  ASSERT_EQ(run(textra + " extract " + testing::source_dir() + "/samples/facture-fr.pdf -o " + result_path), 0);
  json result = json::parse(*read_file(result_path));
  auto store = store::Store::open(dir + "/store");
  ASSERT_TRUE(store.is_ok());
  auto added = (*store)->add_document(*read_file(testing::source_dir() + "/samples/facture-fr.pdf"), "facture-fr.pdf",
                                      "application/pdf");
  ASSERT_TRUE((*store)->save_result(added->document.id, result).is_ok());
  // What a reviewer does: the sample's expected values, and the buyer the extraction may have missed.
  json expected = json::parse(*read_file(testing::source_dir() + "/samples/facture-fr.expected.json"))["fields"];
  json corrections = {{"customer.name", "Client du modèle"}};
  for (const char* field : {"invoice_number", "invoice_date", "currency", "total_ht", "total_tva", "total_ttc"}) {
    corrections[field] = expected[field];
  }
  corrections["supplier.name"] = expected["supplier"]["name"];
  ASSERT_TRUE((*store)->save_corrections(added->document.id, corrections).is_ok());

  std::string xml_path = dir + "/sample.xml";
  std::string export_command = textra + " export --store " + dir + "/store --format cii --force -o " + xml_path;
  ASSERT_EQ(run(export_command), 0) << export_command;
  std::string xml = *read_file(xml_path);
  EXPECT_NE(xml.find("<ram:ID>FA-2024-0117</ram:ID>"), std::string::npos);
  EXPECT_NE(xml.find("<ram:GrandTotalAmount>828.00</ram:GrandTotalAmount>"), std::string::npos);

  std::string xsd = cii_xsd();
  if (xsd.empty()) {
    // Without the artefacts (CI's fresh clone) the structure checks of exports_test are what stands.
    std::cout << "[ NOTE ] EN 16931 XSD not found (TEXTRA_EN16931_DIR): xmllint validation not run\n";
    return;
  }
  std::string command = "xmllint --noout --schema '" + xsd + "' " + xml_path + " 2> " + dir + "/xmllint.txt";
  EXPECT_EQ(run(command), 0) << *read_file(dir + "/xmllint.txt");
}

// `textra extract --schema FILE` with a user's schema (tests/fields/data/ma_facture.json: facture_no, fournisseur,
// montant_total, ...), its result stored and corrected under those names, then `textra export`.
TEST(ExportCli, UserSchemaGoesFromExtractToExportUnderItsOwnNames) {
  std::string dir = testing::temp_dir("export_user_schema");
  std::string textra = TEXTRA_EXECUTABLE;
  std::string result_path = dir + "/result.json";
  std::string pdf = testing::source_dir() + "/samples/facture-fr.pdf";
  ASSERT_EQ(run(textra + " extract --schema " + testing::source_dir() + "/tests/fields/data/ma_facture.json " + pdf +
                " -o " + result_path), 0);
  json result = json::parse(*read_file(result_path));
  EXPECT_EQ(result["fields"]["montant_total"]["value"], 828.0);
  auto store = store::Store::open(dir + "/store");
  ASSERT_TRUE(store.is_ok());
  auto added = (*store)->add_document(*read_file(pdf), "facture-fr.pdf", "application/pdf");
  ASSERT_TRUE((*store)->save_result(added->document.id, result).is_ok());
  EXPECT_EQ((*store)->document(added->document.id)->supplier, "ATELIER DUVAL SARL") << "summary by role";
  ASSERT_TRUE((*store)->save_corrections(added->document.id, {{"facture_no", "FA-2024-0999"}}).is_ok());

  std::string csv_path = dir + "/documents.csv";
  ASSERT_EQ(run(textra + " export --store " + dir + "/store --format csv -o " + csv_path), 0);
  std::string csv = *read_file(csv_path);
  std::string header = csv.substr(0, csv.find('\n'));
  EXPECT_NE(header.find(",facture_no,"), std::string::npos) << header;
  EXPECT_NE(header.find(",montant_total,"), std::string::npos) << header;
  EXPECT_EQ(header.find("total_ttc"), std::string::npos) << header;
  EXPECT_NE(csv.find("FA-2024-0999"), std::string::npos) << csv;

  std::string fec_path = dir + "/fec.txt";
  ASSERT_EQ(run(textra + " export --store " + dir + "/store --format fec -o " + fec_path), 0);
  EXPECT_NE(read_file(fec_path)->find("|FA-2024-0999|20240312|"), std::string::npos);
}

}  // namespace
}  // namespace textra::exports
