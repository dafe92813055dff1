#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

#include "base/files.h"
#include "extract/ner_engine.h"
#include "fields/normalize.h"
#include "imaging/decode.h"
#include "ner/sroie.h"
#include "page_builder.h"
#include "test_support.h"

namespace textra::extract {
namespace {

TEST(NerEngine, ShippedModelsAreFoundFromTheSourceTree) {
  for (const char* schema : {"invoice", "receipt"}) {
    auto path = default_ner_model(*fields::builtin_schema(schema));
    ASSERT_TRUE(path.is_ok()) << path.status().message();
    EXPECT_TRUE(NerEngine::load(*path).is_ok());
  }
  auto missing = default_ner_model(*fields::schema_from_field_list("po_number:string"));
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("--ner-model"), std::string::npos);
}

// A SROIE test-split receipt (never seen by the shipped model): the fields and their provenance.
TEST(NerEngine, ExtractsAHeldOutSroieReceipt) {
  TEXTRA_REQUIRE_SHARED();
  const std::string dir = textra::testing::shared_dir() + "/data/sroie";
  auto d = ner::load_sroie_document(dir, "006");
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  auto engine = NerEngine::load(*default_ner_model(*fields::builtin_schema("receipt")));
  ASSERT_TRUE(engine.is_ok());
  auto schema = fields::builtin_schema("receipt");
  doc::Document document{"006.csv", "text/csv", {d->page}};
  auto result = (*engine)->extract(document, *schema);
  ASSERT_TRUE(result.is_ok()) << result.status().message();
  EXPECT_EQ(result->engine.name, "ner");
  int correct = 0;
  for (const char* field : {"company", "date", "address", "total"}) {
    const fields::FieldNode* node = result->fields.at(field);
    ASSERT_NE(node, nullptr);
    if (node->value.value.is_null()) continue;
    ASSERT_TRUE(node->value.source.has_value());
    EXPECT_FALSE(node->value.source->words.empty()) << field;
    EXPECT_EQ(node->value.source->page, 1);
    const std::string key = d->key.at(field);
    bool same = field == std::string("total") ? fields::parse_amount(key)->value == node->value.value.get<double>()
              : field == std::string("date")  ? fields::parse_date(key)->iso() == node->value.value.get<std::string>()
                                              : fields::text_key(key) == fields::text_key(node->value.value.get<std::string>());
    correct += same;
  }
  EXPECT_GE(correct, 3) << fields::to_json(*result).dump(2);
}

// The CLI end to end: two receipts to CSV on stdout (one header, one row each), and -o DIR.
// An item row whose cells add up with a VAT rate (1 400 + 280 = 1 680, 20 %) is no set of totals: the
// labelled total under the table is the invoice's, and the row stays an item.
TEST(NerEngine, AnItemRowIsNoSetOfTotals) {
  auto engine = NerEngine::load(*default_ner_model(*fields::builtin_schema("invoice")));
  ASSERT_TRUE(engine.is_ok());
  doc::Document d = testing::one_page({
      testing::row(300, {{100, "Facture N° 2/202212/100726"}}),
      testing::row(500, {{100, "Désignation"}, {800, "Qté"}, {950, "P.U. HT"}, {1150, "TVA"}, {1300, "Montant TTC"}}),
      testing::row(540, {{100, "FRAIS ANNEXE"}, {820, "2,00"}, {940, "1 400,00"}, {1150, "280,00"}, {1370, "1 680,00"}}),
      testing::row(580, {{100, "FRAIS IMMATRICULATION"}, {820, "2,00"}, {940, "8 110,00"}, {1160, "0,00"}, {1370, "8 110,00"}}),
      testing::row(700, {{930, "TOTAL TTC"}, {1150, "10 400,00 DH"}}),
  });
  auto result = (*engine)->extract(d, *fields::builtin_schema("invoice"));
  ASSERT_TRUE(result.is_ok()) << result.status().message();
  fields::Json values = fields::plain_values(result->fields);
  EXPECT_EQ(values["total_ttc"], 10400.0) << values.dump();
  EXPECT_TRUE(values["total_ht"].is_null()) << values.dump();
  ASSERT_EQ(values["line_items"].size(), 2u);
  EXPECT_EQ(values["line_items"][0]["amount"], 1680.0);
}

TEST(ExtractCli, CsvAndOutputDirectory) {
  TEXTRA_REQUIRE_SHARED();
  const std::string box = textra::testing::shared_dir() + "/data/sroie/box/";
  const std::string textra = TEXTRA_EXECUTABLE;
  const std::string out = textra::testing::temp_dir("extract_cli");
  std::string cmd = textra + " extract --schema receipt -f csv " + box + "006.csv " + box + "020.csv > " + out + "/r.csv";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  auto csv = read_file(out + "/r.csv");
  ASSERT_TRUE(csv.is_ok());
  EXPECT_EQ(csv->rfind("file,company,date,address,total\n", 0), 0u) << *csv;
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 3);
  // The same stem twice gets "-2" rather than overwriting the first output.
  cmd = textra + " extract --schema receipt -o " + out + "/dir " + box + "006.csv " + box + "020.csv " + box + "006.csv";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  EXPECT_TRUE(std::filesystem::exists(out + "/dir/006.json"));
  EXPECT_TRUE(std::filesystem::exists(out + "/dir/020.json"));
  EXPECT_TRUE(std::filesystem::exists(out + "/dir/006-2.json"));
  // A box CSV is read, not recognised: an extraction time and no OCR time.
  auto timings = nlohmann::json::parse(read_file(out + "/dir/006.json").value())["timings_ms"];
  EXPECT_TRUE(timings["extract"].is_number()) << timings;
  EXPECT_FALSE(timings.contains("ocr")) << timings;
  cmd = textra + " extract --ner-model " + out + "/r.csv " + box + "006.csv 2>/dev/null";
  EXPECT_NE(std::system(cmd.c_str()), 0);  // not a model file
}

// The shipped sample invoice (a PDF with a text layer) end to end, with --annotate writing the page with
// the fields' boxes in the page's own pixel frame (300 dpi A4).
TEST(ExtractCli, AnnotatesTheShippedSample) {
  const std::string textra = TEXTRA_EXECUTABLE;
  const std::string out = textra::testing::temp_dir("extract_annotate");
  const std::string sample = textra::testing::source_dir() + "/samples/facture-fr.pdf";
  std::string cmd = textra + " extract " + sample + " --annotate " + out + " -o " + out + "/r.json";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  auto result = nlohmann::json::parse(read_file(out + "/r.json").value());
  EXPECT_EQ(result["fields"]["total_ttc"]["value"], 828.0);
  // Stages as the server reports them: reading the file (here its text layer), then the extraction.
  EXPECT_TRUE(result["timings_ms"]["ocr"].is_number()) << result["timings_ms"];
  EXPECT_TRUE(result["timings_ms"]["extract"].is_number()) << result["timings_ms"];
  auto png = read_file(out + "/facture-fr-p1.png");
  ASSERT_TRUE(png.is_ok());
  auto image = imaging::decode_image(std::span<const std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(png->data()), png->size()));
  ASSERT_TRUE(image.is_ok()) << image.status().message();
  EXPECT_NEAR((*image)[0].width(), 2480, 2);
  EXPECT_EQ((*image)[0].depth(), 32);  // boxes are drawn in colour on the gray page
}

}  // namespace
}  // namespace textra::extract
