#include "fields/json_schema_check.h"

#include <algorithm>

namespace textra::fields {
namespace {

bool has_type(const Json& v, const std::string& t) {
  return (t == "null" && v.is_null()) || (t == "string" && v.is_string()) || (t == "number" && v.is_number()) ||
         (t == "integer" && v.is_number_integer()) || (t == "boolean" && v.is_boolean()) ||
         (t == "object" && v.is_object()) || (t == "array" && v.is_array());
}

// The schema may come from a client: anything not of the expected JSON type is ignored, never thrown on.
bool matches_type(const Json& v, const Json& type) {
  if (type.is_string()) return has_type(v, type.get<std::string>());
  if (!type.is_array()) return true;
  return std::any_of(type.begin(), type.end(), [&](const Json& t) { return t.is_string() && has_type(v, t.get<std::string>()); });
}

bool is_iso_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  return std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

std::string object_violation(const Json& v, const Json& s, const std::string& path) {
  const Json* properties = s.contains("properties") && s.at("properties").is_object() ? &s.at("properties") : nullptr;
  if (s.contains("required") && s.at("required").is_array()) {
    for (const Json& key : s.at("required")) {
      if (key.is_string() && !v.contains(key.get<std::string>())) return path + "." + key.get<std::string>() + ": missing";
    }
  }
  const Json additional = s.value("additionalProperties", Json(true));
  for (const auto& [key, value] : v.items()) {
    if (properties != nullptr && properties->contains(key)) {
      std::string why = json_schema_violation(value, properties->at(key), path + "." + key);
      if (!why.empty()) return why;
    } else if (additional.is_object()) {
      std::string why = json_schema_violation(value, additional, path + "." + key);
      if (!why.empty()) return why;
    } else if (additional == Json(false)) {
      return path + "." + key + ": not in the schema";
    }
  }
  return "";
}

}  // namespace

std::string json_schema_violation(const Json& v, const Json& s, const std::string& path) {
  if (!s.is_object()) return "";
  if (s.contains("anyOf") && s.at("anyOf").is_array()) {
    const Json& alternatives = s.at("anyOf");
    bool any = std::any_of(alternatives.begin(), alternatives.end(),
                           [&](const Json& alternative) { return json_schema_violation(v, alternative, path).empty(); });
    if (!any) return path + ": matches no anyOf alternative";
  }
  if (s.contains("type") && !matches_type(v, s.at("type"))) return path + ": wrong type " + v.dump();
  if (s.contains("enum") && s.at("enum").is_array()) {
    const Json& values = s.at("enum");
    if (std::find(values.begin(), values.end(), v) == values.end()) return path + ": not one of the enum values";
  }
  if (s.value("format", "") == "date" && v.is_string() && !is_iso_date(v.get<std::string>())) {
    return path + ": not a date " + v.dump();
  }
  if (v.is_object()) return object_violation(v, s, path);
  if (v.is_array() && s.contains("items")) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string why = json_schema_violation(v[i], s.at("items"), path + "." + std::to_string(i));
      if (!why.empty()) return why;
    }
  }
  return "";
}

}  // namespace textra::fields
