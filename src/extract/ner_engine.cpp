#include "extract/ner_engine.h"

#include <algorithm>
#include <set>

#include "base/model_paths.h"
#include "extract/invoice_dates.h"
#include "extract/invoice_number.h"
#include "extract/line_items.h"
#include "extract/ner_rules.h"
#include "extract/parties.h"
#include "extract/receipt_total.h"
#include "extract/role_fields.h"
#include "extract/supplier_name.h"
#include "extract/total_candidates.h"
#include "fields/validate.h"
#include "ner/fields_from_labels.h"
#include "ner/model_file.h"

namespace textra::extract {
namespace {

fields::FieldNode total_leaf(const TotalCandidate& c, const std::string& reason) {
  return fields::FieldNode::leaf({c.value, c.raw, std::min(1.0, c.evidence), c.source, reason});
}

// Totals are printed under the items table, never in it: amounts read in the cells of a table found under
// its header row (a quantity, a unit price, a line's amount) are no total candidates. Tables found without a
// header are confirmed by the totals, so they come after them.
void drop_item_cells(const doc::Document& document, std::vector<TotalCandidate>& totals) {
  std::set<std::pair<int, std::size_t>> cells;  // (page, word id)
  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    for (const ItemRow& row : find_line_items(document.pages[p])) {
      for (const std::optional<ItemCell>* cell : {&row.quantity, &row.unit_price, &row.amount, &row.vat_rate}) {
        if (!*cell) continue;
        for (std::size_t id : (*cell)->source.words) cells.emplace(static_cast<int>(p) + 1, id);
      }
    }
  }
  std::erase_if(totals, [&](const TotalCandidate& t) {
    return std::any_of(t.source.words.begin(), t.source.words.end(),
                       [&](std::size_t id) { return cells.contains({t.source.page, id}); });
  });
}

// The invoice totals chosen together (extract/totals_decoder.h), and the amount due after its label.
void fill_totals(const doc::Document& document, const fields::Schema& schema, const std::vector<ner::Candidate>& candidates,
                 const fields::NormalizeOptions& options, fields::Extraction& result) {
  std::optional<TotalCandidate> due = printed_amount_due(document, options.amounts);
  std::vector<TotalCandidate> totals = total_candidates(document, candidates, options.amounts);
  drop_item_cells(document, totals);
  TotalsChoice choice = decode_totals(totals, due ? std::optional(due->value) : std::nullopt);
  auto put = [&](fields::Role role, const std::optional<TotalCandidate>& chosen, const std::string& reason) {
    if (RoleField field = role_field(schema, result, role); field && chosen) *field.node = total_leaf(*chosen, reason);
  };
  put(fields::Role::kTotalNet, choice.ht, choice.reason);
  put(fields::Role::kTotalTax, choice.tva, choice.reason);
  put(fields::Role::kTotalGross, choice.ttc, choice.reason);
  put(fields::Role::kAmountDue, due, "the amount after its \"to pay\" label");
}

// The rows of the items tables of every page, in page order (a table may go on over pages).
void fill_line_items(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                     fields::Extraction& result) {
  RoleField items = role_field(schema, result, fields::Role::kLineItems);
  if (!items) return;
  auto total = [&](fields::Role role) -> std::optional<double> {
    const fields::FieldNode* node = role_node(result, role);
    if (node == nullptr || !node->value.value.is_number()) return std::nullopt;
    return node->value.value.get<double>();
  };
  ItemTotals totals{total(fields::Role::kTotalNet), total(fields::Role::kTotalTax), total(fields::Role::kTotalGross)};
  std::vector<ItemRow> rows;
  for (const doc::Page& page : document.pages) {
    for (ItemRow& row : find_line_items(page, totals)) rows.push_back(std::move(row));
  }
  *items.node = line_items_node(rows, *items.spec->items, result.roles, options);
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
  auto is_total = [](const ner::Candidate& c) {
    return c.role == fields::Role::kTotalNet || c.role == fields::Role::kTotalTax || c.role == fields::Role::kTotalGross;
  };
  // The three totals are read together (one must be the sum of the others) when the schema has them all.
  bool joint_totals = result.roles.path(fields::Role::kTotalNet) != nullptr &&
                      result.roles.path(fields::Role::kTotalTax) != nullptr &&
                      result.roles.path(fields::Role::kTotalGross) != nullptr;
  if (joint_totals) {
    fill_totals(document, schema, candidates, options, result);
    std::erase_if(candidates, is_total);
  }
  drop_due_date_candidates(document, candidates);
  // The invoice's supplier rules for a schema of invoice totals; other documents keep their footer's
  // legal line only.
  if (joint_totals) fill_supplier_name_from_layout(document, schema, options, result);
  else fill_supplier_name_from_legal_line(document, schema, options, result);
  if (const fields::FieldNode* name = role_node(result, fields::Role::kSupplierName);
      name != nullptr && !name->value.value.is_null()) {
    std::erase_if(candidates, [](const ner::Candidate& c) { return c.role == fields::Role::kSupplierName; });
  }
  if (joint_totals) keep_supplier_name_on_one_row(document, candidates);
  ner::fill_from_candidates(candidates, schema, options, result);
  if (!joint_totals) fill_receipt_total(document, schema, options, result);  // one total: a receipt's
  fill_invoice_date(document, schema, options, result);
  fill_invoice_number(document, schema, options, result);
  tidy_invoice_number(document, schema, options, result);
  fill_by_rules(document, schema, options, result);
  fill_line_items(document, schema, options, result);
  fill_parties(document, schema, options, result);
  for (fields::Warning& w : fields::validate(schema, result.fields)) result.warnings.push_back(std::move(w));
  return result;
}

Result<std::string> default_ner_model(const fields::Schema& schema) {
  std::string file;
  if (schema.name == "receipt") file = "receipt-sroie.crf";
  else if (schema.name == "invoice" || !fields::roles_of(schema).empty()) file = "invoice-fr.crf";
  else return not_found("no shipped NER model for schema '" + schema.name + "': its fields declare no x-textra-role (use --ner-model FILE)");
  return find_model_file(file, "set TEXTRA_MODELS or use --ner-model FILE");
}

}  // namespace textra::extract
