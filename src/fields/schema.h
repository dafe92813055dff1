// Extraction schemas: the tree of fields an engine fills, with types and descriptions (the LLM prompt
// uses them, the grammar compiles them, eval compares by them). Schemas are data: the built-in `invoice`
// and `receipt` are JSON Schema files (src/fields/schemas/) compiled into the binary; users give their
// own JSON Schema file or a quick list "po_number:string,iban:string".
#pragma once

#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "fields/roles.h"

namespace textra::fields {

// Key order matters (schema order is prompt order and output order), so fields uses ordered JSON objects.
using Json = nlohmann::ordered_json;

enum class FieldType { kString, kNumber, kInteger, kBoolean, kDate, kEnum, kArray, kObject };
const char* field_type_name(FieldType type);

// What a value means beyond its JSON type: picks its normaliser and how eval compares it.
// Written in JSON Schema as "x-textra-kind" (unknown keywords are ignored by other JSON Schema tools).
enum class ValueKind {
  kPlain,     // compared as printed, white space collapsed
  kText,      // names, addresses: compared upper-case, letters and digits only
  kId,        // invoice numbers, tax ids: white space removed
  kAmount,    // money: parsed with separators and currency marks, compared to 2 decimals
  kCurrency,  // ISO 4217 code from a symbol, code or word (DH, €, Dirhams, RM)
  kPercent,   // a rate: "20 %" -> 20
};
const char* value_kind_name(ValueKind kind);

struct FieldSpec {
  std::string name;  // key in its parent object ("" for the root and array items)
  FieldType type = FieldType::kString;
  ValueKind kind = ValueKind::kPlain;
  std::string description;
  std::optional<Role> role;  // "x-textra-role": what the field means to validation, the store and exports
  bool nullable = false;  // the value may be null (the document does not show it)
  bool required = true;   // the key must be present in the parent object
  std::vector<std::string> enum_values;         // kEnum
  std::vector<FieldSpec> properties;            // kObject: named members, in schema order
  std::shared_ptr<const FieldSpec> items;       // kArray: the element
  std::shared_ptr<const FieldSpec> open_values; // kObject with open keys (other_ids): each value

  bool is_leaf() const { return type != FieldType::kObject && type != FieldType::kArray; }
  const FieldSpec* property(std::string_view key) const;
};

struct Schema {
  std::string name;  // "invoice", "receipt", the file stem, or "fields" for a quick list
  FieldSpec root;    // always an object

  // Finds a field by dotted path ("supplier.name"; "line_items[].amount" for array elements).
  const FieldSpec* find(std::string_view path) const;
};

// Built-in schemas, by name ("invoice", "receipt").
std::vector<std::string> builtin_schema_names();
Result<Schema> builtin_schema(std::string_view name);

// A schema from JSON Schema (the subset listed in docs/fields.md; unsupported keywords such as $ref are refused),
// with its roles checked (fields/roles.h).
Result<Schema> schema_from_json_schema(const Json& json, std::string name);
Result<Schema> load_schema_file(const std::string& path);
// "po_number:string,iban:string,paid:boolean,kind:enum(a|b),total:amount" (types in docs/fields.md).
Result<Schema> schema_from_field_list(std::string_view list);
// What a CLI's --schema / --fields options mean: --fields wins when given; a --schema value that names a
// built-in schema selects it, else it is read as a JSON Schema file; neither gives `default_name`.
Result<Schema> resolve_schema(std::string_view schema_option, std::string_view fields_option,
                              std::string_view default_name = "invoice");

// How an LLM is asked to write leaf values.
enum class ValueStyle {
  kTyped,    // numbers as JSON numbers, dates as ISO strings ("format": "date"): the model converts
  kPrinted,  // every string, number and date leaf as the text printed on the page; we normalise it
};
// The JSON Schema of the plain values (what an LLM writes, what the grammar enforces): every key
// required, nulls allowed where the field is nullable, descriptions kept. assemble_from_values() reads
// either style.
Json to_json_schema(const Schema& schema, ValueStyle style = ValueStyle::kTyped);

// Every leaf with its dotted path, in schema order ("supplier.name", "line_items[].amount").
// Open-key objects appear as "supplier.other_ids.*".
struct LeafPath {
  std::string path;
  const FieldSpec* spec;
};
std::vector<LeafPath> leaf_paths(const Schema& schema);

}  // namespace textra::fields
