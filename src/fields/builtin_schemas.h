// The built-in schema files (src/fields/schemas/*.schema.json), compiled into the binary by CMake so an
// installed textra needs no data folder. Edit the JSON files, not the generated source.
#pragma once

#include <span>
#include <string_view>

namespace textra::fields {

struct BuiltinSchemaText {
  std::string_view name;  // file stem before ".schema.json"
  std::string_view json;
};
std::span<const BuiltinSchemaText> builtin_schema_texts();

}  // namespace textra::fields
