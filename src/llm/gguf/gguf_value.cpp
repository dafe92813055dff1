#include "llm/gguf/gguf_value.h"

#include <cassert>
#include <cstdio>
#include <cstring>
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
  GgufArray a(GgufValueType::kString);
  for (const auto& s : v) a.append_string(s);
  return array(std::move(a));
}

GgufValue GgufValue::f32_array(std::span<const float> v) {
  GgufArray a(GgufValueType::kFloat32);
  a.append_raw(std::span(reinterpret_cast<const std::uint8_t*>(v.data()), v.size_bytes()));
  return array(std::move(a));
}

GgufValue GgufValue::i32_array(std::span<const std::int32_t> v) {
  GgufArray a(GgufValueType::kInt32);
  a.append_raw(std::span(reinterpret_cast<const std::uint8_t*>(v.data()), v.size_bytes()));
  return array(std::move(a));
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
      out += a->at(i).to_display_string(max_items);
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

GgufArray::GgufArray(GgufValueType element_type, const std::vector<GgufValue>& items) : element_type_(element_type) {
  for (const GgufValue& item : items) append(item);
}

namespace {

template <typename T>
void append_scalar(std::vector<std::uint8_t>& raw, T value) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(&value);
  raw.insert(raw.end(), p, p + sizeof(T));
}

template <typename T>
T load_scalar(const std::vector<std::uint8_t>& raw, std::size_t i) {
  T value;
  std::memcpy(&value, raw.data() + i * sizeof(T), sizeof(T));
  return value;
}

}  // namespace

void GgufArray::append(const GgufValue& item) {
  assert(item.type() == element_type_);
  switch (element_type_) {
    case GgufValueType::kUint8: append_scalar(raw_, static_cast<std::uint8_t>(*item.as_uint())); return;
    case GgufValueType::kUint16: append_scalar(raw_, static_cast<std::uint16_t>(*item.as_uint())); return;
    case GgufValueType::kUint32: append_scalar(raw_, static_cast<std::uint32_t>(*item.as_uint())); return;
    case GgufValueType::kUint64: append_scalar(raw_, static_cast<std::uint64_t>(*item.as_uint())); return;
    case GgufValueType::kInt8: append_scalar(raw_, static_cast<std::int8_t>(*item.as_int())); return;
    case GgufValueType::kInt16: append_scalar(raw_, static_cast<std::int16_t>(*item.as_int())); return;
    case GgufValueType::kInt32: append_scalar(raw_, static_cast<std::int32_t>(*item.as_int())); return;
    case GgufValueType::kInt64: append_scalar(raw_, static_cast<std::int64_t>(*item.as_int())); return;
    case GgufValueType::kFloat32: append_scalar(raw_, static_cast<float>(*item.as_double())); return;
    case GgufValueType::kFloat64: append_scalar(raw_, *item.as_double()); return;
    case GgufValueType::kBool: append_scalar<std::uint8_t>(raw_, *item.as_bool() ? 1 : 0); return;
    case GgufValueType::kString: append_string(*item.as_string()); return;
    case GgufValueType::kArray: arrays_.push_back(item); return;
  }
}

void GgufArray::append_string(std::string_view s) {
  assert(element_type_ == GgufValueType::kString);
  text_ += s;
  text_ends_.push_back(text_.size());
}

void GgufArray::append_raw(std::span<const std::uint8_t> bytes) {
  assert(scalar_size(element_type_) != 0 && bytes.size() % scalar_size(element_type_) == 0);
  raw_.insert(raw_.end(), bytes.begin(), bytes.end());
}

std::size_t GgufArray::size() const {
  if (element_type_ == GgufValueType::kString) return text_ends_.size();
  if (element_type_ == GgufValueType::kArray) return arrays_.size();
  return raw_.size() / scalar_size(element_type_);
}

std::string_view GgufArray::string_at(std::size_t i) const {
  const std::size_t begin = i == 0 ? 0 : text_ends_[i - 1];
  return std::string_view(text_).substr(begin, text_ends_[i] - begin);
}

const GgufValue& GgufArray::array_at(std::size_t i) const { return arrays_[i]; }

GgufValue GgufArray::at(std::size_t i) const {
  const GgufValueType t = element_type_;
  switch (t) {
    case GgufValueType::kUint8: return GgufValue::unsigned_int(t, load_scalar<std::uint8_t>(raw_, i));
    case GgufValueType::kUint16: return GgufValue::unsigned_int(t, load_scalar<std::uint16_t>(raw_, i));
    case GgufValueType::kUint32: return GgufValue::unsigned_int(t, load_scalar<std::uint32_t>(raw_, i));
    case GgufValueType::kUint64: return GgufValue::unsigned_int(t, load_scalar<std::uint64_t>(raw_, i));
    case GgufValueType::kInt8: return GgufValue::signed_int(t, load_scalar<std::int8_t>(raw_, i));
    case GgufValueType::kInt16: return GgufValue::signed_int(t, load_scalar<std::int16_t>(raw_, i));
    case GgufValueType::kInt32: return GgufValue::signed_int(t, load_scalar<std::int32_t>(raw_, i));
    case GgufValueType::kInt64: return GgufValue::signed_int(t, load_scalar<std::int64_t>(raw_, i));
    case GgufValueType::kFloat32: return GgufValue::floating(t, load_scalar<float>(raw_, i));
    case GgufValueType::kFloat64: return GgufValue::floating(t, load_scalar<double>(raw_, i));
    case GgufValueType::kBool: return GgufValue::boolean(raw_[i] != 0);
    case GgufValueType::kString: return GgufValue::string(std::string(string_at(i)));
    case GgufValueType::kArray: return arrays_[i];
  }
  return {};
}

}  // namespace textra::llm
