#include "fields/json_schema_check.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace textra::fields {
namespace {

constexpr int kMaxDepth = 64;  // a recursive $ref must not recurse forever

bool has_type(const Json& v, const std::string& t) {
  if (t == "integer") {
    // JSON Schema: 1.0 is an integer too.
    return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
  }
  return (t == "null" && v.is_null()) || (t == "string" && v.is_string()) || (t == "number" && v.is_number()) ||
         (t == "boolean" && v.is_boolean()) || (t == "object" && v.is_object()) || (t == "array" && v.is_array());
}

bool matches_type(const Json& v, const Json& type) {
  if (type.is_string()) return has_type(v, type.get<std::string>());
  if (!type.is_array()) return true;
  return std::any_of(type.begin(), type.end(), [&](const Json& t) { return t.is_string() && has_type(v, t.get<std::string>()); });
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool is_calendar_date(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  const std::chrono::year_month_day date{std::chrono::year(std::stoi(d.substr(0, 4))),
                                         std::chrono::month(static_cast<unsigned>(std::stoi(d.substr(5, 2)))),
                                         std::chrono::day(static_cast<unsigned>(std::stoi(d.substr(8, 2))))};
  return date.ok();
}

// The unsigned value of `s[key]` when it is one, else `fallback`.
std::size_t count_or(const Json& s, const char* key, std::size_t fallback) {
  return s.contains(key) && s.at(key).is_number_unsigned() ? s.at(key).get<std::size_t>() : fallback;
}

class Checker {
 public:
  explicit Checker(const Json& root) : root_(root) {}

  std::string check(const Json& v, const Json& s, const std::string& path, int depth) const {
    if (depth > kMaxDepth) return path + ": schema nested too deep (recursive $ref?)";
    if (s.is_boolean()) return s.get<bool>() ? "" : path + ": not allowed (false schema)";
    if (!s.is_object()) return "";
    if (s.contains("$ref")) {
      const Json* target = resolve(s.at("$ref"));
      if (target == nullptr) return path + ": unresolvable $ref " + s.at("$ref").dump();
      return check(v, *target, path, depth + 1);
    }
    if (s.contains("anyOf") && s.at("anyOf").is_array()) {
      const Json& alternatives = s.at("anyOf");
      bool any = std::any_of(alternatives.begin(), alternatives.end(),
                             [&](const Json& a) { return check(v, a, path, depth + 1).empty(); });
      if (!any) return path + ": matches no anyOf alternative";
    }
    if (s.contains("const") && v != s.at("const")) return path + ": not the const value";
    if (s.contains("enum") && s.at("enum").is_array()) {
      const Json& values = s.at("enum");
      if (std::find(values.begin(), values.end(), v) == values.end()) return path + ": not one of the enum values";
    }
    if (s.contains("type") && !matches_type(v, s.at("type"))) return path + ": wrong type " + v.dump();
    if (v.is_object()) return object_violation(v, s, path, depth);
    if (v.is_array()) return array_violation(v, s, path, depth);
    if (v.is_string()) {
      const std::string& text = v.get_ref<const std::string&>();
      if (code_points(text) > count_or(s, "maxLength", text.size())) return path + ": longer than maxLength";
      if (s.value("format", "") == "date" && !is_calendar_date(text)) return path + ": not a date " + v.dump();
    }
    return "";
  }

 private:
  const Json* resolve(const Json& ref) const {
    if (!ref.is_string() || ref.get<std::string>().rfind("#", 0) != 0) return nullptr;
    try {
      const Json::json_pointer pointer(ref.get<std::string>().substr(1));
      return root_.contains(pointer) ? &root_.at(pointer) : nullptr;
    } catch (const Json::exception&) {
      return nullptr;  // a malformed pointer
    }
  }

  std::string object_violation(const Json& v, const Json& s, const std::string& path, int depth) const {
    if (s.contains("required") && s.at("required").is_array()) {
      for (const Json& key : s.at("required")) {
        if (key.is_string() && !v.contains(key.get<std::string>())) return path + "." + key.get<std::string>() + ": missing";
      }
    }
    const Json* properties = s.contains("properties") && s.at("properties").is_object() ? &s.at("properties") : nullptr;
    for (const auto& [key, value] : v.items()) {
      std::string why;
      if (properties != nullptr && properties->contains(key)) {
        why = check(value, properties->at(key), path + "." + key, depth + 1);
      } else if (s.contains("additionalProperties")) {
        if (s.at("additionalProperties") == Json(false)) return path + "." + key + ": not in the schema";
        why = check(value, s.at("additionalProperties"), path + "." + key, depth + 1);
      }
      if (!why.empty()) return why;
    }
    return "";
  }

  std::string array_violation(const Json& v, const Json& s, const std::string& path, int depth) const {
    if (v.size() < count_or(s, "minItems", 0)) return path + ": fewer items than minItems";
    if (v.size() > count_or(s, "maxItems", v.size())) return path + ": more items than maxItems";
    if (!s.contains("items")) return "";
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string why = check(v[i], s.at("items"), path + "." + std::to_string(i), depth + 1);
      if (!why.empty()) return why;
    }
    return "";
  }

  const Json& root_;
};

}  // namespace

std::string json_schema_violation(const Json& value, const Json& schema) {
  return Checker(schema).check(value, schema, "$", 0);
}

}  // namespace textra::fields
