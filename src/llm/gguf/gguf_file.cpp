#include "llm/gguf/gguf_file.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

namespace textra::llm {

// Reads the file front to back; every read checks the bytes left first.
class GgufParser {
 public:
  GgufParser(GgufFile& file, const GgufLimits& limits) : file_(file), bytes_(file.bytes_), limits_(limits) {}

  Status parse() {
    TEXTRA_RETURN_IF_ERROR(parse_header());
    file_.metadata_.reserve(bounded_reserve(n_kv_));
    for (std::uint64_t i = 0; i < n_kv_; ++i) {
      TEXTRA_RETURN_IF_ERROR(parse_key_value(i));
    }
    TEXTRA_RETURN_IF_ERROR(index_metadata());
    TEXTRA_RETURN_IF_ERROR(read_alignment());
    file_.tensors_.reserve(bounded_reserve(n_tensors_));
    for (std::uint64_t i = 0; i < n_tensors_; ++i) {
      TEXTRA_RETURN_IF_ERROR(parse_tensor_info(i));
    }
    TEXTRA_RETURN_IF_ERROR(index_tensors());
    return place_tensors();
  }

 private:
  Status fail(const std::string& what) const {
    return corrupt("GGUF " + what + " (at byte " + std::to_string(pos_) + ")");
  }
  std::uint64_t left() const { return bytes_.size() - pos_; }
  // Counts come from the file: containers grow as items actually parse, with a modest head start.
  static std::size_t bounded_reserve(std::uint64_t count) {
    return static_cast<std::size_t>(std::min<std::uint64_t>(count, 1u << 16));
  }

