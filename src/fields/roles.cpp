#include "fields/roles.h"

#include <map>

#include "fields/schema.h"

namespace textra::fields {
namespace {

struct RoleInfo {
  Role role;
  const char* name;
};

constexpr RoleInfo kRoles[] = {
    {Role::kDocumentNumber, "document_number"}, {Role::kIssueDate, "issue_date"},
    {Role::kDueDate, "due_date"},               {Role::kSupplierName, "supplier_name"},
    {Role::kSupplierAddress, "supplier_address"}, {Role::kSupplierVatId, "supplier_vat_id"},
    {Role::kSupplierIds, "supplier_ids"},       {Role::kCustomerName, "customer_name"},
    {Role::kCustomerAddress, "customer_address"}, {Role::kCurrency, "currency"},
    {Role::kTotalNet, "total_net"},             {Role::kTotalTax, "total_tax"},
    {Role::kTotalGross, "total_gross"},         {Role::kAmountDue, "amount_due"},
    {Role::kLineItems, "line_items"},           {Role::kItemDescription, "item_description"},
    {Role::kItemQuantity, "item_quantity"},     {Role::kItemUnitPrice, "item_unit_price"},
    {Role::kItemAmount, "item_amount"},         {Role::kItemVatRate, "item_vat_rate"},
};

bool is_number(const FieldSpec& spec) { return spec.type == FieldType::kNumber || spec.type == FieldType::kInteger; }

// What a field must be to play the role: "" when it may, else what it should be.
std::string type_needed(Role role, const FieldSpec& spec) {
  switch (role) {
    case Role::kIssueDate:
    case Role::kDueDate: return spec.type == FieldType::kDate ? "" : "a date (\"format\": \"date\")";
    case Role::kTotalNet:
    case Role::kTotalTax:
    case Role::kTotalGross:
    case Role::kAmountDue:
    case Role::kItemQuantity:
    case Role::kItemUnitPrice:
    case Role::kItemAmount:
    case Role::kItemVatRate: return is_number(spec) ? "" : "a number";
    case Role::kLineItems:
      return spec.type == FieldType::kArray && spec.items->type == FieldType::kObject ? "" : "an array of objects";
    case Role::kSupplierIds:
      return spec.type == FieldType::kObject && spec.open_values ? "" : "an object with open keys (additionalProperties)";
    default: return spec.type == FieldType::kString || spec.type == FieldType::kEnum ? "" : "a string";
  }
}

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// Walks objects from `spec`; the elements of the line items array are walked as their own scope (in_items),
// other arrays are not entered: a role inside them would have no single path.
class RoleCollector {
 public:
  void walk(const FieldSpec& spec, const std::string& path, bool in_items) {
    for (const FieldSpec& member : spec.properties) {
      std::string member_path = join(path, member.name);
      if (member.role) add(*member.role, member, member_path, in_items);
      if (member.type == FieldType::kObject) walk(member, member_path, in_items);
      if (member.type == FieldType::kArray && member.role == Role::kLineItems && !in_items &&
          member.items->type == FieldType::kObject) {
        walk(*member.items, "", true);
      }
    }
  }

  RoleMap roles;
  std::string error;  // the first problem found

