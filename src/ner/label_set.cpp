#include "ner/label_set.h"

#include <algorithm>

#include "base/utf8.h"

namespace textra::ner {
namespace {

struct BuiltinSet {
  const char* name;
  const char* synonym;
  const char* outside;
  std::vector<Label> labels;
};

// The data: label names and ids of the original Textra project (textra-format/README.md) and SROIE's keys.
const std::vector<BuiltinSet>& builtin_sets() {
  static const std::vector<BuiltinSet> sets = {
      {"invoice", "textra", "Autre",
       {{"InvNum", "invoice_number", "invoice_number"},
        {"InvDate", "invoice_date", "invoice_date"},
        {"Fourni", "supplier", "supplier.name"},
        {"TTC", "total_ttc", "total_ttc"},
        {"TVA", "total_tva", "total_tva"},
        {"TT", "total_ht", "total_ht"},
        {"Autre", "other", ""}}},
      {"receipt", "sroie", "O",
       {{"company", "company", "company"},
        {"date", "date", "date"},
        {"address", "address", "address"},
        {"total", "total", "total"},
        {"O", "other", ""}}},
  };
  return sets;
}

bool same_name(std::string_view a, std::string_view b) { return utf8::to_lower(a) == utf8::to_lower(b); }

std::string string_member(const nlohmann::json& j, const char* key, const std::string& fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

std::optional<int> LabelSet::find(std::string_view text) const {
  for (int i = 0; i < size(); ++i) {
    if (same_name(labels[i].name, text) || same_name(labels[i].alias, text)) return i;
  }
  return std::nullopt;
}

Result<LabelSet> builtin_label_set(std::string_view name) {
  for (const BuiltinSet& b : builtin_sets()) {
    if (!same_name(name, b.name) && !same_name(name, b.synonym)) continue;
    LabelSet set{b.name, b.labels, 0};
    set.outside = *set.find(b.outside);
    return set;
  }
  return not_found("label set '" + std::string(name) + "': not a built-in set (invoice, receipt)");
}

std::vector<std::string> builtin_label_set_names() {
  std::vector<std::string> names;
  for (const BuiltinSet& b : builtin_sets()) names.push_back(b.name);
  return names;
}

LabelSet label_set_from_names(const std::string& set_name, const std::vector<std::string>& names) {
  LabelSet set{set_name, {}, -1};
  for (const std::string& n : names) {
    if (set.find(n)) continue;
    set.labels.push_back({n, n, ""});
  }
  for (const char* outside : {"O", "Autre", "other", "none"}) {
    if (auto id = set.find(outside)) {
      set.outside = *id;
      break;
    }
  }
  if (set.outside < 0) {
    set.labels.push_back({"O", "other", ""});
    set.outside = set.size() - 1;
  }
  for (Label& l : set.labels) {
    if (set.find(l.name) != set.outside) l.field = l.alias;
  }
  return set;
}

nlohmann::json to_json(const LabelSet& set) {
  nlohmann::json labels = nlohmann::json::array();
  for (const Label& l : set.labels) labels.push_back({{"name", l.name}, {"alias", l.alias}, {"field", l.field}});
  return {{"name", set.name}, {"labels", labels}, {"outside", set.labels.at(set.outside).name}};
}

Result<LabelSet> label_set_from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("name") || !j["name"].is_string() || !j.contains("labels") ||
      !j["labels"].is_array() || !j.contains("outside") || !j["outside"].is_string()) {
    return corrupt("label set: expected an object with name, labels (array) and outside");
  }
  LabelSet set{j["name"].get<std::string>(), {}, 0};
  for (const auto& l : j["labels"]) {
    if (!l.is_object() || !l.contains("name") || !l["name"].is_string()) return corrupt("label set: a label without a name");
    const std::string name = l["name"].get<std::string>();
    Label label{name, string_member(l, "alias", name), string_member(l, "field", "")};
    if (set.find(label.name)) return corrupt("label set: label '" + label.name + "' appears twice");
    set.labels.push_back(std::move(label));
  }
  auto outside = set.find(j["outside"].get<std::string>());
  if (!outside) return corrupt("label set: outside label '" + j["outside"].get<std::string>() + "' is not in the set");
  set.outside = *outside;
  return set;
}

}  // namespace textra::ner
