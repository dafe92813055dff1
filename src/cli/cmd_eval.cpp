// `textra eval --gt DIR --pred FILE|DIR [--schema invoice|receipt|FILE] [--ids FILE[:KEY]] [--json]`:
// per-field precision, recall, F1 and exact match of predictions against ground truth (docs/cli.md).
#include <cstdio>
#include <iostream>

#include "base/files.h"
#include "cli/command.h"
#include "fields/eval.h"

namespace textra::cli {
namespace {

struct EvalOptions {
  std::string gt;
  std::string pred;
  std::string schema;
  std::string ids;
  bool json = false;
};

// "split.json:test" -> the string list under "test"; "ids.json" -> the file's top-level list.
Result<std::vector<std::string>> read_ids(const std::string& spec) {
  std::string path = spec, key;
  std::size_t colon = spec.rfind(':');
  if (colon != std::string::npos && colon > 0) {
    path = spec.substr(0, colon);
    key = spec.substr(colon + 1);
  }
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, 64 << 20));
  fields::Json j = fields::Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return invalid_argument(path + ": not valid JSON");
  if (!key.empty()) {
    if (!j.is_object() || !j.contains(key)) return invalid_argument(path + ": no list \"" + key + "\"");
    j = j[key];
  }
  if (!j.is_array()) return invalid_argument(path + ": expected a list of document ids");
  std::vector<std::string> ids;
  for (const auto& id : j) {
    if (!id.is_string()) return invalid_argument(path + ": document ids must be strings");
    ids.push_back(id.get<std::string>());
  }
  return ids;
}

int run_eval(const EvalOptions& options) {
  fields::DocumentFormat gt_format = fields::DocumentFormat::kUnknown;
  auto truth = fields::read_labelled_path(options.gt, &gt_format);
  if (!truth) {
    std::fprintf(stderr, "textra eval: ground truth: %s\n", truth.status().message().c_str());
    return kExitFailure;
  }
  auto predictions = fields::read_labelled_path(options.pred);
  if (!predictions) {
    std::fprintf(stderr, "textra eval: predictions: %s\n", predictions.status().message().c_str());
    return kExitFailure;
  }
  // Without --schema the ground truth decides: SROIE keys are receipts, our ground truth is invoices.
  std::string default_schema = gt_format == fields::DocumentFormat::kSroieKey ? "receipt" : "invoice";
  auto schema = fields::resolve_schema(options.schema, "", default_schema);
  if (!schema) {
    std::fprintf(stderr, "textra eval: --schema: %s\n", schema.status().message().c_str());
    return kExitUsage;
  }
  std::optional<std::vector<std::string>> only_ids;
  if (!options.ids.empty()) {
    auto ids = read_ids(options.ids);
    if (!ids) {
      std::fprintf(stderr, "textra eval: --ids: %s\n", ids.status().message().c_str());
      return kExitUsage;
    }
    only_ids = std::move(*ids);
  }
  fields::EvalReport report = fields::evaluate(*schema, *truth, *predictions, only_ids);
  if (report.documents == 0) {
    std::fprintf(stderr, "textra eval: no ground-truth documents to score\n");
    return kExitFailure;
  }
  if (options.json) {
    std::cout << fields::to_json(report).dump(2) << "\n";
  } else {
    std::cout << fields::to_table(report);
  }
  return kExitOk;
}

const CommandRegistration kEval(400, [](CLI::App& app) -> Runner {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Score predictions against ground truth, per field (precision, recall, F1, exact match)");
  cmd->add_option("--gt", options->gt, "Ground truth: a folder of our gt JSON (invoices-fr/gt) or SROIE keys (sroie/key)")
      ->required();
  cmd->add_option("--pred", options->pred,
                  "Predictions: a folder of result JSON or SROIE-key-shaped JSON, or one file (JSON, array or JSON lines)")
      ->required();
  cmd->add_option("--schema", options->schema, "invoice, receipt or a JSON Schema file (default: from the ground truth)");
  cmd->add_option("--ids", options->ids, "Score only these documents: FILE holding a JSON list, or FILE:KEY (split.json:test)");
  cmd->add_flag("--json", options->json, "Print the report as JSON");
  return [options] { return run_eval(*options); };
});

}  // namespace
}  // namespace textra::cli
