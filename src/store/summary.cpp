#include "store/summary.h"

#include <set>

#include "base/json_path.h"
#include "fields/roles.h"

namespace textra::store {
namespace {

using nlohmann::json;
using fields::Role;

// The value of a field: a user's correction first, else the machine's normalised value.
const json* effective_value(const json& fields, const json& corrections, const std::string& path) {
  if (corrections.contains(path) && !corrections[path].is_null()) return &corrections[path];
  const json* leaf = json_at_path(fields, path);
  if (leaf != nullptr && leaf->is_object() && leaf->contains("value") && !(*leaf)["value"].is_null()) {
    return &(*leaf)["value"];
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

// The supplier_vat_id field as "VAT", then each key of the supplier_ids field the result or a correction has.
std::map<std::string, std::string> supplier_ids(const json& fields, const json& fixes, const fields::RoleMap& roles) {
  std::map<std::string, std::string> ids;
  if (const std::string* vat_path = roles.path(Role::kSupplierVatId)) {
    if (auto vat = as_text(effective_value(fields, fixes, *vat_path))) ids.emplace("VAT", *vat);
  }
  const std::string* ids_path = roles.path(Role::kSupplierIds);
  if (ids_path == nullptr) return ids;
  const std::string prefix = *ids_path + ".";
  std::set<std::string> kinds;
  if (const json* other = json_at_path(fields, *ids_path); other != nullptr && other->is_object()) {
    for (const auto& [kind, unused] : other->items()) kinds.insert(kind);
  }
  for (const auto& [path, unused] : fixes.items()) {
    if (path.rfind(prefix, 0) == 0) kinds.insert(path.substr(prefix.size()));
  }
  for (const std::string& kind : kinds) {
    if (auto id = as_text(effective_value(fields, fixes, prefix + kind))) ids.emplace(kind, *id);
  }
  return ids;
}

}  // namespace

Summary summarize(const json& result, const json& corrections) {
  static const json kEmpty = json::object();
  const json& fields =
      result.is_object() && result.contains("fields") && result["fields"].is_object() ? result["fields"] : kEmpty;
  const json& fixes = corrections.is_object() ? corrections : kEmpty;
  // The store speaks nlohmann::json, fields keeps key order (ordered_json): converted without text.
  const fields::RoleMap roles = fields::roles_of_result(nlohmann::ordered_json(result));
  auto value = [&](Role role) {
    const std::string* path = roles.path(role);
    return path ? effective_value(fields, fixes, *path) : nullptr;
  };
  return {as_text(value(Role::kSupplierName)), as_text(value(Role::kIssueDate)), as_text(value(Role::kCurrency)),
          as_number(value(Role::kTotalGross)),  as_number(value(Role::kTotalTax)),  as_text(value(Role::kDocumentNumber)),
          supplier_ids(fields, fixes, roles)};
}

}  // namespace textra::store
