// Consistency checks on extracted values, reported as warnings and never "fixed": totals that do not add
// up, line items that do not sum to a total, implausible dates, ids of the wrong shape, values that do not
// match their schema type. The consistency checks find their fields by role (fields/roles.h), so they run
// on any schema that declares the roles; checks whose roles a schema lacks are skipped.
#pragma once

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

}  // namespace textra::fields
