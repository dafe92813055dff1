// A person's corrections applied to extracted fields. The store keeps corrections as a JSON object of dotted
// field path -> value ({"total_ttc": 12.5, "supplier.name": "ACME", "line_items.2.amount": 40}); exports,
// validation and the review page all need the fields as the person left them.
#pragma once

#include "base/status.h"
#include "fields/result.h"

namespace textra::fields {

// Replaces the value of each corrected leaf (raw and confidence are dropped: a person typed the value; the
// source boxes stay). Members and array elements missing along a path are created, so a line item added
// during review exists afterwards. A correction whose value is an array or object replaces the whole
// group ({"line_items": [...]}: the review page's edited table, rows added, removed or split). A null
// correction is ignored (the store deletes those). A path that crosses a leaf, a group corrected by a
// single value, or an array index over 10000, is an invalid_argument error naming the path.
Status apply_corrections(FieldNode& fields, const Json& corrections);

}  // namespace textra::fields
