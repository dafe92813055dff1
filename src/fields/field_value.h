// Normalising one field's value by its schema type and kind, and the key eval compares values by.
// Both engines call normalize_printed() on the text they found (NER) or were given (LLM), so the same
// printed value gives the same normalised value whichever engine read it.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "fields/normalize.h"
#include "fields/schema.h"

namespace textra::fields {

struct NormalizeOptions {
  DateOrder date_order = DateOrder::kDayFirst;
  AmountOptions amounts;
};
// Conventions of a document language: "fr" (and default) day first with ',' decimals; "en-US" month
// first with '.' decimals; other "en" day first with '.' decimals.
NormalizeOptions normalize_options_for_language(std::string_view language);

// The normalised value of printed text for this leaf: ISO date string, number, ISO 4217 code, id without
// white space, text with white space collapsed, enum value, boolean. Empty text gives null. Text that
// cannot be read as the field's type is an error naming the field and the text.
Result<Json> normalize_printed(const FieldSpec& spec, std::string_view raw, const NormalizeOptions& options = {});
// The same for a JSON value (an LLM's answer): null stays null, numbers and booleans are checked against
// the type, strings are read as printed text.
Result<Json> normalize_json(const FieldSpec& spec, const Json& value, const NormalizeOptions& options = {});

// What eval compares (CONTRACTS.md): dates as ISO, numbers to 2 decimals, text kinds upper-case letters
// and digits only, ids without white space, currencies as ISO codes. Values that do not normalise are
// compared with white space collapsed. "" for null and empty values.
std::string comparison_key(const FieldSpec& spec, const Json& value);

}  // namespace textra::fields
