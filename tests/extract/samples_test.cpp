// The shipped samples give the fields written by hand in samples/*.expected.json, from every form of
// the document (the PDF's text layer, the PNG through OCR, a scan): the same values, all right.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "fields/eval.h"
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
    fields::EvalReport report = fields::evaluate(*schema, {truth}, {*predicted});
    for (const fields::FieldScore& score : report.fields) {
      EXPECT_EQ(score.exact, score.documents) << file << ": " << score.path << " predicted "
                                              << predicted->values.dump() << "\nexpected " << expected["fields"].dump();
    }
  }
}

TEST(Samples, InvoiceFromThePdfAndThePngGiveTheExpectedFields) { check_sample("facture-fr"); }

TEST(Samples, ReceiptFromEveryFormGivesTheExpectedFields) { check_sample("receipt-en"); }

}  // namespace
}  // namespace textra::extract
