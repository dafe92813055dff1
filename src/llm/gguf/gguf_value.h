// GGUF metadata values: the 13 value types of the format, including arrays of arrays.
// Values own their data (strings are copied out of the mapping at load), so metadata can be built in
// memory and handed to the writer as well as read from a file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace textra::llm {

// gguf_type ids as stored in the file.
enum class GgufValueType : std::uint32_t {
  kUint8 = 0,
  kInt8 = 1,
  kUint16 = 2,
  kInt16 = 3,
  kUint32 = 4,
  kInt32 = 5,
  kFloat32 = 6,
  kBool = 7,
  kString = 8,
  kArray = 9,
  kUint64 = 10,
  kInt64 = 11,
  kFloat64 = 12,
};

// "UINT32", "STRING", ...; "unknown" outside the enum.
std::string_view value_type_name(GgufValueType type);
bool is_valid_value_type(std::uint32_t id);
// Bytes of a scalar of this type in the file; 0 for STRING and ARRAY.
std::size_t scalar_size(GgufValueType type);
bool is_integer_type(GgufValueType type);
bool is_signed_integer_type(GgufValueType type);
bool is_float_type(GgufValueType type);

class GgufArray;

class GgufValue {
 public:
  GgufValue() = default;  // UINT32 0

  // Scalars. The value must fit the type (checked by assert; the reader only produces fitting values).
  static GgufValue unsigned_int(GgufValueType type, std::uint64_t v);
  static GgufValue signed_int(GgufValueType type, std::int64_t v);
  static GgufValue floating(GgufValueType type, double v);
  static GgufValue u32(std::uint32_t v) { return unsigned_int(GgufValueType::kUint32, v); }
  static GgufValue i32(std::int32_t v) { return signed_int(GgufValueType::kInt32, v); }
  static GgufValue u64(std::uint64_t v) { return unsigned_int(GgufValueType::kUint64, v); }
  static GgufValue f32(float v) { return floating(GgufValueType::kFloat32, v); }
  static GgufValue boolean(bool v);
  static GgufValue string(std::string v);
  static GgufValue array(GgufArray v);
  // Common arrays.
  static GgufValue string_array(std::vector<std::string> v);
  static GgufValue f32_array(std::span<const float> v);
  static GgufValue i32_array(std::span<const std::int32_t> v);

  GgufValueType type() const { return type_; }
  bool is_integer() const { return is_integer_type(type_); }
  bool is_float() const { return is_float_type(type_); }

  // Typed reads; nullopt when the value has another type or does not fit the requested one.
  std::optional<std::int64_t> as_int() const;     // any integer type that fits int64
  std::optional<std::uint64_t> as_uint() const;   // any non-negative integer
  std::optional<double> as_double() const;        // FLOAT32/FLOAT64, or any integer
  std::optional<bool> as_bool() const;
  const std::string* as_string() const;           // nullptr unless STRING
  const GgufArray* as_array() const;              // nullptr unless ARRAY

  // Short human-readable rendering (arrays abbreviated), for `model info` and error messages.
  std::string to_display_string(std::size_t max_items = 8) const;

 private:
  GgufValueType type_ = GgufValueType::kUint32;
  // Integers are widened to 64 bits (unsigned zero-extended, signed sign-extended), floats to double:
  // exact for every stored type; the writer narrows them back according to type_.
  std::variant<std::uint64_t, std::int64_t, double, bool, std::string, std::shared_ptr<const GgufArray>> v_ =
      std::uint64_t{0};
};

// A homogeneous array, stored compactly: numbers and booleans as their file bytes, strings in one
// buffer, only arrays of arrays as values. A 128k-token vocabulary loads in a few allocations.
class GgufArray {
 public:
  explicit GgufArray(GgufValueType element_type) : element_type_(element_type) {}
  // Every item must have element_type (asserted).
  GgufArray(GgufValueType element_type, const std::vector<GgufValue>& items);

  void append(const GgufValue& item);  // item.type() == element_type()
  void append_string(std::string_view s);  // STRING arrays
  // Numeric and BOOL arrays: whole elements in the file encoding (little-endian; BOOL bytes 0 or 1).
  void append_raw(std::span<const std::uint8_t> bytes);

  GgufValueType element_type() const { return element_type_; }
  std::size_t size() const;
  GgufValue at(std::size_t i) const;             // any element type, by value
  std::string_view string_at(std::size_t i) const;  // STRING arrays
  const GgufValue& array_at(std::size_t i) const;   // ARRAY arrays
  std::span<const std::uint8_t> raw() const { return raw_; }  // numeric and BOOL arrays

 private:
  GgufValueType element_type_;
  std::vector<std::uint8_t> raw_;        // numeric / BOOL elements
  std::string text_;                     // STRING elements, concatenated
  std::vector<std::size_t> text_ends_;   // end of each string in text_
  std::vector<GgufValue> arrays_;        // ARRAY elements
};

struct GgufKeyValue {
  std::string key;
  GgufValue value;
};

}  // namespace textra::llm
