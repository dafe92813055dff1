// Checks a JSON value against a JSON Schema of the subset Textra writes (fields::to_json_schema) and the
// constrained decoder (llm/grammar) supports: boolean schemas, type or type lists, properties, required,
// additionalProperties, items, minItems, maxItems, enum, const, anyOf, local $ref, maxLength (code points),
// format "date" (a real calendar date). Written from the JSON Schema specification, not from the grammar,
// so it can check what the grammar produced (tests, the extraction sweep bench) and what a remote model
// answered. A schema from a client may be malformed: parts of the wrong JSON type are ignored, never
// thrown on.
#pragma once

#include <string>

#include "fields/schema.h"

namespace textra::fields {

// "" when `value` is valid, else the first violation: where (a path from "$") and why. Local "$ref"s
// ("#/$defs/...") resolve against `schema`.
std::string json_schema_violation(const Json& value, const Json& schema);

}  // namespace textra::fields
