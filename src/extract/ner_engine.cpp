#include "extract/ner_engine.h"

#include "base/model_paths.h"
#include "extract/invoice_dates.h"
#include "extract/invoice_number.h"
#include "extract/line_items.h"
#include "extract/ner_rules.h"
#include "extract/parties.h"
#include "extract/total_candidates.h"
#include "fields/validate.h"
#include "ner/fields_from_labels.h"
#include "ner/model_file.h"

namespace textra::extract {
namespace {

fields::FieldNode total_leaf(const TotalCandidate& c, const std::string& reason) {
  return fields::FieldNode::leaf({c.value, c.raw, std::min(1.0, c.evidence), c.source, reason});
}

// The invoice totals chosen together (extract/totals_decoder.h), and the amount due after its label.
void fill_totals(const doc::Document& document, const fields::Schema& schema, const std::vector<ner::Candidate>& candidates,
                 const fields::NormalizeOptions& options, fields::Extraction& result) {
  std::optional<TotalCandidate> due = printed_amount_due(document, options.amounts);
  TotalsChoice choice = decode_totals(total_candidates(document, candidates, options.amounts),
                                      due ? std::optional(due->value) : std::nullopt);
  if (choice.ht) *result.fields.member("total_ht") = total_leaf(*choice.ht, choice.reason);
  if (choice.tva) *result.fields.member("total_tva") = total_leaf(*choice.tva, choice.reason);
  if (choice.ttc) *result.fields.member("total_ttc") = total_leaf(*choice.ttc, choice.reason);
  if (due && schema.find("amount_due") != nullptr) {
    *result.fields.member("amount_due") = total_leaf(*due, "the amount after its \"to pay\" label");
  }
}

// The rows of the items tables of every page, in page order (a table may go on over pages).
void fill_line_items(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                     fields::Extraction& result) {
  const fields::FieldSpec* spec = schema.find("line_items");
  fields::FieldNode* node = result.fields.member("line_items");
  if (spec == nullptr || spec->items == nullptr || node == nullptr) return;
  std::vector<ItemRow> rows;
  for (const doc::Page& page : document.pages) {
    for (ItemRow& row : find_line_items(page)) rows.push_back(std::move(row));
  }
  *node = line_items_node(rows, *spec->items, options);
}

}  // namespace

NerEngine::NerEngine(std::shared_ptr<const ner::NerModel> model, std::string model_name)
    : model_(std::move(model)), model_name_(std::move(model_name)) {}

Result<std::unique_ptr<NerEngine>> NerEngine::load(const std::string& model_path) {
  TEXTRA_ASSIGN_OR_RETURN(ner::NerModel model, ner::load_model(model_path));
  return std::make_unique<NerEngine>(std::make_shared<const ner::NerModel>(std::move(model)), model_path);
}

fields::EngineInfo NerEngine::info() const {
  std::string version = "crf-v" + std::to_string(ner::kModelFormatVersion);
  if (model_->info.contains("trained") && model_->info["trained"].is_string()) {
    version += " " + model_->info["trained"].get<std::string>();
  }
  return {"ner", model_name_, version};
}

Result<fields::Extraction> NerEngine::extract(const doc::Document& document, const fields::Schema& schema) const {
  fields::Extraction result = fields::new_extraction(schema, document.file, info());
  std::string language = "fr";
  if (model_->info.contains("language") && model_->info["language"].is_string()) {
    language = model_->info["language"].get<std::string>();
  }
  fields::NormalizeOptions options = fields::normalize_options_for_language(language);
  std::vector<ner::Candidate> candidates = ner::field_candidates(*model_, document, schema);
  bool joint_totals = schema.find("total_ht") != nullptr && schema.find("total_tva") != nullptr &&
                      schema.find("total_ttc") != nullptr;
  if (joint_totals) {
    fill_totals(document, schema, candidates, options, result);
    std::erase_if(candidates, [](const ner::Candidate& c) { return c.path.starts_with("total_"); });
  }
  drop_due_date_candidates(document, candidates);
  fill_supplier_from_legal_block(document, schema, options, result);
  if (const fields::FieldNode* name = result.fields.at("supplier.name"); name != nullptr && !name->value.value.is_null()) {
    std::erase_if(candidates, [](const ner::Candidate& c) { return c.path == "supplier.name"; });
  }
  ner::fill_from_candidates(candidates, schema, options, result);
  fill_invoice_date(document, schema, options, result);
  fill_invoice_number(document, schema, options, result);
  fill_by_rules(document, schema, options, result);
  fill_line_items(document, schema, options, result);
  fill_parties(document, schema, options, result);
  for (fields::Warning& w : fields::validate(schema, result.fields)) result.warnings.push_back(std::move(w));
  return result;
}

Result<std::string> default_ner_model(const std::string& schema_name) {
  std::string file;
  if (schema_name == "invoice") file = "invoice-fr.crf";
  else if (schema_name == "receipt") file = "receipt-sroie.crf";
  else return not_found("no shipped NER model for schema '" + schema_name + "' (use --ner-model FILE)");
  return find_model_file(file, "set TEXTRA_MODELS or use --ner-model FILE");
}

}  // namespace textra::extract
