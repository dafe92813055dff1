#include "schema_validator.h"

#include <chrono>
#include <cmath>
#include <regex>

namespace textra::testing {
namespace {

using nlohmann::ordered_json;

bool has_type(const ordered_json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
  }
  return false;
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_calendar_date(const std::string& s) {
  static const std::regex kShape("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  if (!std::regex_match(s, kShape)) return false;
  std::chrono::year_month_day date{std::chrono::year(std::stoi(s.substr(0, 4))),
                                   std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                   std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
  return date.ok();
}

std::string check(const ordered_json& v, const ordered_json& s, const ordered_json& root, const std::string& at) {
  if (s.is_boolean()) return s.get<bool>() ? "" : at + ": the false schema";
  if (s.contains("$ref")) {
    return check(v, root.at(ordered_json::json_pointer(s["$ref"].get<std::string>().substr(1))), root, at);
  }
  if (s.contains("anyOf")) {
    for (const auto& alternative : s["anyOf"]) {
      if (check(v, alternative, root, at).empty()) return "";
    }
    return at + ": matches no anyOf alternative";
  }
  if (s.contains("const") && v != s["const"]) return at + ": not the const value";
  if (s.contains("enum")) {
    bool found = false;
    for (const auto& option : s["enum"]) found = found || option == v;
    if (!found) return at + ": not one of the enum values";
  }
  if (s.contains("type")) {
    bool ok = false;
    if (s["type"].is_string()) ok = has_type(v, s["type"].get<std::string>());
    for (const auto& t : s["type"]) ok = ok || (t.is_string() && has_type(v, t.get<std::string>()));
    if (!ok) return at + ": wrong type " + std::string(v.type_name());
  }
  if (v.is_object()) {
    if (s.contains("required")) {
      for (const auto& name : s["required"]) {
        if (!v.contains(name.get<std::string>())) return at + ": missing required " + name.get<std::string>();
      }
    }
    const ordered_json no_properties = ordered_json::object();
    const ordered_json& properties = s.contains("properties") ? s["properties"] : no_properties;
    for (const auto& [key, value] : v.items()) {
      std::string why;
      if (properties.contains(key)) why = check(value, properties[key], root, at + "/" + key);
      else if (s.contains("additionalProperties")) why = check(value, s["additionalProperties"], root, at + "/" + key);
      if (!why.empty()) return why;
    }
  }
  if (v.is_array()) {
    if (s.contains("minItems") && v.size() < s["minItems"].get<size_t>()) return at + ": too few items";
    if (s.contains("maxItems") && v.size() > s["maxItems"].get<size_t>()) return at + ": too many items";
    if (s.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) {
        std::string why = check(v[i], s["items"], root, at + "/" + std::to_string(i));
        if (!why.empty()) return why;
      }
    }
  }
  if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    if (s.contains("maxLength") && code_points(text) > s["maxLength"].get<size_t>()) return at + ": too long";
    if (s.value("format", "") == "date" && !is_calendar_date(text)) return at + ": not a date: " + text;
  }
  return "";
}

}  // namespace

std::string schema_violation(const ordered_json& value, const ordered_json& schema, const ordered_json& root) {
  return check(value, schema, root, "");
}

}  // namespace textra::testing
