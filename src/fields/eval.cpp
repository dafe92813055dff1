#include "fields/eval.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "base/files.h"
#include "base/json_path.h"
#include "fields/field_value.h"
#include "fields/result.h"

namespace textra::fields {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

// The value at a dotted path of plain values; null when any step is missing.
const Json& value_at(const Json& values, std::string_view path) {
  static const Json kNull;
  const Json* node = json_at_path(values, path);
  return node != nullptr ? *node : kNull;
}

// Counts one document's comparison into a field's score.
void count_scalar(FieldScore& score, const std::string& truth, const std::string& predicted) {
  ++score.documents;
  if (truth == predicted) ++score.exact;
  if (truth.empty() && predicted.empty()) {
    ++score.true_negatives;
  } else if (truth.empty()) {
    ++score.false_positives;
  } else if (predicted.empty()) {
    ++score.false_negatives;
  } else if (truth == predicted) {
    ++score.true_positives;
  } else {
    ++score.false_positives;
    ++score.false_negatives;
  }
}

// Array columns ("line_items[].amount") compare as multisets of the non-null values of all rows.
std::multiset<std::string> column_keys(const FieldSpec& spec, const Json& array, const std::string& column) {
  std::multiset<std::string> keys;
  if (!array.is_array()) return keys;
  for (const Json& row : array) {
    std::string key = comparison_key(spec, column.empty() ? row : value_at(row, column));
    if (!key.empty()) keys.insert(key);
  }
  return keys;
}

void count_column(FieldScore& score, const std::multiset<std::string>& truth, const std::multiset<std::string>& predicted) {
  ++score.documents;
  if (truth == predicted) ++score.exact;
  std::vector<std::string> common;
  std::set_intersection(truth.begin(), truth.end(), predicted.begin(), predicted.end(), std::back_inserter(common));
  int tp = static_cast<int>(common.size());
  score.true_positives += tp;
  score.false_positives += static_cast<int>(predicted.size()) - tp;
  score.false_negatives += static_cast<int>(truth.size()) - tp;
  if (truth.empty() && predicted.empty()) ++score.true_negatives;
}

void finish(FieldScore& s) {
  int predicted = s.true_positives + s.false_positives;
  int actual = s.true_positives + s.false_negatives;
  if (predicted > 0) s.precision = double(s.true_positives) / predicted;
  if (actual > 0) s.recall = double(s.true_positives) / actual;
  if (s.precision && s.recall) {
    s.f1 = (*s.precision + *s.recall) > 0 ? 2 * *s.precision * *s.recall / (*s.precision + *s.recall) : 0.0;
  } else if (s.precision || s.recall) {
    s.f1 = 0.0;  // values on one side only: nothing right
  }
  s.exact_match = s.documents > 0 ? double(s.exact) / s.documents : 0.0;
}

struct Pair {
  const Json* truth;
  const Json* predicted;  // nullptr: no prediction for this document
};

// Keys of an open-key object ("supplier.other_ids") seen on either side, sorted.
std::vector<std::string> open_keys(const std::vector<Pair>& pairs, const std::string& object_path) {
  std::set<std::string> keys;
  static const Json kEmpty = Json::object();
  for (const Pair& p : pairs) {
    for (const Json* side : {p.truth, p.predicted ? p.predicted : &kEmpty}) {
      const Json& object = value_at(*side, object_path);
      if (object.is_object()) {
        for (const auto& [key, unused] : object.items()) keys.insert(key);
      }
    }
  }
  return {keys.begin(), keys.end()};
}

std::string id_of(const std::string& file) { return fs::path(file).stem().string(); }

std::string format_ratio(const std::optional<double>& v) {
  if (!v) return "  n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", *v);
  return buf;
}

}  // namespace

Result<LabelledDocument> read_labelled(const Json& j, const std::string& fallback_id, DocumentFormat* format) {
  if (!j.is_object()) return invalid_argument(fallback_id + ": expected a JSON object");
  LabelledDocument doc;
  doc.id = j.contains("file") && j["file"].is_string() ? id_of(j["file"].get<std::string>()) : fallback_id;
  if (j.contains("fields")) {
    Result<Extraction> extraction = extraction_from_json(j);
    if (!extraction) return extraction.status().with_context(fallback_id);
    doc.values = plain_values(extraction->fields);
    if (format) *format = j.contains("raw") ? DocumentFormat::kTextraGroundTruth : DocumentFormat::kResult;
  } else {
    doc.values = j;
    if (format) *format = DocumentFormat::kSroieKey;
  }
  return doc;
}

Result<std::vector<LabelledDocument>> read_labelled_path(const std::string& path, DocumentFormat* format) {
  std::vector<LabelledDocument> docs;
  auto add = [&](const Json& j, const std::string& fallback_id) -> Status {
    Result<LabelledDocument> doc = read_labelled(j, fallback_id, format);
    if (!doc) return doc.status();
    docs.push_back(std::move(*doc));
    return Status::ok();
  };
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(file.string(), kMaxInputBytes));
      Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded()) return invalid_argument(file.string() + ": not valid JSON");
      TEXTRA_RETURN_IF_ERROR(add(j, file.stem().string()).with_context(file.string()));
    }
    if (files.empty()) return not_found(path + ": no .json files");
    return docs;
  }
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, kMaxInputBytes));
  const std::string stem = fs::path(path).stem().string();
  Json whole = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (std::size_t i = 0; i < whole.size(); ++i) {
        TEXTRA_RETURN_IF_ERROR(add(whole[i], stem + "#" + std::to_string(i)).with_context(path));
      }
    } else {
      TEXTRA_RETURN_IF_ERROR(add(whole, stem).with_context(path));
    }
    return docs;
  }
  // JSON lines: one document per non-empty line.
  std::istringstream lines(text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return invalid_argument(path + ":" + std::to_string(n) + ": not valid JSON");
    TEXTRA_RETURN_IF_ERROR(add(j, stem + "#" + std::to_string(n)).with_context(path + ":" + std::to_string(n)));
  }
  return docs;
}

