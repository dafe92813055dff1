// Field-level evaluation (`textra eval`): predictions against ground truth, per field precision, recall,
// F1 and exact match after normalisation. Definitions in docs/accuracy.md "How we score".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "fields/schema.h"

namespace textra::fields {

// One document's values, shaped like the schema (plain values, as in plain_values()).
struct LabelledDocument {
  std::string id;  // file stem: "000" for sroie/key/000.json, "170" for "file": "170.jpg"
  Json values;
};

enum class DocumentFormat { kUnknown, kTextraGroundTruth, kResult, kSroieKey };

// Reads one JSON value as values: our ground truth ({"file", "fields", "raw", ...}), our result JSON
// ({"file", "fields": {leaf objects}}) or a SROIE-key-shaped object ({"company": ..., "total": ...}).
// `fallback_id` names it when it has no "file".
Result<LabelledDocument> read_labelled(const Json& json, const std::string& fallback_id, DocumentFormat* format = nullptr);
// Every *.json in a directory, or one file holding one object, an array of objects, or JSON lines.
Result<std::vector<LabelledDocument>> read_labelled_path(const std::string& path, DocumentFormat* format = nullptr);

struct FieldScore {
  std::string path;  // "total", "supplier.name", "supplier.other_ids.ICE", "line_items[].amount"
  int true_positives = 0, false_positives = 0, false_negatives = 0, true_negatives = 0;
  int exact = 0, documents = 0;
  std::optional<double> precision, recall, f1;  // nullopt where the ratio is 0/0
  double exact_match = 0;
};

struct EvalReport {
  std::string schema;
  int documents = 0;                // ground-truth documents scored
  int missing_predictions = 0;      // of those, how many had no prediction (scored as all null)
  int unmatched_predictions = 0;    // predictions with no ground truth (ignored)
  std::vector<FieldScore> fields;
  std::optional<double> mean_f1;    // over fields whose F1 is defined
  double mean_exact_match = 0;      // over all fields
};

// Scores predictions against ground truth by document id. `only_ids`, when given, restricts the ground
// truth to those ids (e.g. the test split).
EvalReport evaluate(const Schema& schema, const std::vector<LabelledDocument>& ground_truth,
                    const std::vector<LabelledDocument>& predictions,
                    const std::optional<std::vector<std::string>>& only_ids = std::nullopt);

Json to_json(const EvalReport& report);
std::string to_table(const EvalReport& report);

}  // namespace textra::fields
