#include "server/correction_check.h"

#include <algorithm>
#include <cctype>

#include "fields/json_schema_check.h"

namespace textra::server {
namespace {

using fields::Json;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

bool is_index(const std::string& part) {
  return !part.empty() && part.size() <= 6 && std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The JSON Schema of the field at `path` inside `schema` (fields::to_json_schema's output); nullptr if none.
const Json* field_schema(const Json& schema, const std::string& path) {
  const Json* node = &schema;
  for (const std::string& part : split_path(path)) {
    if (part.empty() || !node->is_object()) return nullptr;
    auto properties = node->find("properties");
    auto open = node->find("additionalProperties");
    auto items = node->find("items");
    if (properties != node->end() && properties->contains(part)) {
      node = &(*properties)[part];
    } else if (open != node->end() && open->is_object()) {
      node = &*open;
    } else if (items != node->end() && is_index(part)) {
      node = &*items;
    } else {
      return nullptr;
    }
  }
  return node;
}

Status refuse_path(const std::string& path, const std::string& schema_name) {
  return invalid_argument("correction \"" + path.substr(0, 200) + "\": not a field of schema " + schema_name);
}

}  // namespace

Status check_corrections(const fields::Schema& schema, const nlohmann::json& corrections) {
  if (!corrections.is_object() || corrections.empty()) {
    return invalid_argument("a correction is a non-empty JSON object of field path -> value");
  }
  const Json json_schema = fields::to_json_schema(schema, fields::ValueStyle::kTyped);
  for (const auto& [path, value] : corrections.items()) {
    const Json* field = field_schema(json_schema, path);
    if (field == nullptr) return refuse_path(path, schema.name);
    if (value.is_null()) continue;
    std::string violation = fields::json_schema_violation(Json::parse(value.dump()), *field);
    if (!violation.empty()) return invalid_argument("correction \"" + path + "\": " + violation);
  }
  return Status::ok();
}

Status check_corrections_against_result(const nlohmann::json& result, const nlohmann::json& corrections) {
  if (!corrections.is_object() || corrections.empty()) {
    return invalid_argument("a correction is a non-empty JSON object of field path -> value");
  }
  const std::string schema_name = result.value("schema", "");
  for (const auto& [path, value] : corrections.items()) {
    const nlohmann::json* node = result.contains("fields") ? &result["fields"] : nullptr;
    for (const std::string& part : split_path(path)) {
      if (node == nullptr) break;
      if (node->is_object() && node->contains(part)) {
        node = &(*node)[part];
      } else if (node->is_array() && is_index(part) && std::stoul(part) < node->size()) {
        node = &(*node)[std::stoul(part)];
      } else {
        node = nullptr;
      }
    }
    if (node == nullptr || !node->is_object() || !node->contains("value")) return refuse_path(path, schema_name);
    if (value.is_null()) continue;
    const nlohmann::json& machine = (*node)["value"];
    bool scalar = value.is_string() || value.is_number() || value.is_boolean();
    bool same_type = machine.is_null() || (machine.is_number() == value.is_number() &&
                                           machine.is_string() == value.is_string() &&
                                           machine.is_boolean() == value.is_boolean());
    if (!scalar || !same_type) {
      return invalid_argument("correction \"" + path + "\": expected a value of the type of " + machine.dump());
    }
  }
  return Status::ok();
}

}  // namespace textra::server
