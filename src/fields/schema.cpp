#include "fields/schema.h"

#include <algorithm>
#include <filesystem>

#include "base/files.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "fields/builtin_schemas.h"

namespace textra::fields {
namespace {

using json = nlohmann::ordered_json;

constexpr std::size_t kMaxSchemaFileBytes = 1 << 20;
constexpr int kMaxDepth = 16;
// A field name becomes a JSON key of the answer; the LLM grammar (llm/grammar) takes keys of up to 1000 bytes.
constexpr std::size_t kMaxNameBytes = 1000;

Status check_name_length(const std::string& name, const std::string& where) {
  if (name.size() <= kMaxNameBytes) return Status::ok();
  return invalid_argument(where + ": a field name is limited to " + std::to_string(kMaxNameBytes) + " bytes, this one has " +
                          std::to_string(name.size()));
}

// Keywords that change what valid output is and that we cannot honour: refused rather than ignored.
constexpr const char* kRefusedKeywords[] = {"$ref", "allOf", "oneOf", "not", "if", "patternProperties",
                                            "prefixItems", "$defs", "definitions"};

Result<ValueKind> parse_kind(const json& j, const std::string& where) {
  if (!j.contains("x-textra-kind")) return ValueKind::kPlain;
  const json& k = j["x-textra-kind"];
  if (k.is_string()) {
    for (ValueKind kind : {ValueKind::kPlain, ValueKind::kText, ValueKind::kId, ValueKind::kAmount,
                           ValueKind::kCurrency, ValueKind::kPercent}) {
      if (k.get<std::string>() == value_kind_name(kind)) return kind;
    }
  }
  return invalid_argument(where + ": unknown x-textra-kind " + k.dump());
}

Result<std::optional<Role>> parse_role(const json& j, const std::string& where) {
  auto it = j.find("x-textra-role");
  if (it == j.end()) return std::optional<Role>();
  std::optional<Role> role = it->is_string() ? role_from_name(it->get<std::string>()) : std::nullopt;
  if (!role) return invalid_argument(where + ": unknown x-textra-role " + it->dump().substr(0, 100) + " (docs/fields.md lists the roles)");
  return role;
}

// "type" may be a name or a list of names; "null" in it makes the field nullable.
Status parse_type_names(const json& type, std::vector<std::string>& names, bool& nullable, const std::string& where) {
  auto add = [&](const json& t) -> Status {
    if (!t.is_string()) return invalid_argument(where + ": \"type\" must be a string or a list of strings");
    if (t.get<std::string>() == "null") {
      nullable = true;
    } else {
      names.push_back(t.get<std::string>());
    }
    return Status::ok();
  };
  if (type.is_array()) {
    for (const json& t : type) TEXTRA_RETURN_IF_ERROR(add(t));
  } else {
    TEXTRA_RETURN_IF_ERROR(add(type));
  }
  return Status::ok();
}

Result<FieldSpec> parse_spec(const json& j, std::string name, const std::string& where, int depth);

Status parse_object_members(const json& j, FieldSpec& spec, const std::string& where, int depth) {
  std::vector<std::string> required;
  if (j.contains("required")) {
    if (!j["required"].is_array()) return invalid_argument(where + ": \"required\" must be a list");
    for (const json& r : j["required"]) {
      if (!r.is_string()) return invalid_argument(where + ": \"required\" must list strings");
      required.push_back(r.get<std::string>());
    }
  }
  if (j.contains("properties")) {
    if (!j["properties"].is_object()) return invalid_argument(where + ": \"properties\" must be an object");
    for (const auto& [key, sub] : j["properties"].items()) {
      TEXTRA_ASSIGN_OR_RETURN(FieldSpec member, parse_spec(sub, key, where + "." + key, depth + 1));
      member.required = std::find(required.begin(), required.end(), key) != required.end();
      spec.properties.push_back(std::move(member));
    }
  }
  if (j.contains("additionalProperties") && j["additionalProperties"].is_object()) {
    TEXTRA_ASSIGN_OR_RETURN(FieldSpec value, parse_spec(j["additionalProperties"], "", where + ".*", depth + 1));
    spec.open_values = std::make_shared<const FieldSpec>(std::move(value));
  }
  return Status::ok();
}

Result<FieldSpec> parse_spec(const json& j, std::string name, const std::string& where, int depth) {
  TEXTRA_RETURN_IF_ERROR(check_name_length(name, utf8::sanitize(where.substr(0, 200))));
  if (depth > kMaxDepth) return invalid_argument(where + ": schema nested deeper than " + std::to_string(kMaxDepth));
  if (!j.is_object()) return invalid_argument(where + ": a field's schema must be an object");
  for (const char* keyword : kRefusedKeywords) {
    if (j.contains(keyword)) return unsupported(where + ": JSON Schema keyword \"" + keyword + "\" is not supported");
  }
  FieldSpec spec;
  spec.name = std::move(name);
  if (j.contains("description") && j["description"].is_string()) spec.description = j["description"];
  TEXTRA_ASSIGN_OR_RETURN(spec.kind, parse_kind(j, where));
  TEXTRA_ASSIGN_OR_RETURN(spec.role, parse_role(j, where));

  std::vector<std::string> types;
  if (j.contains("anyOf")) {
    // Only the nullable idiom: anyOf [{...}, {"type": "null"}].
    const json& any = j["anyOf"];
    json other;
    bool has_null = false;
    for (const json& alt : any.is_array() ? any : json::array()) {
      if (alt.is_object() && alt.value("type", json()) == "null" && alt.size() == 1) {
        has_null = true;
      } else if (other.is_null()) {
        other = alt;
      } else {
        other = json();
        break;
      }
    }
    if (!has_null || other.is_null()) return unsupported(where + ": \"anyOf\" is supported only as [schema, {\"type\": \"null\"}]");
    json merged = j;
    merged.erase("anyOf");
    for (const auto& [k, v] : other.items()) merged[k] = v;
    TEXTRA_ASSIGN_OR_RETURN(FieldSpec inner, parse_spec(merged, spec.name, where, depth + 1));
    inner.nullable = true;
    return inner;
  }
  if (j.contains("type")) TEXTRA_RETURN_IF_ERROR(parse_type_names(j["type"], types, spec.nullable, where));

  if (j.contains("enum")) {
    if (!j["enum"].is_array() || j["enum"].empty()) return invalid_argument(where + ": \"enum\" must be a non-empty list");
    spec.type = FieldType::kEnum;
    for (const json& v : j["enum"]) {
      if (v.is_null()) {
        spec.nullable = true;
      } else if (v.is_string()) {
        spec.enum_values.push_back(v.get<std::string>());
      } else {
        return unsupported(where + ": only string (and null) enum values are supported");
      }
    }
    return spec;
  }
  if (types.size() > 1) return unsupported(where + ": a field may have one type besides null");
  const std::string type = types.empty() ? (j.contains("properties") ? "object" : "string") : types[0];
  if (type == "string") {
    spec.type = j.contains("format") && j["format"] == "date" ? FieldType::kDate : FieldType::kString;
  } else if (type == "number") {
    spec.type = FieldType::kNumber;
  } else if (type == "integer") {
    spec.type = FieldType::kInteger;
  } else if (type == "boolean") {
    spec.type = FieldType::kBoolean;
  } else if (type == "object") {
    spec.type = FieldType::kObject;
    TEXTRA_RETURN_IF_ERROR(parse_object_members(j, spec, where, depth));
  } else if (type == "array") {
    spec.type = FieldType::kArray;
    if (!j.contains("items")) return invalid_argument(where + ": an array needs \"items\"");
    TEXTRA_ASSIGN_OR_RETURN(FieldSpec item, parse_spec(j["items"], "", where + "[]", depth + 1));
    spec.items = std::make_shared<const FieldSpec>(std::move(item));
  } else {
    return unsupported(where + ": unknown type \"" + type + "\"");
  }
  return spec;
}

json spec_to_json_schema(const FieldSpec& spec, ValueStyle style) {
  json out = json::object();
  auto type_of = [&](const char* name) -> json {
    if (spec.nullable) return json::array({name, "null"});
    return name;
  };
  bool printed = style == ValueStyle::kPrinted && (spec.type == FieldType::kString || spec.type == FieldType::kDate ||
                                                    spec.type == FieldType::kNumber || spec.type == FieldType::kInteger);
  if (printed) {
    out["type"] = type_of("string");
    if (spec.kind != ValueKind::kPlain) out["x-textra-kind"] = value_kind_name(spec.kind);
    out["description"] = spec.description.empty() ? std::string("as printed") : spec.description + " (as printed)";
    return out;
  }
  switch (spec.type) {
    case FieldType::kString: out["type"] = type_of("string"); break;
    case FieldType::kDate:
      out["type"] = type_of("string");
      out["format"] = "date";
      break;
    case FieldType::kNumber: out["type"] = type_of("number"); break;
    case FieldType::kInteger: out["type"] = type_of("integer"); break;
    case FieldType::kBoolean: out["type"] = type_of("boolean"); break;
    case FieldType::kEnum: {
      json values = spec.enum_values;
      if (spec.nullable) values.push_back(nullptr);
      out["enum"] = values;
      break;
    }
    case FieldType::kArray:
      out["type"] = type_of("array");
      out["items"] = spec_to_json_schema(*spec.items, style);
      break;
    case FieldType::kObject: {
      out["type"] = type_of("object");
      json properties = json::object();
      json required = json::array();
      for (const FieldSpec& member : spec.properties) {
        properties[member.name] = spec_to_json_schema(member, style);
        required.push_back(member.name);
      }
      out["properties"] = properties;
      out["required"] = required;
      out["additionalProperties"] = spec.open_values ? spec_to_json_schema(*spec.open_values, style) : json(false);
      break;
    }
  }
  if (spec.kind != ValueKind::kPlain) out["x-textra-kind"] = value_kind_name(spec.kind);
  if (!spec.description.empty()) out["description"] = spec.description;
  return out;
}

void collect_leaves(const FieldSpec& spec, const std::string& path, std::vector<LeafPath>& out) {
  if (spec.is_leaf()) {
    out.push_back({path, &spec});
    return;
  }
  if (spec.type == FieldType::kArray) {
    collect_leaves(*spec.items, path + "[]", out);
    return;
  }
  for (const FieldSpec& member : spec.properties) {
    collect_leaves(member, path.empty() ? member.name : path + "." + member.name, out);
  }
  if (spec.open_values) collect_leaves(*spec.open_values, path + ".*", out);
}

// One "name:type[:description]" entry of a quick list.
Result<FieldSpec> parse_list_entry(std::string_view entry) {
  std::string text(trim_ascii_space(entry));
  std::size_t colon = text.find(':');
  FieldSpec spec;
  spec.name = std::string(trim_ascii_space(text.substr(0, colon)));
  spec.nullable = true;
  if (spec.name.empty()) return invalid_argument("--fields: empty field name in \"" + text + "\"");
  TEXTRA_RETURN_IF_ERROR(check_name_length(spec.name, "--fields"));
  std::string type = colon == std::string::npos ? "string" : std::string(trim_ascii_space(text.substr(colon + 1)));
  std::size_t second = type.find(':');
  if (second != std::string::npos) {
    spec.description = std::string(trim_ascii_space(type.substr(second + 1)));
    type = std::string(trim_ascii_space(type.substr(0, second)));
  }
  if (type.starts_with("enum(") && type.ends_with(")")) {
    spec.type = FieldType::kEnum;
    std::string values = type.substr(5, type.size() - 6);
    std::size_t start = 0;
    while (start <= values.size()) {
      std::size_t bar = values.find('|', start);
      std::string v(trim_ascii_space(
          std::string_view(values).substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
      if (!v.empty()) spec.enum_values.push_back(v);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    if (spec.enum_values.empty()) return invalid_argument("--fields: " + spec.name + ": enum() needs values");
    return spec;
  }
  struct Named {
    const char* name;
    FieldType type;
    ValueKind kind;
  };
  static const Named kTypes[] = {
      {"string", FieldType::kString, ValueKind::kPlain},   {"text", FieldType::kString, ValueKind::kText},
      {"id", FieldType::kString, ValueKind::kId},          {"date", FieldType::kDate, ValueKind::kPlain},
      {"number", FieldType::kNumber, ValueKind::kPlain},   {"amount", FieldType::kNumber, ValueKind::kAmount},
      {"integer", FieldType::kInteger, ValueKind::kPlain}, {"boolean", FieldType::kBoolean, ValueKind::kPlain},
      {"currency", FieldType::kString, ValueKind::kCurrency}, {"percent", FieldType::kNumber, ValueKind::kPercent},
  };
  for (const Named& named : kTypes) {
    if (type == named.name) {
      spec.type = named.type;
      spec.kind = named.kind;
      return spec;
    }
  }
  return invalid_argument("--fields: " + spec.name + ": unknown type \"" + type +
                          "\" (string, text, id, date, number, amount, integer, boolean, currency, percent, enum(a|b))");
}

}  // namespace

const char* field_type_name(FieldType type) {
  switch (type) {
    case FieldType::kString: return "string";
    case FieldType::kNumber: return "number";
    case FieldType::kInteger: return "integer";
    case FieldType::kBoolean: return "boolean";
    case FieldType::kDate: return "date";
    case FieldType::kEnum: return "enum";
    case FieldType::kArray: return "array";
    case FieldType::kObject: return "object";
  }
  return "?";
}

const char* value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kPlain: return "plain";
    case ValueKind::kText: return "text";
    case ValueKind::kId: return "id";
    case ValueKind::kAmount: return "amount";
    case ValueKind::kCurrency: return "currency";
    case ValueKind::kPercent: return "percent";
  }
  return "?";
}

const FieldSpec* FieldSpec::property(std::string_view key) const {
  for (const FieldSpec& member : properties) {
    if (member.name == key) return &member;
  }
  return nullptr;
}

const FieldSpec* Schema::find(std::string_view path) const {
  const FieldSpec* spec = &root;
  while (!path.empty() && spec != nullptr) {
    std::size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    bool element = part.ends_with("[]");
    if (element) part.remove_suffix(2);
    const FieldSpec* next = spec->property(part);
    if (next == nullptr && spec->open_values && (part == "*" || !part.empty())) next = spec->open_values.get();
    spec = next;
    if (spec != nullptr && element) spec = spec->type == FieldType::kArray ? spec->items.get() : nullptr;
  }
  return spec;
}

std::vector<std::string> builtin_schema_names() {
  std::vector<std::string> names;
  for (const BuiltinSchemaText& text : builtin_schema_texts()) names.emplace_back(text.name);
  return names;
}

Result<Schema> builtin_schema(std::string_view name) {
  for (const BuiltinSchemaText& text : builtin_schema_texts()) {
    if (text.name != name) continue;
    json j = json::parse(text.json, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return internal_error("built-in schema " + std::string(name) + " is not valid JSON");
    return schema_from_json_schema(j, std::string(name));
  }
  std::string known;
  for (const std::string& n : builtin_schema_names()) known += (known.empty() ? "" : ", ") + n;
  return not_found("no built-in schema \"" + std::string(name) + "\" (built-in: " + known + ")");
}

Result<Schema> schema_from_json_schema(const json& j, std::string name) {
  TEXTRA_ASSIGN_OR_RETURN(FieldSpec root, parse_spec(j, "", name, 0));
  if (root.type != FieldType::kObject) return invalid_argument(name + ": a schema's top level must be an object");
  if (root.properties.empty() && !root.open_values) return invalid_argument(name + ": the schema has no fields");
  TEXTRA_RETURN_IF_ERROR(check_roles(root, name));
  root.nullable = false;
  return Schema{std::move(name), std::move(root)};
}

Result<Schema> load_schema_file(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, kMaxSchemaFileBytes));
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return invalid_argument(path + ": not valid JSON");
  Result<Schema> schema = schema_from_json_schema(j, std::filesystem::path(path).stem().string());
  if (!schema) return schema.status().with_context(path);
  return schema;
}

Result<Schema> schema_from_field_list(std::string_view list) {
  // Field names become JSON keys: text that is not UTF-8 could not be written as JSON (found by fuzzing).
  if (!utf8::is_valid(list)) return invalid_argument("--fields: not valid UTF-8 text");
  Schema schema;
  schema.name = "fields";
  schema.root.type = FieldType::kObject;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string_view entry = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!trim_ascii_space(entry).empty()) {
      TEXTRA_ASSIGN_OR_RETURN(FieldSpec spec, parse_list_entry(entry));
      if (schema.root.property(spec.name) != nullptr) return invalid_argument("--fields: " + spec.name + " given twice");
      schema.root.properties.push_back(std::move(spec));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (schema.root.properties.empty()) return invalid_argument("--fields: no fields given");
  return schema;
}

Result<Schema> resolve_schema(std::string_view schema_option, std::string_view fields_option,
                              std::string_view default_name) {
  if (!fields_option.empty()) return schema_from_field_list(fields_option);
  std::string_view name = schema_option.empty() ? default_name : schema_option;
  const std::vector<std::string> builtins = builtin_schema_names();
  if (std::find(builtins.begin(), builtins.end(), name) != builtins.end()) return builtin_schema(name);
  return load_schema_file(std::string(name));
}

json to_json_schema(const Schema& schema, ValueStyle style) {
  json out = spec_to_json_schema(schema.root, style);
  out["title"] = schema.name;
  return out;
}

std::vector<LeafPath> leaf_paths(const Schema& schema) {
  std::vector<LeafPath> out;
  collect_leaves(schema.root, "", out);
  return out;
}

}  // namespace textra::fields
