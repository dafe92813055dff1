// What a field means to the rest of Textra, whatever the schema calls it: the document number, the
// dates, the parties, the totals, the currency, the line items and their cells. A schema declares a
// field's role with "x-textra-role" (docs/fields.md, "Roles"); validation, the NER rules, the store's
// summary, the server's list and the exports find their fields through roles_of() and never by name, so a
// user's schema with its own names (facture_no, montant_total, fournisseur) works everywhere.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace textra::fields {

enum class Role {
  kDocumentNumber,
  kIssueDate,
  kDueDate,
  kSupplierName,
  kSupplierAddress,
  kSupplierVatId,
  kSupplierIds,  // an object of company ids by their printed name (ICE, SIRET, RC): open keys
  kCustomerName,
  kCustomerAddress,
  kCurrency,
  kTotalNet,    // before tax (HT)
  kTotalTax,    // the tax (TVA, VAT)
  kTotalGross,  // tax included (TTC)
  kAmountDue,
  kLineItems,  // the array of line items; the item roles below are members of its elements
  kItemDescription,
  kItemQuantity,
  kItemUnitPrice,
  kItemAmount,
  kItemVatRate,
};

// The JSON spelling: "document_number", "total_gross", "item_amount", ...
const char* role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);
std::vector<Role> all_roles();
// Item roles name members of a line item (relative to the kLineItems array's elements).
bool is_item_role(Role role);

// The fields of a schema by role: a dotted path from the top ("supplier.name", "montant_total"), or for the
// item roles a member path inside one line item ("amount").
struct RoleMap {
  std::map<Role, std::string> paths;

  const std::string* path(Role role) const;
  // How messages name the role's field: its path, else (the schema lacks it) the role's name.
  std::string name(Role role) const;
  bool empty() const { return paths.empty(); }
  bool operator==(const RoleMap&) const = default;
};

struct FieldSpec;
struct Schema;
// The one role lookup: the roles the schema's fields declare.
RoleMap roles_of(const Schema& schema);
// Refuses roles a schema cannot hold: one declared twice, an item role outside the line items, a role on a
// field of the wrong type (a total that is not a number, a date that is not a date). `where` names the schema.
Status check_roles(const FieldSpec& root, const std::string& where);

// {"total_gross": "montant_total", ...}: what results carry as "roles".
nlohmann::ordered_json to_json(const RoleMap& roles);
RoleMap role_map_from_json(const nlohmann::ordered_json& json);  // unknown roles and non-string paths are skipped
// The roles of a stored result JSON: its "roles", else those of the built-in schema it names (results written
// before roles existed), else none.
RoleMap roles_of_result(const nlohmann::ordered_json& result);

}  // namespace textra::fields
