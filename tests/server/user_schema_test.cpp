// A user's schema whose fields are named unlike the invoice's (tests/fields/data/ma_facture.json: facture_no,
// fournisseur, montant_total, lignes, with their roles) through a real `textra serve`: stored, extracted
// with, listed, corrected and exported, its own names kept everywhere (CONTRACTS.md).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "base/files.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

TEST(UserSchema, IsExtractedListedCorrectedAndExportedUnderItsOwnNames) {
  ServeProcess serve(temp_dir("user-schema"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  client.set_read_timeout(120, 0);

  auto schema = read_file(source_dir() + "/tests/fields/data/ma_facture.json");
  ASSERT_TRUE(schema.is_ok());
  auto put = client.Put("/v1/schemas/ma_facture", *schema, "application/json");
  ASSERT_TRUE(put);
  ASSERT_EQ(put->status, 200) << put->body;

  auto pdf = read_file(source_dir() + "/samples/facture-fr.pdf");
  ASSERT_TRUE(pdf.is_ok());
  httplib::MultipartFormDataItems form = {{"file", *pdf, "facture-fr.pdf", "application/pdf"},
                                          {"schema", "ma_facture", "", ""}};
  auto extracted = client.Post("/v1/extract", form);
  ASSERT_TRUE(extracted);
  ASSERT_EQ(extracted->status, 200) << extracted->body;
  json result = json::parse(extracted->body);
  EXPECT_EQ(result["schema"], "ma_facture");
  EXPECT_EQ(result["fields"]["montant_total"]["value"], 828.0);
  EXPECT_EQ(result["fields"]["fournisseur"]["value"], "ATELIER DUVAL SARL");
  EXPECT_EQ(result["fields"]["lignes"].size(), 3u);
  EXPECT_FALSE(result["fields"].contains("total_ttc"));
  std::string id = std::to_string(result["document_id"].get<std::int64_t>());

  // The list's summary comes from the roles: supplier and total of the fields named otherwise.
  json list = json::parse(client.Get("/v1/documents")->body);
  ASSERT_EQ(list["documents"].size(), 1u);
  EXPECT_EQ(list["documents"][0]["supplier"], "ATELIER DUVAL SARL");
  EXPECT_EQ(list["documents"][0]["total_ttc"], 828.0);
  EXPECT_EQ(list["documents"][0]["invoice_date"], "2024-03-12");

  // Corrections use the schema's names and are checked against its types.
  const std::string fields = "/v1/documents/" + id + "/fields";
  EXPECT_EQ(client.Put(fields, R"({"total_ttc": 1})", "application/json")->status, 400);
  EXPECT_EQ(client.Put(fields, R"({"montant_total": "beaucoup"})", "application/json")->status, 400);
  auto corrected = client.Put(fields, R"({"facture_no": "FA-2024-0999", "fournisseur": "DUVAL SARL"})",
                              "application/json");
  ASSERT_TRUE(corrected);
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  list = json::parse(client.Get("/v1/documents?supplier=duval")->body);
  ASSERT_EQ(list["documents"].size(), 1u);
  EXPECT_EQ(list["documents"][0]["supplier"], "DUVAL SARL");
  EXPECT_EQ(list["documents"][0]["status"], "reviewed");

  auto csv = client.Get("/v1/export?format=csv");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_NE(csv->body.find("facture_no"), std::string::npos) << csv->body;
  EXPECT_NE(csv->body.find("montant_total"), std::string::npos) << csv->body;
  EXPECT_NE(csv->body.find("FA-2024-0999"), std::string::npos) << csv->body;
  EXPECT_NE(csv->body.find("DUVAL SARL"), std::string::npos) << csv->body;

  // FEC and CII take their values from the roles.
  auto fec = client.Get("/v1/export?format=fec");
  ASSERT_TRUE(fec);
  ASSERT_EQ(fec->status, 200) << fec->body;
  EXPECT_NE(fec->body.find("|FA-2024-0999|20240312|"), std::string::npos) << fec->body;
  EXPECT_NE(fec->body.find("828,00"), std::string::npos) << fec->body;
  auto cii = client.Get("/v1/export?format=cii");
  ASSERT_TRUE(cii);
  ASSERT_EQ(cii->status, 200) << cii->body;
  EXPECT_NE(cii->body.find("<ram:ID>FA-2024-0999</ram:ID>"), std::string::npos) << cii->body;
  EXPECT_NE(cii->body.find("<ram:GrandTotalAmount>828.00</ram:GrandTotalAmount>"), std::string::npos);
}

}  // namespace
}  // namespace textra::testing
