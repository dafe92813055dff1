// Plain values (fields::plain_values) flattened to (dotted path, text) cells in schema order, for CSV:
// {"supplier.name", "ACME"}, {"total_ttc", "4680.0"}. Strings as they are, numbers and booleans as JSON
// prints them, null as "".
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "fields/schema.h"

namespace textra::fields {

enum class ArrayCells {
  kSkip,    // arrays are left out (exports write line items as rows of their own)
  kAsJson,  // an array is one cell holding its JSON
};
std::vector<std::pair<std::string, std::string>> flat_values(const Json& plain, ArrayCells arrays);

}  // namespace textra::fields
