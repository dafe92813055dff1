// Normalisation and validation against every hand-made ground truth file in ../shared/data/invoices-fr/gt:
// each raw (printed) value must normalise to the value the ground truth gives, and the validator must
// flag exactly the invoices whose totals do not add up on paper.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/files.h"
#include "fields/field_value.h"
#include "fields/validate.h"
#include "test_support.h"

namespace textra::fields {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> gt_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(testing::shared_dir() + "/data/invoices-fr/gt")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Json read_json(const fs::path& path) {
  auto text = read_file(path.string());
  EXPECT_TRUE(text.is_ok());
  return Json::parse(*text);
}

TEST(GroundTruth, RawValuesNormaliseToTheGroundTruthValues) {
  TEXTRA_REQUIRE_SHARED();
  auto schema = builtin_schema("invoice");
  int checked = 0;
  for (const fs::path& file : gt_files()) {
    Json gt = read_json(file);
    NormalizeOptions options = normalize_options_for_language(gt.value("language", "fr"));
    const Json& raw = gt["raw"];
    const Json& fields = gt["fields"];
    for (const char* path : {"invoice_number", "invoice_date", "due_date", "currency", "total_ht", "total_tva",
                             "total_ttc", "amount_due", "supplier.vat_id"}) {
      std::string p = path;
      std::replace(p.begin(), p.end(), '.', '/');
      const Json& printed = raw[Json::json_pointer("/" + p)];
      const Json& expected = fields[Json::json_pointer("/" + p)];
      if (printed.is_null()) continue;
      auto value = normalize_printed(*schema->find(path), printed.get<std::string>(), options);
      ASSERT_TRUE(value.is_ok()) << file.filename() << " " << path << ": " << value.status().message();
      if (std::string(path) == "invoice_number") {
        // The ground truth keeps a space between a number and a letter suffix ("20604016 FY"); ids
        // compare without white space (CONTRACTS.md), which is what we write.
        EXPECT_EQ(comparison_key(*schema->find(path), *value), comparison_key(*schema->find(path), expected))
            << file.filename() << " " << path;
      } else if (expected.is_number()) {
        EXPECT_NEAR(value->get<double>(), expected.get<double>(), 1e-9) << file.filename() << " " << path;
      } else {
        EXPECT_EQ(*value, expected) << file.filename() << " " << path << " printed " << printed;
      }
      ++checked;
    }
    for (const auto& [key, printed] : raw["supplier"]["other_ids"].items()) {
      EXPECT_EQ(normalize_company_id(key, printed.get<std::string>()), fields["supplier"]["other_ids"][key])
          << file.filename() << " " << key;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

TEST(GroundTruth, TotalsMismatchOnlyWhereThePageDisagrees) {
  TEXTRA_REQUIRE_SHARED();
  auto schema = builtin_schema("invoice");
  std::vector<std::string> flagged;
  for (const fs::path& file : gt_files()) {
    Json gt = read_json(file);
    auto extraction = extraction_from_json(Json{{"fields", gt["fields"]}});
    ASSERT_TRUE(extraction.is_ok()) << file.filename();
    for (const Warning& w : validate(*schema, extraction->fields, {.today = {2024, 1, 1}})) {
      EXPECT_NE(w.code, "invalid_value") << file.filename() << ": " << w.message;
      EXPECT_NE(w.code, "date_implausible") << file.filename() << ": " << w.message;
      if (w.code == "totals_mismatch") flagged.push_back(file.stem().string());
    }
  }
  // The data README: total_ht + total_tva == total_ttc except on 9 (untaxed disbursements).
  EXPECT_EQ(flagged, std::vector<std::string>{"9"});
}

}  // namespace
}  // namespace textra::fields