EvalReport evaluate(const Schema& schema, const std::vector<LabelledDocument>& ground_truth,
                    const std::vector<LabelledDocument>& predictions,
                    const std::optional<std::vector<std::string>>& only_ids) {
  EvalReport report;
  report.schema = schema.name;
  std::map<std::string, const Json*> predicted_by_id;
  for (const LabelledDocument& p : predictions) predicted_by_id[p.id] = &p.values;

  std::vector<Pair> pairs;
  std::set<std::string> scored_ids;
  for (const LabelledDocument& t : ground_truth) {
    if (only_ids && std::find(only_ids->begin(), only_ids->end(), t.id) == only_ids->end()) continue;
    auto it = predicted_by_id.find(t.id);
    pairs.push_back({&t.values, it == predicted_by_id.end() ? nullptr : it->second});
    if (it == predicted_by_id.end()) ++report.missing_predictions;
    scored_ids.insert(t.id);
  }
  for (const auto& [id, unused] : predicted_by_id) {
    if (!scored_ids.count(id)) ++report.unmatched_predictions;
  }
  report.documents = static_cast<int>(pairs.size());

  static const Json kNoPrediction = Json::object();
  for (const LeafPath& leaf : leaf_paths(schema)) {
    std::size_t array_mark = leaf.path.find("[]");
    std::size_t open_mark = leaf.path.find(".*");
    if (array_mark != std::string::npos) {
      std::string array_path = leaf.path.substr(0, array_mark);
      std::string column = leaf.path.size() > array_mark + 3 ? leaf.path.substr(array_mark + 3) : "";
      FieldScore score;
      score.path = leaf.path;
      for (const Pair& p : pairs) {
        const Json& predicted = p.predicted ? *p.predicted : kNoPrediction;
        count_column(score, column_keys(*leaf.spec, value_at(*p.truth, array_path), column),
                     column_keys(*leaf.spec, value_at(predicted, array_path), column));
      }
      report.fields.push_back(score);
      continue;
    }
    std::vector<std::string> paths{leaf.path};
    if (open_mark != std::string::npos) {
      std::string object_path = leaf.path.substr(0, open_mark);
      paths.clear();
      for (const std::string& key : open_keys(pairs, object_path)) paths.push_back(object_path + "." + key);
    }
    for (const std::string& path : paths) {
      FieldScore score;
      score.path = path;
      for (const Pair& p : pairs) {
        const Json& predicted = p.predicted ? *p.predicted : kNoPrediction;
        count_scalar(score, comparison_key(*leaf.spec, value_at(*p.truth, path)),
                     comparison_key(*leaf.spec, value_at(predicted, path)));
      }
      report.fields.push_back(score);
    }
  }

  double f1_sum = 0, exact_sum = 0;
  int f1_count = 0;
  for (FieldScore& score : report.fields) {
    finish(score);
    exact_sum += score.exact_match;
    if (score.f1) {
      f1_sum += *score.f1;
      ++f1_count;
    }
  }
  if (f1_count > 0) report.mean_f1 = f1_sum / f1_count;
  if (!report.fields.empty()) report.mean_exact_match = exact_sum / static_cast<double>(report.fields.size());
  return report;
}

Json to_json(const EvalReport& report) {
  auto ratio = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  Json fields = Json::array();
  for (const FieldScore& s : report.fields) {
    fields.push_back({{"field", s.path}, {"precision", ratio(s.precision)}, {"recall", ratio(s.recall)},
                      {"f1", ratio(s.f1)}, {"exact_match", s.exact_match}, {"true_positives", s.true_positives},
                      {"false_positives", s.false_positives}, {"false_negatives", s.false_negatives},
                      {"true_negatives", s.true_negatives}, {"documents", s.documents}});
  }
  return Json{{"schema", report.schema},
              {"documents", report.documents},
              {"missing_predictions", report.missing_predictions},
              {"unmatched_predictions", report.unmatched_predictions},
              {"fields", fields},
              {"mean_f1", ratio(report.mean_f1)},
              {"mean_exact_match", report.mean_exact_match}};
}

std::string to_table(const EvalReport& report) {
  std::size_t width = 5;
  for (const FieldScore& s : report.fields) width = std::max(width, s.path.size());
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-*s  %9s  %6s  %6s  %6s  %5s %5s %5s %5s\n", int(width), "field", "precision",
                "recall", "F1", "exact", "TP", "FP", "FN", "TN");
  out += buf;
  for (const FieldScore& s : report.fields) {
    std::snprintf(buf, sizeof buf, "%-*s  %9s  %6s  %6s  %6.3f  %5d %5d %5d %5d\n", int(width), s.path.c_str(),
                  format_ratio(s.precision).c_str(), format_ratio(s.recall).c_str(), format_ratio(s.f1).c_str(),
                  s.exact_match, s.true_positives, s.false_positives, s.false_negatives, s.true_negatives);
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%-*s  %9s  %6s  %6s  %6.3f\n", int(width), "mean", "", "",
                format_ratio(report.mean_f1).c_str(), report.mean_exact_match);
  out += buf;
  std::snprintf(buf, sizeof buf, "%d documents (schema %s), %d without a prediction, %d predictions without ground truth\n",
                report.documents, report.schema.c_str(), report.missing_predictions, report.unmatched_predictions);
  out += buf;
  return out;
}

}  // namespace textra::fields
