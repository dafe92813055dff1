// An independent checker for the tests: does a JSON value satisfy a schema of the subset the grammar
// supports? Written from the JSON Schema specification, not from the grammar code.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace textra::testing {

// "" if `value` is valid, else why not (with the path of the first violation).
std::string schema_violation(const nlohmann::ordered_json& value, const nlohmann::ordered_json& schema,
                             const nlohmann::ordered_json& root);

}  // namespace textra::testing
