// Reading GGUF files (versions 2 and 3). The file is memory-mapped; metadata is parsed into values at
// open, tensors are views into the mapping (never copied). The file is untrusted: every count, length,
// type, dimension and offset is checked before use, and a bad file is refused with a reason.
//
//   TEXTRA_ASSIGN_OR_RETURN(auto file, GgufFile::open("model.gguf"));
//   TEXTRA_ASSIGN_OR_RETURN(std::string arch, file->get_string("general.architecture"));
//   const GgufTensorInfo* w = file->find_tensor("blk.0.attn_q.weight");  // w->data: bytes in the mapping
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/files.h"
#include "base/status.h"
#include "llm/gguf/gguf_value.h"
#include "llm/gguf/tensor_types.h"

namespace textra::llm {

constexpr std::uint32_t kGgufMagic = 0x46554747;  // "GGUF" read as a little-endian uint32
constexpr std::uint32_t kGgufDefaultAlignment = 32;
constexpr std::size_t kGgmlMaxDims = 4;
constexpr std::size_t kGgmlMaxNameLength = 63;  // ggml's GGML_MAX_NAME (64) minus the terminating NUL

// Bounds beyond the structural checks (which already bound every count by the bytes left in the file).
struct GgufLimits {
  std::uint64_t max_metadata_elements = 8u << 20;  // all array elements together (vocabularies: ~1M)
  std::uint32_t max_array_depth = 8;                 // arrays of arrays of ...
  std::uint64_t max_string_bytes = 64u << 20;        // one key or string value
};

struct GgufTensorInfo {
  std::string name;
  GgmlType type = GgmlType::kF32;
  std::uint32_t n_dims = 0;
  // ggml order: ne[0] is the row length (contiguous), ne[1] the number of rows, ...; unused dims are 1.
  std::array<std::int64_t, kGgmlMaxDims> ne = {1, 1, 1, 1};
  std::uint64_t offset = 0;      // relative to the start of the data section
  std::uint64_t n_elements = 0;  // product of ne
  std::uint64_t n_bytes = 0;     // bytes in the file
  std::span<const std::uint8_t> data;  // view into the mapping, n_bytes long, aligned to the file alignment

  std::uint64_t n_rows() const { return n_elements / static_cast<std::uint64_t>(ne[0]); }
  std::uint64_t row_bytes() const { return n_rows() == 0 ? 0 : n_bytes / n_rows(); }
  std::string shape_string() const;  // "[256, 320]"
};

class GgufFile {
 public:
  // Maps and parses a file. Inference opens its model with FileMapping::kHugePages (weights streamed once
  // per forward pass); reading metadata keeps the default, which touches only the pages it reads.
  static Result<std::unique_ptr<GgufFile>> open(const std::string& path, const GgufLimits& limits = {},
                                                FileMapping mapping = FileMapping::kPageCache);
  // Parses bytes the caller keeps alive for the lifetime of the result (tests, fuzzing). name is used in
  // error messages.
  static Result<std::unique_ptr<GgufFile>> parse(std::span<const std::uint8_t> bytes, std::string name,
                                                  const GgufLimits& limits = {});

  const std::string& name() const { return name_; }  // the path, or the name given to parse()
  std::uint32_t version() const { return version_; }
  std::uint32_t alignment() const { return alignment_; }
  std::uint64_t data_offset() const { return data_offset_; }  // file offset of the tensor data section
  std::span<const std::uint8_t> bytes() const { return bytes_; }  // the whole file

  // ---- metadata ----
  const std::vector<GgufKeyValue>& metadata() const { return metadata_; }  // in file order
  const GgufValue* find(std::string_view key) const;                       // nullptr when absent
  bool has(std::string_view key) const { return find(key) != nullptr; }
  // Typed accessors: kNotFound when absent, kCorrupt when the stored type does not match.
  Result<std::string> get_string(std::string_view key) const;
  Result<std::int64_t> get_int(std::string_view key) const;    // any integer type that fits int64
  Result<std::uint64_t> get_uint(std::string_view key) const;  // any non-negative integer
  Result<double> get_float(std::string_view key) const;        // FLOAT32/FLOAT64 (integers accepted)
  Result<bool> get_bool(std::string_view key) const;
  Result<const GgufArray*> get_array(std::string_view key) const;
  // Arrays of one element kind; string views point into this object (valid while it lives).
  Result<std::vector<std::string_view>> get_string_array(std::string_view key) const;
  Result<std::vector<float>> get_float_array(std::string_view key) const;
  Result<std::vector<std::int64_t>> get_int_array(std::string_view key) const;
  // Optional keys: the fallback when absent, still an error when present with the wrong type.
  Result<std::int64_t> get_int_or(std::string_view key, std::int64_t fallback) const;
  Result<double> get_float_or(std::string_view key, double fallback) const;
  Result<bool> get_bool_or(std::string_view key, bool fallback) const;
  Result<std::string> get_string_or(std::string_view key, std::string fallback) const;

  // ---- tensors ----
  const std::vector<GgufTensorInfo>& tensors() const { return tensors_; }  // in file order
  const GgufTensorInfo* find_tensor(std::string_view name) const;         // nullptr when absent

 private:
  GgufFile() = default;
  Status key_error(std::string_view key, std::string_view expected, const GgufValue& found) const;
  Result<const GgufValue*> require(std::string_view key) const;

  friend class GgufParser;
  std::unique_ptr<MappedFile> mapping_;  // null for parse()
  std::span<const std::uint8_t> bytes_;
  std::string name_;
  std::uint32_t version_ = 0;
  std::uint32_t alignment_ = kGgufDefaultAlignment;
  std::uint64_t data_offset_ = 0;
  std::vector<GgufKeyValue> metadata_;
  std::unordered_map<std::string_view, std::size_t> key_index_;  // views into metadata_ keys
  std::vector<GgufTensorInfo> tensors_;
  std::unordered_map<std::string_view, std::size_t> tensor_index_;  // views into tensors_ names
};

}  // namespace textra::llm
