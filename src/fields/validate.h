// Consistency checks on extracted values, reported as warnings and never "fixed": totals that do not add
// up, line items that do not sum to a total, implausible dates, ids of the wrong shape, values that do not
// match their schema type. The consistency checks find their fields by role (fields/roles.h), so they run
// on any schema that declares the roles; checks whose roles a schema lacks are skipped.
#pragma once

#include <string_view>
#include <vector>

#include "fields/normalize.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::fields {

struct ValidationOptions {
  double tolerance = 0.011;  // money: printed totals are rounded to the cent
  Date today{};              // dates after today + 1 year are implausible; {} = the system clock's today
  int earliest_year = 1990;  // dates before are implausible
};

// Warning codes (stable; docs/fields.md lists them):
//   totals_mismatch, line_items_sum_mismatch, line_item_mismatch, amount_due_exceeds_total,
//   date_implausible, due_before_issue, invalid_id, invalid_value, missing_value
std::vector<Warning> validate(const Schema& schema, const FieldNode& fields, const ValidationOptions& options = {});
// The checks by role alone (totals, line items, due date), for a result whose schema is not at hand but
// whose roles are (a stored result of a user's schema), and the codes they report.
std::vector<Warning> validate_roles(const RoleMap& roles, const FieldNode& fields, const ValidationOptions& options = {});
bool is_role_check(std::string_view code);

}  // namespace textra::fields