  template <typename T>
  Status read(T& out, const char* what) {
    if (left() < sizeof(T)) return fail(std::string("truncated: ") + what);
    std::memcpy(&out, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return Status::ok();
  }

  Status read_string(std::string& out, const char* what) {
    std::string_view view;
    TEXTRA_RETURN_IF_ERROR(read_string_view(view, what));
    out.assign(view);
    return Status::ok();
  }

  // A view into the file bytes, valid while they are.
  Status read_string_view(std::string_view& out, const char* what) {
    std::uint64_t length = 0;
    TEXTRA_RETURN_IF_ERROR(read(length, what));
    if (length > left()) {
      return fail(std::string(what) + " length " + std::to_string(length) + " exceeds the " +
                  std::to_string(left()) + " bytes left");
    }
    if (length > limits_.max_string_bytes) {
      return fail(std::string(what) + " length " + std::to_string(length) + " exceeds the limit of " +
                  std::to_string(limits_.max_string_bytes));
    }
    out = std::string_view(reinterpret_cast<const char*>(bytes_.data() + pos_), static_cast<std::size_t>(length));
    pos_ += length;
    return Status::ok();
  }

  // A count of items that each take at least min_item_bytes must fit in the bytes left.
  Status check_count(std::uint64_t count, std::uint64_t min_item_bytes, const std::string& what) const {
    if (count > left() / min_item_bytes) {
      return fail(what + " count " + std::to_string(count) + " cannot fit in the " + std::to_string(left()) +
                  " bytes left");
    }
    return Status::ok();
  }

  Status parse_header() {
    std::uint32_t magic = 0;
    if (bytes_.size() < 4) return fail("truncated: file shorter than the magic");
    TEXTRA_RETURN_IF_ERROR(read(magic, "magic"));
    if (magic != kGgufMagic) return fail("bad magic: not a GGUF file");
    TEXTRA_RETURN_IF_ERROR(read(file_.version_, "version"));
    if (file_.version_ == 1) return unsupported("GGUF version 1 (32-bit counts) is not supported; convert the file");
    if (file_.version_ != 2 && file_.version_ != 3) {
      // A byte-swapped small version means a big-endian file.
      if ((file_.version_ & 0xffffu) == 0 && (file_.version_ >> 16) != 0) {
        return unsupported("big-endian GGUF files are not supported");
      }
      return unsupported("GGUF version " + std::to_string(file_.version_) + " is not supported (2 and 3 are)");
    }
    TEXTRA_RETURN_IF_ERROR(read(n_tensors_, "tensor count"));
    TEXTRA_RETURN_IF_ERROR(read(n_kv_, "metadata count"));
    // Smallest key-value: 8-byte length + 1-byte key + 4-byte type + 1-byte value.
    TEXTRA_RETURN_IF_ERROR(check_count(n_kv_, 14, "metadata"));
    // Smallest tensor info: 8 + 1 name + 4 n_dims + 4 type + 8 offset.
    TEXTRA_RETURN_IF_ERROR(check_count(n_tensors_, 25, "tensor"));
    return Status::ok();
  }

  Status parse_key_value(std::uint64_t index) {
    GgufKeyValue kv;
    TEXTRA_RETURN_IF_ERROR(read_string(kv.key, "metadata key"));
    if (kv.key.empty()) return fail("metadata key " + std::to_string(index) + " is empty");
    std::uint32_t type = 0;
    TEXTRA_RETURN_IF_ERROR(read(type, "metadata type"));
    Status status = parse_value(type, 0, kv.value);
    if (!status.is_ok()) return status.with_context("metadata '" + kv.key + "'");
    file_.metadata_.push_back(std::move(kv));
    return Status::ok();
  }

  Status parse_value(std::uint32_t type_id, std::uint32_t depth, GgufValue& out) {
    if (!is_valid_value_type(type_id)) return fail("unknown value type " + std::to_string(type_id));
    const auto type = static_cast<GgufValueType>(type_id);
    switch (type) {
      case GgufValueType::kUint8: return read_integer<std::uint8_t>(type, out);
      case GgufValueType::kUint16: return read_integer<std::uint16_t>(type, out);
      case GgufValueType::kUint32: return read_integer<std::uint32_t>(type, out);
      case GgufValueType::kUint64: return read_integer<std::uint64_t>(type, out);
      case GgufValueType::kInt8: return read_integer<std::int8_t>(type, out);
      case GgufValueType::kInt16: return read_integer<std::int16_t>(type, out);
      case GgufValueType::kInt32: return read_integer<std::int32_t>(type, out);
      case GgufValueType::kInt64: return read_integer<std::int64_t>(type, out);
      case GgufValueType::kFloat32: {
        float v = 0;
        TEXTRA_RETURN_IF_ERROR(read(v, "FLOAT32 value"));
        out = GgufValue::floating(type, v);
        return Status::ok();
      }
      case GgufValueType::kFloat64: {
        double v = 0;
        TEXTRA_RETURN_IF_ERROR(read(v, "FLOAT64 value"));
        out = GgufValue::floating(type, v);
        return Status::ok();
      }
      case GgufValueType::kBool: {
        std::uint8_t v = 0;
        TEXTRA_RETURN_IF_ERROR(read(v, "BOOL value"));
        if (v > 1) return fail("BOOL value " + std::to_string(v) + " is neither 0 nor 1");
        out = GgufValue::boolean(v != 0);
        return Status::ok();
      }
      case GgufValueType::kString: {
        std::string s;
        TEXTRA_RETURN_IF_ERROR(read_string(s, "string value"));
        out = GgufValue::string(std::move(s));
        return Status::ok();
      }
      case GgufValueType::kArray: return parse_array(depth, out);
    }
    return fail("unknown value type " + std::to_string(type_id));
  }

  template <typename T>
  Status read_integer(GgufValueType type, GgufValue& out) {
    T v = 0;
    TEXTRA_RETURN_IF_ERROR(read(v, "integer value"));
    if constexpr (std::is_signed_v<T>) {
      out = GgufValue::signed_int(type, v);
    } else {
      out = GgufValue::unsigned_int(type, v);
    }
    return Status::ok();
  }

  Status parse_array(std::uint32_t depth, GgufValue& out) {
    if (depth >= limits_.max_array_depth) {
      return fail("arrays nested deeper than " + std::to_string(limits_.max_array_depth));
    }
    std::uint32_t element_type_id = 0;
    std::uint64_t count = 0;
    TEXTRA_RETURN_IF_ERROR(read(element_type_id, "array element type"));
    TEXTRA_RETURN_IF_ERROR(read(count, "array length"));
    if (!is_valid_value_type(element_type_id)) {
      return fail("unknown array element type " + std::to_string(element_type_id));
    }
    const auto element_type = static_cast<GgufValueType>(element_type_id);
    std::uint64_t min_bytes = scalar_size(element_type);
    if (element_type == GgufValueType::kString) min_bytes = 8;
    if (element_type == GgufValueType::kArray) min_bytes = 12;
    TEXTRA_RETURN_IF_ERROR(check_count(count, min_bytes, "array element"));
    elements_ += count;
    if (elements_ > limits_.max_metadata_elements) {
      return fail("more than " + std::to_string(limits_.max_metadata_elements) + " metadata array elements");
    }
    GgufArray array(element_type);
    if (element_type == GgufValueType::kString) {
      std::string_view s;
      for (std::uint64_t i = 0; i < count; ++i) {
        TEXTRA_RETURN_IF_ERROR(read_string_view(s, "string element"));
        array.append_string(s);
      }
    } else if (element_type == GgufValueType::kArray) {
      for (std::uint64_t i = 0; i < count; ++i) {
        GgufValue item;
        TEXTRA_RETURN_IF_ERROR(parse_value(element_type_id, depth + 1, item));
        array.append(item);
      }
    } else {
      // Numbers and booleans: the elements are copied as stored (check_count made sure they are there).
      const auto elements = bytes_.subspan(static_cast<std::size_t>(pos_), static_cast<std::size_t>(count * min_bytes));
      if (element_type == GgufValueType::kBool) {
        for (std::uint8_t b : elements) {
          if (b > 1) return fail("BOOL array element " + std::to_string(b) + " is neither 0 nor 1");
        }
      }
      array.append_raw(elements);
      pos_ += elements.size();
    }
    out = GgufValue::array(std::move(array));
    return Status::ok();
  }

  Status index_metadata() {
    return build_index(file_.metadata_, file_.key_index_, &GgufKeyValue::key, "metadata key");
  }

  // Indexes hold views of the names, so they are built once the vectors no longer move.
  template <typename Item>
  Status build_index(const std::vector<Item>& items, std::unordered_map<std::string_view, std::size_t>& index,
                     std::string Item::*name, const char* what) const {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string& key = items[i].*name;
      if (!index.emplace(key, i).second) return fail(std::string("duplicate ") + what + " '" + key + "'");
    }
    return Status::ok();
  }

