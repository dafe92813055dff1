// Checks a JSON value against a JSON Schema of the subset Textra writes (fields::to_json_schema) and the
// LLM endpoints accept: type or type lists, properties, required, additionalProperties, items, enum,
// format "date", anyOf. Independent of llm/grammar, so it can check what the constrained decoder produced
// (tests, the extraction sweep bench) and what a remote model answered.
#pragma once

#include <string>

#include "fields/schema.h"

namespace textra::fields {

// "" when `value` is valid, else the first violation: where (a path from `root`) and why.
std::string json_schema_violation(const Json& value, const Json& schema, const std::string& root = "$");

}  // namespace textra::fields