 private:
  void add(Role role, const FieldSpec& spec, const std::string& path, bool in_items) {
    if (!error.empty()) return;
    const std::string where = path + ": role " + role_name(role);
    if (is_item_role(role) != in_items) {
      error = where + (in_items ? " is not a line item role" : " belongs inside the line_items array's items");
    } else if (std::string needed = type_needed(role, spec); !needed.empty()) {
      error = where + " needs " + needed;
    } else if (!roles.paths.emplace(role, path).second) {
      error = where + " is already played by " + roles.paths[role];
    }
  }
};

// Roles on fields the walk does not reach (inside arrays other than the line items) are mistakes too.
bool has_role_below(const FieldSpec& spec) {
  if (spec.role) return true;
  for (const FieldSpec& member : spec.properties) {
    if (has_role_below(member)) return true;
  }
  return spec.items && has_role_below(*spec.items);
}

std::string unreachable_role(const FieldSpec& spec, const std::string& path) {
  for (const FieldSpec& member : spec.properties) {
    std::string member_path = join(path, member.name);
    if (member.type == FieldType::kObject) {
      if (std::string found = unreachable_role(member, member_path); !found.empty()) return found;
    } else if (member.type == FieldType::kArray && member.role != Role::kLineItems && has_role_below(*member.items)) {
      return member_path;
    }
  }
  return "";
}

}  // namespace

const char* role_name(Role role) {
  for (const RoleInfo& info : kRoles) {
    if (info.role == role) return info.name;
  }
  return "?";
}

std::optional<Role> role_from_name(std::string_view name) {
  for (const RoleInfo& info : kRoles) {
    if (name == info.name) return info.role;
  }
  return std::nullopt;
}

std::vector<Role> all_roles() {
  std::vector<Role> roles;
  for (const RoleInfo& info : kRoles) roles.push_back(info.role);
  return roles;
}

bool is_item_role(Role role) {
  return role == Role::kItemDescription || role == Role::kItemQuantity || role == Role::kItemUnitPrice ||
         role == Role::kItemAmount || role == Role::kItemVatRate;
}

const std::string* RoleMap::path(Role role) const {
  auto it = paths.find(role);
  return it == paths.end() ? nullptr : &it->second;
}

std::string RoleMap::name(Role role) const {
  const std::string* p = path(role);
  return p ? *p : role_name(role);
}

RoleMap roles_of(const Schema& schema) {
  RoleCollector collector;
  collector.walk(schema.root, "", false);
  return std::move(collector.roles);
}

Status check_roles(const FieldSpec& root, const std::string& where) {
  RoleCollector collector;
  collector.walk(root, "", false);
  if (!collector.error.empty()) return invalid_argument(where + ": " + collector.error);
  if (std::string path = unreachable_role(root, ""); !path.empty()) {
    return invalid_argument(where + ": " + path + ": roles inside an array other than the line items are not supported");
  }
  return Status::ok();
}

nlohmann::ordered_json to_json(const RoleMap& roles) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (Role role : all_roles()) {
    if (const std::string* path = roles.path(role)) out[role_name(role)] = *path;
  }
  return out;
}

RoleMap role_map_from_json(const nlohmann::ordered_json& json) {
  RoleMap roles;
  if (!json.is_object()) return roles;
  for (const auto& [name, path] : json.items()) {
    std::optional<Role> role = role_from_name(name);
    if (role && path.is_string()) roles.paths.emplace(*role, path.get<std::string>());
  }
  return roles;
}

RoleMap roles_of_result(const nlohmann::ordered_json& result) {
  if (result.is_object()) {
    if (auto it = result.find("roles"); it != result.end() && it->is_object()) return role_map_from_json(*it);
  }
  std::string name = "invoice";  // what a document without a result, or a result naming no schema, is read as
  if (auto it = result.is_object() ? result.find("schema") : result.end(); it != result.end()) {
    if (!it->is_string()) return {};
    name = it->get<std::string>();
  }
  // The built-in schemas' roles, found once per process (read-only after): parsing the schema again for
  // each stored result took over a quarter of a 1,000-document export.
  static const std::map<std::string, RoleMap> kBuiltinRoles = [] {
    std::map<std::string, RoleMap> roles;
    for (const std::string& builtin_name : builtin_schema_names()) {
      Result<Schema> builtin = builtin_schema(builtin_name);
      if (builtin.is_ok()) roles.emplace(builtin_name, roles_of(*builtin));
    }
    return roles;
  }();
  auto found = kBuiltinRoles.find(name);
  return found == kBuiltinRoles.end() ? RoleMap{} : found->second;
}

}  // namespace textra::fields
