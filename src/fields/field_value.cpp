#include "fields/field_value.h"

#include <cmath>
#include <cstdio>

#include "base/utf8.h"

namespace textra::fields {
namespace {

Status unreadable(const FieldSpec& spec, std::string_view raw, const char* what) {
  return invalid_argument((spec.name.empty() ? std::string("value") : spec.name) + ": cannot read " + what + " in \"" +
                          std::string(raw) + "\"");
}

Result<Json> normalize_number(const FieldSpec& spec, std::string_view raw, const NormalizeOptions& options) {
  std::optional<double> value;
  if (spec.kind == ValueKind::kPercent) {
    value = parse_percent(raw);
  } else if (auto amount = parse_amount(raw, options.amounts)) {
    value = amount->value;
  }
  if (!value) return unreadable(spec, raw, "a number");
  if (spec.type == FieldType::kInteger) {
    if (*value != std::floor(*value)) return unreadable(spec, raw, "an integer");
    return Json(static_cast<long long>(*value));
  }
  return Json(*value);
}

Result<Json> normalize_boolean(const FieldSpec& spec, std::string_view raw) {
  std::string word = utf8::to_lower(utf8::strip_accents(collapse_white_space(raw)));
  for (const char* yes : {"true", "yes", "oui", "1", "x", "y", "o", "vrai"}) {
    if (word == yes) return Json(true);
  }
  for (const char* no : {"false", "no", "non", "0", "n", "faux"}) {
    if (word == no) return Json(false);
  }
  return unreadable(spec, raw, "yes or no");
}

Result<Json> normalize_enum(const FieldSpec& spec, std::string_view raw) {
  std::string wanted = utf8::to_lower(utf8::strip_accents(collapse_white_space(raw)));
  for (const std::string& value : spec.enum_values) {
    if (utf8::to_lower(utf8::strip_accents(value)) == wanted) return Json(value);
  }
  return unreadable(spec, raw, "one of the allowed values");
}

Result<Json> normalize_string(const FieldSpec& spec, std::string_view raw, const NormalizeOptions& options) {
  switch (spec.kind) {
    case ValueKind::kId: return Json(remove_white_space(raw));
    case ValueKind::kCurrency: {
      auto code = find_currency(raw, options.amounts.dollar_currency);
      if (!code) return unreadable(spec, raw, "a currency");
      return Json(*code);
    }
    default: return Json(collapse_white_space(raw));
  }
}

std::string two_decimals(double value) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(to_cents(value)) / 100.0);
  return buf;
}

}  // namespace

NormalizeOptions normalize_options_for_language(std::string_view language) {
  NormalizeOptions options;
  options.amounts.decimal_mark = ',';
  if (language.starts_with("en")) {
    options.amounts.decimal_mark = '.';
    if (language == "en-US" || language == "en_US") options.date_order = DateOrder::kMonthFirst;
  }
  return options;
}

Result<Json> normalize_printed(const FieldSpec& spec, std::string_view raw, const NormalizeOptions& options) {
  if (collapse_white_space(raw).empty()) return Json(nullptr);
  switch (spec.type) {
    case FieldType::kDate: {
      auto date = parse_date(raw, options.date_order);
      if (!date) return unreadable(spec, raw, "a date");
      return Json(date->iso());
    }
    case FieldType::kNumber:
    case FieldType::kInteger: return normalize_number(spec, raw, options);
    case FieldType::kBoolean: return normalize_boolean(spec, raw);
    case FieldType::kEnum: return normalize_enum(spec, raw);
    case FieldType::kString: return normalize_string(spec, raw, options);
    case FieldType::kArray:
    case FieldType::kObject: break;
  }
  return invalid_argument(spec.name + ": a " + field_type_name(spec.type) + " is not a single value");
}

Result<Json> normalize_json(const FieldSpec& spec, const Json& value, const NormalizeOptions& options) {
  if (value.is_null()) return Json(nullptr);
  if (value.is_string()) return normalize_printed(spec, value.get<std::string>(), options);
  if (value.is_boolean() && spec.type == FieldType::kBoolean) return value;
  if (value.is_number() && (spec.type == FieldType::kNumber || spec.type == FieldType::kInteger)) {
    if (spec.type == FieldType::kInteger && value.is_number_float()) {
      double v = value.get<double>();
      if (v != std::floor(v)) return invalid_argument(spec.name + ": " + value.dump() + " is not an integer");
      return Json(static_cast<long long>(v));
    }
    return value;
  }
  if (value.is_number() && spec.type == FieldType::kString) return normalize_printed(spec, value.dump(), options);
  return invalid_argument(spec.name + ": expected a " + std::string(field_type_name(spec.type)) + ", got " +
                          value.dump());
}

std::string comparison_key(const FieldSpec& spec, const Json& value) {
  if (value.is_null()) return "";
  Result<Json> normal = normalize_json(spec, value, {});
  if (!normal.is_ok()) return value.is_string() ? collapse_white_space(value.get<std::string>()) : value.dump();
  const Json& v = *normal;
  if (v.is_null()) return "";
  if (v.is_number()) return two_decimals(v.get<double>());
  if (!v.is_string()) return v.dump();
  const std::string& s = v.get_ref<const std::string&>();
  switch (spec.kind) {
    case ValueKind::kText: return text_key(s);
    case ValueKind::kId: return remove_white_space(s);
    default: return s;
  }
}

}  // namespace textra::fields
