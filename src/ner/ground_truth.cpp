#include "ner/ground_truth.h"

#include "base/json_path.h"
#include "fields/provenance.h"

namespace textra::ner {
namespace {

// The JSON at a dotted path ("supplier.name"), or null.
nlohmann::json at_path(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* node = json_at_path(root, path);
  return node != nullptr ? *node : nullptr;
}

}  // namespace

bool is_ground_truth(const nlohmann::json& j) {
  return j.is_object() && j.contains("file") && j.contains("fields") && j["fields"].is_object() && j.contains("raw");
}

LabelledPage ground_truth_labelled_page(const doc::Document& document, const nlohmann::json& ground_truth,
                                        const LabelSet& labels, const fields::Schema& schema) {
  LabelledPage out{document.file, document.pages.empty() ? doc::Page{} : document.pages[0], {}};
  out.labels.assign(out.page.word_count(), "");
  if (document.pages.empty()) return out;
  doc::Document first_page{document.file, document.type, {out.page}};
  for (int l = 0; l < labels.size(); ++l) {
    const std::string& path = labels.labels[l].field;
    const fields::FieldSpec* spec = path.empty() ? nullptr : schema.find(path);
    if (spec == nullptr) continue;
    nlohmann::json value = at_path(ground_truth["fields"], path);
    nlohmann::json raw = at_path(ground_truth["raw"], path);
    if (value.is_null()) continue;
    fields::FieldValue fv;
    fv.value = fields::Json::parse(value.dump());
    if (raw.is_string()) fv.raw = raw.get<std::string>();
    auto found = fields::locate(first_page, *spec, fv);
    if (!found) continue;
    for (std::size_t id : found->source.words) {
      if (id < out.labels.size()) out.labels[id] = labels.labels[l].name;
    }
  }
  return out;
}

}  // namespace textra::ner
