#include "store/summary.h"

#include "fields/roles.h"

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

// The value of the field playing `role`: a user's correction first, else the machine's normalised value.
const json* effective_value(const json& fields, const json& corrections, const fields::RoleMap& roles,
                            fields::Role role) {
  const std::string* path = roles.path(role);
  if (path == nullptr) return nullptr;
  if (corrections.contains(*path) && !corrections[*path].is_null()) return &corrections[*path];
  const json* leaf = find_path(fields, *path);
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

}  // namespace

Summary summarize(const json& result, const json& corrections) {
  static const json kEmpty = json::object();
  const json& fields =
      result.is_object() && result.contains("fields") && result["fields"].is_object() ? result["fields"] : kEmpty;
  const json& fixes = corrections.is_object() ? corrections : kEmpty;
  // The store speaks nlohmann::json, fields keeps key order (ordered_json): converted without text.
  const fields::RoleMap roles = fields::roles_of_result(nlohmann::ordered_json(result));
  auto value = [&](fields::Role role) { return effective_value(fields, fixes, roles, role); };
  return {as_text(value(fields::Role::kSupplierName)), as_text(value(fields::Role::kIssueDate)),
          as_text(value(fields::Role::kCurrency)), as_number(value(fields::Role::kTotalGross)),
          as_number(value(fields::Role::kTotalTax))};
}

}  // namespace textra::store
