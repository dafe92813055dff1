// Protocol-buffer wire format, read-only: the fields of one message, one at a time. Every read is bounds-checked
// and varints are overflow-checked, so hostile bytes give an error, never a read past the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace textra::nn {

enum class WireType : uint8_t { kVarint = 0, kFixed64 = 1, kBytes = 2, kFixed32 = 5 };

struct WireField {
  uint32_t number = 0;
  WireType type = WireType::kVarint;
  uint64_t scalar = 0;     // varint value, or the raw bits of a fixed32/fixed64
  std::string_view bytes;  // payload of a length-delimited field
};

class WireReader {
 public:
  explicit WireReader(std::string_view message) : data_(message) {}

  // Reads the next field into `field`; false at the end of the message or on error (then status() says why).
  bool next(WireField& field);
  const Status& status() const { return status_; }

 private:
  bool read_varint(uint64_t& value);
  bool fail(const std::string& why);

  std::string_view data_;
  size_t pos_ = 0;
  Status status_;
};

// Values of a repeated scalar field, packed (one bytes field) or not (one field per value).
Status append_varints(const WireField& field, std::vector<int64_t>& out);
Status append_floats(const WireField& field, std::vector<float>& out);

// The field as a float (fixed32), an int64 (varint) or a string (bytes); an error names the field when the wire
// type is not the one the schema gives it.
Result<float> field_float(const WireField& field, const char* name);
Result<int64_t> field_int(const WireField& field, const char* name);
Result<std::string_view> field_bytes(const WireField& field, const char* name);

}  // namespace textra::nn
