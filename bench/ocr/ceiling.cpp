#include "ceiling.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "base/files.h"
#include "fields/provenance.h"
#include "fields/schema.h"
#include "ner/sroie.h"

namespace textra::bench {
namespace {

bool printed(const doc::Document& document, const fields::FieldSpec& spec, const std::string& value) {
  fields::FieldValue fv;
  fv.raw = value;
  fv.value = value;
  fields::LocateOptions exact;
  exact.min_similarity = 1.0;
  return fields::locate(document, spec, fv, exact).has_value();
}

// Every string or number leaf of `raw` that the schema knows, by dotted path (arrays left out: line items
// are not one printed value).
void count_leaves(const nlohmann::json& raw, const std::string& prefix, const fields::Schema& schema,
                  const doc::Document& document, Ceiling& ceiling) {
  for (const auto& [key, value] : raw.items()) {
    std::string path = prefix.empty() ? key : prefix + "." + key;
    if (value.is_object()) {
      count_leaves(value, path, schema, document, ceiling);
      continue;
    }
    if (!value.is_string() && !value.is_number()) continue;
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    const fields::FieldSpec* spec = schema.find(path);
    if (text.empty() || spec == nullptr || !spec->is_leaf()) continue;
    ceiling.count(path, text, printed(document, *spec, text));
  }
}

}  // namespace

Result<Ceiling> sroie_ceiling(const doc::Document& document, const std::string& key_json_path) {
  static const auto schema = fields::builtin_schema("receipt");
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(key_json_path));
  TEXTRA_ASSIGN_OR_RETURN(auto key, ner::parse_sroie_key(text, key_json_path));
  Ceiling ceiling;
  for (const auto& [field, value] : key) {
    const fields::FieldSpec* spec = schema->find(field);
    if (spec == nullptr || value.empty()) continue;
    ceiling.count(field, value, printed(document, *spec, value));
  }
  return ceiling;
}

Result<Ceiling> invoice_ceiling(const doc::Document& document, const std::string& gt_json_path) {
  static const auto schema = fields::builtin_schema("invoice");
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(gt_json_path));
  auto gt = nlohmann::json::parse(text, nullptr, false);
  if (gt.is_discarded() || !gt.contains("raw") || !gt["raw"].is_object()) return corrupt(gt_json_path + ": no raw object");
  Ceiling ceiling;
  count_leaves(gt["raw"], "", *schema, document, ceiling);
  return ceiling;
}

doc::Document document_from_text(const std::string& text) {
  doc::Document document;
  doc::Page page;
  std::istringstream lines(text);
  for (std::string row; std::getline(lines, row);) {
    doc::Line line;
    std::istringstream words(row);
    for (std::string w; words >> w;) line.words.push_back({w, {}, 1.0f});
    if (!line.words.empty()) page.lines.push_back(std::move(line));
  }
  document.pages.push_back(std::move(page));
  return document;
}

}  // namespace textra::bench