  Status read_alignment() {
    const GgufValue* value = file_.find("general.alignment");
    if (value == nullptr) return Status::ok();
    const auto alignment = value->as_uint();
    if (value->type() != GgufValueType::kUint32 || !alignment) {
      return fail("general.alignment must be a UINT32, found " + std::string(value_type_name(value->type())));
    }
    if (*alignment == 0 || (*alignment & (*alignment - 1)) != 0) {
      return fail("general.alignment " + std::to_string(*alignment) + " is not a power of two");
    }
    file_.alignment_ = static_cast<std::uint32_t>(*alignment);
    return Status::ok();
  }

  Status parse_tensor_info(std::uint64_t index) {
    GgufTensorInfo info;
    TEXTRA_RETURN_IF_ERROR(read_string(info.name, "tensor name"));
    const std::string label = "tensor " + std::to_string(index) + " '" + info.name + "'";
    if (info.name.empty()) return fail("tensor " + std::to_string(index) + " has an empty name");
    if (info.name.size() > kGgmlMaxNameLength) {
      return fail(label + ": name longer than " + std::to_string(kGgmlMaxNameLength) + " bytes");
    }
    TEXTRA_RETURN_IF_ERROR(read(info.n_dims, "tensor dimension count"));
    if (info.n_dims == 0 || info.n_dims > kGgmlMaxDims) {
      return fail(label + ": " + std::to_string(info.n_dims) + " dimensions (1 to 4 allowed)");
    }
    for (std::uint32_t d = 0; d < info.n_dims; ++d) {
      TEXTRA_RETURN_IF_ERROR(read(info.ne[d], "tensor dimension"));
      if (info.ne[d] < 0) return fail(label + ": negative dimension " + std::to_string(info.ne[d]));
    }
    std::uint32_t type_id = 0;
    TEXTRA_RETURN_IF_ERROR(read(type_id, "tensor type"));
    const auto type_traits = ggml_type_traits(type_id);
    if (!type_traits) return fail(label + ": unknown tensor type " + std::to_string(type_id));
    info.type = static_cast<GgmlType>(type_id);
    TEXTRA_RETURN_IF_ERROR(read(info.offset, "tensor offset"));
    TEXTRA_RETURN_IF_ERROR(compute_sizes(info, *type_traits, label));
    if (info.offset % file_.alignment_ != 0) {
      return fail(label + ": offset " + std::to_string(info.offset) + " is not a multiple of the alignment " +
                  std::to_string(file_.alignment_));
    }
    file_.tensors_.push_back(std::move(info));
    return Status::ok();
  }

