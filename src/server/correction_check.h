// Checks a correction (PUT /v1/documents/ID/fields: field path -> value) before anything is stored: each
// path must name a field of the document's schema ("supplier.name", "line_items.0.amount",
// "supplier.other_ids.ICE") and each value must have that field's type (an ISO date for a date, a number
// for an amount, one of the listed values for an enum, ...); null removes a correction.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "fields/schema.h"

namespace textra::server {

Status check_corrections(const fields::Schema& schema, const nlohmann::json& corrections);
// For a document whose schema the server no longer has (a quick `fields` list): each path must name a
// leaf of its stored result, and each value must be a string, number or boolean (of the machine value's
// JSON type when it found one).
Status check_corrections_against_result(const nlohmann::json& result, const nlohmann::json& corrections);

}  // namespace textra::server
