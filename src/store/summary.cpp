#include "store/summary.h"

#include <initializer_list>
#include <set>

namespace textra::store {
namespace {

using nlohmann::json;

const json* find_path(const json& fields, const std::string& dotted) {
  const json* node = &fields;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    std::size_t dot = dotted.find('.', start);
    std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node;
}

// The value of a field: a user's correction first, else the machine's normalised value.
const json* effective_value(const json& fields, const json& corrections, std::initializer_list<const char*> paths) {
  for (const char* path : paths) {
    if (corrections.contains(path) && !corrections[path].is_null()) return &corrections[path];
    const json* leaf = find_path(fields, path);
    if (leaf != nullptr && leaf->is_object() && leaf->contains("value") && !(*leaf)["value"].is_null()) {
      return &(*leaf)["value"];
    }
  }
  return nullptr;
}

std::optional<std::string> as_text(const json* v) {
  if (v == nullptr) return std::nullopt;
  return v->is_string() ? v->get<std::string>() : v->dump();
}

std::optional<double> as_number(const json* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

// supplier.vat_id as "VAT", then each supplier.other_ids key the result or a correction has.
std::map<std::string, std::string> supplier_ids(const json& fields, const json& fixes) {
  static const std::string kOther = "supplier.other_ids.";
  std::map<std::string, std::string> ids;
  if (auto vat = as_text(effective_value(fields, fixes, {"supplier.vat_id"}))) ids.emplace("VAT", *vat);
  std::set<std::string> kinds;
  if (const json* other = find_path(fields, "supplier.other_ids"); other != nullptr && other->is_object()) {
    for (const auto& [kind, unused] : other->items()) kinds.insert(kind);
  }
  for (const auto& [path, unused] : fixes.items()) {
    if (path.rfind(kOther, 0) == 0) kinds.insert(path.substr(kOther.size()));
  }
  for (const std::string& kind : kinds) {
    std::string path = kOther + kind;
    if (auto id = as_text(effective_value(fields, fixes, {path.c_str()}))) ids.emplace(kind, *id);
  }
  return ids;
}

}  // namespace

Summary summarize(const json& result, const json& corrections) {
  static const json kEmpty = json::object();
  const json& fields =
      result.is_object() && result.contains("fields") && result["fields"].is_object() ? result["fields"] : kEmpty;
  const json& fixes = corrections.is_object() ? corrections : kEmpty;
  return {as_text(effective_value(fields, fixes, {"supplier.name", "company"})),
          as_text(effective_value(fields, fixes, {"invoice_date", "date"})),
          as_text(effective_value(fields, fixes, {"currency"})),
          as_number(effective_value(fields, fixes, {"total_ttc", "total"})),
          as_number(effective_value(fields, fixes, {"total_tva"})),
          as_text(effective_value(fields, fixes, {"invoice_number"})),
          supplier_ids(fields, fixes)};
}

}  // namespace textra::store