  Status index_tensors() {
    return build_index(file_.tensors_, file_.tensor_index_, &GgufTensorInfo::name, "tensor name");
  }

  Status compute_sizes(GgufTensorInfo& info, const GgmlTypeTraits& type_traits, const std::string& label) const {
    constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t n = 1;
    for (std::int64_t dim : info.ne) {
      const auto d = static_cast<std::uint64_t>(dim);
      if (d != 0 && n > kMax / d) return fail(label + ": element count overflows");
      n *= d;
    }
    if (info.ne[0] % type_traits.block_size != 0) {
      return fail(label + ": row length " + std::to_string(info.ne[0]) + " is not a multiple of the " +
                  std::string(type_traits.name) + " block size " + std::to_string(type_traits.block_size));
    }
    const std::uint64_t blocks = n / type_traits.block_size;
    if (blocks > kMax / type_traits.type_size) return fail(label + ": byte size overflows");
    info.n_elements = n;
    info.n_bytes = blocks * type_traits.type_size;
    return Status::ok();
  }

  // The data section starts at the first aligned offset after the tensor infos. A file without tensors
  // (vocabulary only) may end before it.
  Status place_tensors() {
    const std::uint64_t align = file_.alignment_;
    const std::uint64_t data_offset = (pos_ + align - 1) / align * align;
    file_.data_offset_ = data_offset;
    if (file_.tensors_.empty()) return Status::ok();
    if (data_offset > bytes_.size()) return fail("truncated: the tensor data section is missing");
    const std::uint64_t data_size = bytes_.size() - data_offset;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;  // [begin, end) in the data section
    ranges.reserve(file_.tensors_.size());
    for (auto& info : file_.tensors_) {
      if (info.offset > data_size || info.n_bytes > data_size - info.offset) {
        return fail("truncated: tensor '" + info.name + "' (" + std::to_string(info.n_bytes) + " bytes at offset " +
                    std::to_string(info.offset) + ") ends past the end of the file");
      }
      info.data = bytes_.subspan(static_cast<std::size_t>(data_offset + info.offset),
                                 static_cast<std::size_t>(info.n_bytes));
      ranges.emplace_back(info.offset, info.offset + info.n_bytes);
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i) {
      if (ranges[i].first < ranges[i - 1].second) {
        return fail("tensor data overlap at data offset " + std::to_string(ranges[i].first));
      }
    }
    return Status::ok();
  }

