#include "nn/wire_reader.h"

#include <cstring>

namespace textra::nn {
namespace {

// Decodes one varint at data[pos], advancing pos; returns nullptr, or what is wrong.
const char* decode_varint(std::string_view data, size_t& pos, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data.size()) return "truncated varint";
    uint8_t byte = static_cast<uint8_t>(data[pos++]);
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (shift == 63 && byte > 1) return "varint overflows 64 bits";
    value |= uint64_t{byte & 0x7Fu} << shift;
    if ((byte & 0x80) == 0) return nullptr;
  }
  return "varint longer than 10 bytes";
}

}  // namespace

bool WireReader::fail(const std::string& why) {
  status_ = corrupt(why + " at byte " + std::to_string(pos_));
  return false;
}

bool WireReader::read_varint(uint64_t& value) {
  const char* error = decode_varint(data_, pos_, value);
  return error == nullptr || fail(error);
}

bool WireReader::next(WireField& field) {
  if (!status_.is_ok() || pos_ >= data_.size()) return false;
  uint64_t key = 0;
  if (!read_varint(key)) return false;
  uint64_t number = key >> 3;
  if (number == 0 || number > 0x1FFFFFFF) return fail("bad field number");
  field = WireField{};
  field.number = static_cast<uint32_t>(number);
  switch (key & 7) {
    case 0:
      field.type = WireType::kVarint;
      return read_varint(field.scalar);
    case 1:
    case 5: {
      size_t width = (key & 7) == 1 ? 8 : 4;
      if (data_.size() - pos_ < width) return fail("truncated fixed-width field");
      field.type = width == 8 ? WireType::kFixed64 : WireType::kFixed32;
      std::memcpy(&field.scalar, data_.data() + pos_, width);  // little-endian hosts only (x86-64, arm64)
      pos_ += width;
      return true;
    }
    case 2: {
      uint64_t length = 0;
      if (!read_varint(length)) return false;
      if (length > data_.size() - pos_) return fail("length-delimited field runs past the end");
      field.type = WireType::kBytes;
      field.bytes = data_.substr(pos_, static_cast<size_t>(length));
      pos_ += static_cast<size_t>(length);
      return true;
    }
    default:
      return fail("unsupported wire type " + std::to_string(key & 7));
  }
}

Status append_varints(const WireField& field, std::vector<int64_t>& out) {
  if (field.type == WireType::kVarint) {
    out.push_back(static_cast<int64_t>(field.scalar));
    return Status::ok();
  }
  if (field.type != WireType::kBytes) return corrupt("repeated integer field with a wrong wire type");
  // Each packed varint takes at least one byte: reserving by the byte count cannot over-allocate.
  out.reserve(out.size() + field.bytes.size());
  size_t pos = 0;
  while (pos < field.bytes.size()) {
    uint64_t value = 0;
    if (const char* error = decode_varint(field.bytes, pos, value)) return corrupt(std::string("packed ") + error);
    out.push_back(static_cast<int64_t>(value));
  }
  return Status::ok();
}

Status append_floats(const WireField& field, std::vector<float>& out) {
  if (field.type == WireType::kFixed32) {
    float value;
    uint32_t bits = static_cast<uint32_t>(field.scalar);
    std::memcpy(&value, &bits, 4);
    out.push_back(value);
    return Status::ok();
  }
  if (field.type != WireType::kBytes || field.bytes.size() % 4 != 0) {
    return corrupt("repeated float field with a wrong wire type or length");
  }
  if (field.bytes.empty()) return Status::ok();
  size_t start = out.size();
  out.resize(start + field.bytes.size() / 4);
  std::memcpy(out.data() + start, field.bytes.data(), field.bytes.size());
  return Status::ok();
}

Result<float> field_float(const WireField& field, const char* name) {
  if (field.type != WireType::kFixed32) return corrupt(std::string(name) + ": expected a float");
  float value;
  uint32_t bits = static_cast<uint32_t>(field.scalar);
  std::memcpy(&value, &bits, 4);
  return value;
}

Result<int64_t> field_int(const WireField& field, const char* name) {
  if (field.type != WireType::kVarint) return corrupt(std::string(name) + ": expected an integer");
  return static_cast<int64_t>(field.scalar);
}

Result<std::string_view> field_bytes(const WireField& field, const char* name) {
  if (field.type != WireType::kBytes) return corrupt(std::string(name) + ": expected a length-delimited field");
  return field.bytes;
}

}  // namespace textra::nn
