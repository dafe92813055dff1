#include "llm/gguf/gguf_value.h"

#include <cassert>
#include <cstdio>
#include <limits>

namespace textra::llm {

std::string_view value_type_name(GgufValueType type) {
  switch (type) {
    case GgufValueType::kUint8: return "UINT8";
    case GgufValueType::kInt8: return "INT8";
    case GgufValueType::kUint16: return "UINT16";
    case GgufValueType::kInt16: return "INT16";
    case GgufValueType::kUint32: return "UINT32";
    case GgufValueType::kInt32: return "INT32";
    case GgufValueType::kFloat32: return "FLOAT32";
    case GgufValueType::kBool: return "BOOL";
    case GgufValueType::kString: return "STRING";
    case GgufValueType::kArray: return "ARRAY";
    case GgufValueType::kUint64: return "UINT64";
    case GgufValueType::kInt64: return "INT64";
    case GgufValueType::kFloat64: return "FLOAT64";
  }
  return "unknown";
}

bool is_valid_value_type(std::uint32_t id) { return id <= static_cast<std::uint32_t>(GgufValueType::kFloat64); }

std::size_t scalar_size(GgufValueType type) {
  switch (type) {
    case GgufValueType::kUint8:
    case GgufValueType::kInt8:
    case GgufValueType::kBool: return 1;
    case GgufValueType::kUint16:
    case GgufValueType::kInt16: return 2;
    case GgufValueType::kUint32:
    case GgufValueType::kInt32:
    case GgufValueType::kFloat32: return 4;
    case GgufValueType::kUint64:
    case GgufValueType::kInt64:
    case GgufValueType::kFloat64: return 8;
    case GgufValueType::kString:
    case GgufValueType::kArray: return 0;
  }
  return 0;
}

bool is_signed_integer_type(GgufValueType type) {
  return type == GgufValueType::kInt8 || type == GgufValueType::kInt16 || type == GgufValueType::kInt32 ||
         type == GgufValueType::kInt64;
}

bool is_integer_type(GgufValueType type) {
  return is_signed_integer_type(type) || type == GgufValueType::kUint8 || type == GgufValueType::kUint16 ||
         type == GgufValueType::kUint32 || type == GgufValueType::kUint64;
}

bool is_float_type(GgufValueType type) {
  return type == GgufValueType::kFloat32 || type == GgufValueType::kFloat64;
}

GgufValue GgufValue::unsigned_int(GgufValueType type, std::uint64_t v) {
  assert(is_integer_type(type) && !is_signed_integer_type(type));
  GgufValue value;
  value.type_ = type;
  value.v_ = v;
  return value;
}

GgufValue GgufValue::signed_int(GgufValueType type, std::int64_t v) {
  assert(is_signed_integer_type(type));
  GgufValue value;
  value.type_ = type;
  value.v_ = v;
  return value;
}

GgufValue GgufValue::floating(GgufValueType type, double v) {
  assert(is_float_type(type));
  GgufValue value;
  value.type_ = type;
  value.v_ = v;
  return value;
}

GgufValue GgufValue::boolean(bool v) {
  GgufValue value;
  value.type_ = GgufValueType::kBool;
  value.v_ = v;
  return value;
}

GgufValue GgufValue::string(std::string v) {
  GgufValue value;
  value.type_ = GgufValueType::kString;
  value.v_ = std::move(v);
  return value;
}

GgufValue GgufValue::array(GgufArray v) {
  GgufValue value;
  value.type_ = GgufValueType::kArray;
  value.v_ = std::make_shared<const GgufArray>(std::move(v));
  return value;
}

GgufValue GgufValue::string_array(std::vector<std::string> v) {
  std::vector<GgufValue> items;
  items.reserve(v.size());
  for (auto& s : v) items.push_back(string(std::move(s)));
  return array(GgufArray(GgufValueType::kString, std::move(items)));
}

GgufValue GgufValue::f32_array(std::span<const float> v) {
  std::vector<GgufValue> items;
  items.reserve(v.size());
  for (float f : v) items.push_back(f32(f));
  return array(GgufArray(GgufValueType::kFloat32, std::move(items)));
}

GgufValue GgufValue::i32_array(std::span<const std::int32_t> v) {
  std::vector<GgufValue> items;
  items.reserve(v.size());
  for (std::int32_t i : v) items.push_back(i32(i));
  return array(GgufArray(GgufValueType::kInt32, std::move(items)));
}

std::optional<std::int64_t> GgufValue::as_int() const {
  if (const auto* s = std::get_if<std::int64_t>(&v_)) return *s;
  if (const auto* u = std::get_if<std::uint64_t>(&v_)) {
    if (*u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(*u);
    }
  }
  return std::nullopt;
}

std::optional<std::uint64_t> GgufValue::as_uint() const {
  if (const auto* u = std::get_if<std::uint64_t>(&v_)) return *u;
  if (const auto* s = std::get_if<std::int64_t>(&v_)) {
    if (*s >= 0) return static_cast<std::uint64_t>(*s);
  }
  return std::nullopt;
}

std::optional<double> GgufValue::as_double() const {
  if (const auto* d = std::get_if<double>(&v_)) return *d;
  if (const auto* u = std::get_if<std::uint64_t>(&v_)) return static_cast<double>(*u);
  if (const auto* s = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*s);
  return std::nullopt;
}

std::optional<bool> GgufValue::as_bool() const {
  if (const auto* b = std::get_if<bool>(&v_)) return *b;
  return std::nullopt;
}

const std::string* GgufValue::as_string() const { return std::get_if<std::string>(&v_); }

const GgufArray* GgufValue::as_array() const {
  const auto* a = std::get_if<std::shared_ptr<const GgufArray>>(&v_);
  return a ? a->get() : nullptr;
}

std::string GgufValue::to_display_string(std::size_t max_items) const {
  if (const auto* s = as_string()) {
    constexpr std::size_t kMaxChars = 80;
    std::string shown = s->size() > kMaxChars ? s->substr(0, kMaxChars) + "..." : *s;
    return "\"" + shown + "\"";
  }
  if (const auto* a = as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size() && i < max_items; ++i) {
      if (i > 0) out += ", ";
      out += (*a)[i].to_display_string(max_items);
    }
    if (a->size() > max_items) out += ", ... (" + std::to_string(a->size()) + " items)";
    return out + "]";
  }
  if (const auto b = as_bool()) return *b ? "true" : "false";
  if (const auto* d = std::get_if<double>(&v_)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", *d);
    return buffer;
  }
  if (const auto* u = std::get_if<std::uint64_t>(&v_)) return std::to_string(*u);
  return std::to_string(std::get<std::int64_t>(v_));
}

}  // namespace textra::llm