  GgufFile& file_;
  std::span<const std::uint8_t> bytes_;
  const GgufLimits& limits_;
  std::uint64_t pos_ = 0;
  std::uint64_t n_tensors_ = 0;
  std::uint64_t n_kv_ = 0;
  std::uint64_t elements_ = 0;
};

std::string GgufTensorInfo::shape_string() const {
  std::string out = "[";
  for (std::uint32_t d = 0; d < n_dims; ++d) {
    if (d > 0) out += ", ";
    out += std::to_string(ne[d]);
  }
  return out + "]";
}

Result<std::unique_ptr<GgufFile>> GgufFile::parse(std::span<const std::uint8_t> bytes, std::string name,
                                                  const GgufLimits& limits) {
  std::unique_ptr<GgufFile> file(new GgufFile());
  file->bytes_ = bytes;
  file->name_ = std::move(name);
  GgufParser parser(*file, limits);
  Status status = parser.parse();
  if (!status.is_ok()) return status.with_context(file->name_);
  return file;
}

Result<std::unique_ptr<GgufFile>> GgufFile::open(const std::string& path, const GgufLimits& limits,
                                                  FileMapping how) {
  TEXTRA_ASSIGN_OR_RETURN(auto mapping, MappedFile::open(path, how));
  const auto bytes = mapping->bytes();
  TEXTRA_ASSIGN_OR_RETURN(auto file, parse(bytes, path, limits));
  file->mapping_ = std::move(mapping);
  return file;
}

const GgufValue* GgufFile::find(std::string_view key) const {
  const auto it = key_index_.find(key);
  return it == key_index_.end() ? nullptr : &metadata_[it->second].value;
}

const GgufTensorInfo* GgufFile::find_tensor(std::string_view name) const {
  const auto it = tensor_index_.find(name);
  return it == tensor_index_.end() ? nullptr : &tensors_[it->second];
}

Status GgufFile::key_error(std::string_view key, std::string_view expected, const GgufValue& found) const {
  std::string found_type(value_type_name(found.type()));
  if (const GgufArray* array = found.as_array()) {
    found_type += " of " + std::string(value_type_name(array->element_type()));
  }
  return corrupt(name_ + ": metadata '" + std::string(key) + "': expected " + std::string(expected) + ", found " +
                 found_type + " " + found.to_display_string(3));
}

Result<const GgufValue*> GgufFile::require(std::string_view key) const {
  const GgufValue* value = find(key);
  if (value == nullptr) return not_found(name_ + ": metadata '" + std::string(key) + "' is missing");
  return value;
}

Result<std::string> GgufFile::get_string(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  if (const std::string* s = value->as_string()) return *s;
  return key_error(key, "a string", *value);
}

Result<std::int64_t> GgufFile::get_int(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  if (const auto v = value->as_int()) return *v;
  return key_error(key, "an integer", *value);
}

Result<std::uint64_t> GgufFile::get_uint(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  if (const auto v = value->as_uint()) return *v;
  return key_error(key, "a non-negative integer", *value);
}

Result<double> GgufFile::get_float(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  if (const auto v = value->as_double()) return *v;
  return key_error(key, "a number", *value);
}

Result<bool> GgufFile::get_bool(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  if (const auto v = value->as_bool()) return *v;
  return key_error(key, "a boolean", *value);
}

Result<const GgufArray*> GgufFile::get_array(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  if (const GgufArray* array = value->as_array()) return array;
  return key_error(key, "an array", *value);
}

Result<std::vector<std::string_view>> GgufFile::get_string_array(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  const GgufArray* array = value->as_array();
  if (array == nullptr || array->element_type() != GgufValueType::kString) {
    return key_error(key, "an array of strings", *value);
  }
  std::vector<std::string_view> out(array->size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = array->string_at(i);
  return out;
}

Result<std::vector<float>> GgufFile::get_float_array(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  const GgufArray* array = value->as_array();
  if (array == nullptr || !is_float_type(array->element_type())) return key_error(key, "an array of floats", *value);
  std::vector<float> out(array->size());
  if (array->element_type() == GgufValueType::kFloat32) {
    std::memcpy(out.data(), array->raw().data(), array->raw().size());
  } else {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<float>(*array->at(i).as_double());
  }
  return out;
}

Result<std::vector<std::int64_t>> GgufFile::get_int_array(std::string_view key) const {
  TEXTRA_ASSIGN_OR_RETURN(const GgufValue* value, require(key));
  const GgufArray* array = value->as_array();
  if (array == nullptr || !is_integer_type(array->element_type())) {
    return key_error(key, "an array of integers", *value);
  }
  std::vector<std::int64_t> out(array->size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const GgufValue item = array->at(i);
    const auto v = item.as_int();
    if (!v) return key_error(key, "integers that fit int64", item);
    out[i] = *v;
  }
  return out;
}

Result<std::int64_t> GgufFile::get_int_or(std::string_view key, std::int64_t fallback) const {
  return has(key) ? get_int(key) : Result<std::int64_t>(fallback);
}

Result<double> GgufFile::get_float_or(std::string_view key, double fallback) const {
  return has(key) ? get_float(key) : Result<double>(fallback);
}

Result<bool> GgufFile::get_bool_or(std::string_view key, bool fallback) const {
  return has(key) ? get_bool(key) : Result<bool>(fallback);
}

Result<std::string> GgufFile::get_string_or(std::string_view key, std::string fallback) const {
  return has(key) ? get_string(key) : Result<std::string>(std::move(fallback));
}

}  // namespace textra::llm
