// The shipped samples give the fields written by hand in samples/*.expected.json, from every form of
// the document (the PDF's text layer, the PNG through OCR, a scan): the same values, all right. Text read
// by OCR is compared without accents ("Piéces" for "Pièces" is the OCR's error, not the extraction's).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "fields/eval.h"
#include "ner/word_match.h"
#include "test_support.h"

namespace textra::extract {
namespace {

namespace fs = std::filesystem;
using fields::Json;

// The prediction's values for the keys the expectation has (objects), arrays and leaves whole.
Json projected(const Json& values, const Json& expected) {
  if (!expected.is_object() || !values.is_object()) return values;
  Json out = Json::object();
  for (const auto& [key, want] : expected.items()) out[key] = projected(values.value(key, Json()), want);
  return out;
}

// Every string as its match text: upper case, accents and punctuation dropped.
Json accent_free(const Json& values) {
  if (values.is_string()) return ner::match_text(values.get<std::string>());
  if (!values.is_structured()) return values;
  Json out = values;
  for (auto& [key, value] : out.items()) value = accent_free(value);
  return out;
}

bool read_by_ocr(const std::string& file) { return !file.ends_with(".pdf"); }

void check_sample(const std::string& name) {
  const fs::path samples = fs::path(textra::testing::source_dir()) / "samples";
  const Json expected = Json::parse(read_file((samples / (name + ".expected.json")).string()).value());
  auto schema = fields::builtin_schema(expected["schema"].get<std::string>());
  ASSERT_TRUE(schema.is_ok());
  const std::string out = textra::testing::temp_dir("samples_" + name);
  for (const Json& document : expected["documents"]) {
    const std::string file = document.get<std::string>();
    const std::string result_path = out + "/" + file + ".json";
    std::string cmd = std::string(TEXTRA_EXECUTABLE) + " extract " + (samples / file).string() + " -o " + result_path;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    Json result = Json::parse(read_file(result_path).value());
    EXPECT_EQ(result["schema"], expected["schema"]) << file << ": the detected type chose another schema";
    auto predicted = fields::read_labelled(result, file);
    ASSERT_TRUE(predicted.is_ok()) << predicted.status().message();
    fields::LabelledDocument truth{predicted->id, expected["fields"]};
    predicted->values = projected(predicted->values, expected["fields"]);
    if (read_by_ocr(file)) {
      truth.values = accent_free(truth.values);
      predicted->values = accent_free(predicted->values);
    }
    fields::EvalReport report = fields::evaluate(*schema, {truth}, {*predicted});
    for (const fields::FieldScore& score : report.fields) {
      EXPECT_EQ(score.exact, score.documents) << file << ": " << score.path << " predicted "
                                              << predicted->values.dump() << "\nexpected " << expected["fields"].dump();
    }
  }
}

TEST(Samples, InvoiceFromThePdfAndThePngGiveTheExpectedFields) { check_sample("facture-fr"); }

// The receipt's forms are detected as receipts (its fields are the receipt model's business).
TEST(Samples, ReceiptFromEveryFormIsExtractedAsAReceipt) {
  const fs::path samples = fs::path(textra::testing::source_dir()) / "samples";
  const Json expected = Json::parse(read_file((samples / "receipt-en.expected.json").string()).value());
  const std::string out = textra::testing::temp_dir("samples_receipt");
  for (const Json& document : expected["documents"]) {
    const std::string file = document.get<std::string>();
    const std::string result_path = out + "/" + file + ".json";
    std::string cmd = std::string(TEXTRA_EXECUTABLE) + " extract " + (samples / file).string() + " -o " + result_path;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    Json result = Json::parse(read_file(result_path).value());
    EXPECT_EQ(result["schema"], "receipt") << file;
    EXPECT_EQ(result["document_type"]["type"], "receipt") << file;
  }
}

}  // namespace
}  // namespace textra::extract
