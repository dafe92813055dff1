// `textra eval` acceptance on the SROIE keys: a perfect prediction scores F1 = 1 and shuffled predictions
// score low, through the library and through the textra executable with our result JSON as predictions.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "base/files.h"
#include "fields/eval.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "test_support.h"

namespace textra::fields {
namespace {

std::vector<LabelledDocument> sroie_keys() {
  auto keys = read_labelled_path(testing::shared_dir() + "/data/sroie/key");
  EXPECT_TRUE(keys.is_ok()) << keys.status().message();
  return keys.is_ok() ? *keys : std::vector<LabelledDocument>{};
}

TEST(EvalSroie, PerfectPredictionScoresOne) {
  TEXTRA_REQUIRE_SHARED();
  std::vector<LabelledDocument> keys = sroie_keys();
  ASSERT_EQ(keys.size(), 626u);
  EvalReport r = evaluate(*builtin_schema("receipt"), keys, keys);
  ASSERT_EQ(r.fields.size(), 4u);
  for (const FieldScore& s : r.fields) EXPECT_DOUBLE_EQ(*s.f1, 1.0) << s.path;
  EXPECT_DOUBLE_EQ(*r.mean_f1, 1.0);
}

TEST(EvalSroie, ShuffledPredictionScoresLow) {
  TEXTRA_REQUIRE_SHARED();
  std::vector<LabelledDocument> keys = sroie_keys();
  std::vector<LabelledDocument> shuffled = keys;
  // Every document gets the values of the document 7 places on (a fixed derangement).
  for (std::size_t i = 0; i < keys.size(); ++i) shuffled[i].values = keys[(i + 7) % keys.size()].values;
  EvalReport r = evaluate(*builtin_schema("receipt"), keys, shuffled);
  for (const FieldScore& s : r.fields) EXPECT_LT(*s.f1, 0.3) << s.path;
  EXPECT_LT(*r.mean_f1, 0.15);
}

TEST(EvalSroie, CommandLineWithResultJsonPredictions) {
  TEXTRA_REQUIRE_SHARED();
  auto schema = builtin_schema("receipt");
  std::vector<LabelledDocument> keys = sroie_keys();
  // Predictions as `textra extract` writes them (JSON lines), built from the keys' printed values.
  std::string jsonl;
  for (const LabelledDocument& key : keys) {
    Extraction e = new_extraction(*schema, "img/" + key.id + ".jpg", {"test", "keys", "0"});
    for (const char* name : {"company", "date", "address", "total"}) {
      std::string printed = key.values.value(name, "");
      auto value = normalize_printed(*schema->find(name), printed);
      *e.fields.at(name) = FieldNode::leaf({value.is_ok() ? *value : Json(nullptr), printed, 1.0, std::nullopt});
    }
    jsonl += to_json(e).dump() + "\n";
  }
  std::string dir = testing::temp_dir("eval_cli");
  ASSERT_TRUE(write_file(dir + "/pred.jsonl", jsonl).is_ok());
  std::string command = std::string(TEXTRA_EXECUTABLE) + " eval --json --gt " + testing::shared_dir() +
                        "/data/sroie/key --pred " + dir + "/pred.jsonl --ids " + testing::shared_dir() +
                        "/data/sroie/split.json:test > " + dir + "/report.json";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  Json report = Json::parse(*read_file(dir + "/report.json"));
  EXPECT_EQ(report["schema"], "receipt");
  EXPECT_EQ(report["documents"], 125);
  EXPECT_EQ(report["unmatched_predictions"], 501);
  EXPECT_EQ(report["mean_f1"], 1.0);
}

}  // namespace
}  // namespace textra::fields
