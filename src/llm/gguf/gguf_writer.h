// Writing GGUF v3 files the way llama.cpp and gguf-py lay them out: header, metadata, tensor infos,
// zero padding to the alignment, then each tensor's bytes padded to the alignment. Tensor data is
// streamed (any chunk size), so files larger than memory can be written.
//
//   GgufWriter w;
//   w.add_metadata("general.architecture", GgufValue::string("llama"));
//   w.add_tensor("token_embd.weight", GgmlType::kQ8_0, {256, 320});
//   TEXTRA_ASSIGN_OR_RETURN(auto out, w.begin("model.gguf"));   // writes everything before the data
//   out->write(bytes_part_1); out->write(bytes_part_2); ...      // tensors in declaration order
//   TEXTRA_RETURN_IF_ERROR(out->finish());
#pragma once

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/gguf/gguf_file.h"
#include "llm/gguf/gguf_value.h"
#include "llm/gguf/tensor_types.h"

namespace textra::llm {

class GgufDataStream;

// Collects the metadata and tensor declarations; begin() writes them and returns the data stream.
class GgufWriter {
 public:
  // Keys must be unique and non-empty. "general.alignment" (a power-of-two UINT32) sets the alignment.
  Status add_metadata(std::string key, GgufValue value);
  // Declares a tensor; ne in ggml order (ne[0] = row length), 1 to 4 dims.
  Status add_tensor(std::string name, GgmlType type, std::span<const std::int64_t> ne);
  Status add_tensor(std::string name, GgmlType type, std::initializer_list<std::int64_t> ne) {
    return add_tensor(std::move(name), type, std::span<const std::int64_t>(ne.begin(), ne.size()));
  }
  // Copies the metadata and tensor declarations of a file (their data is written separately), and its
  // padding convention for files without tensors.
  Status add_all_from(const GgufFile& file);
  // Whether a file without tensors ends with padding to the alignment: llama.cpp writes it (the default),
  // gguf-py does not. Files with tensors are always padded before the data section.
  void set_pad_without_tensors(bool pad) { pad_without_tensors_ = pad; }

  const std::vector<GgufTensorInfo>& tensors() const { return tensors_; }  // offsets filled as declared
  std::uint32_t alignment() const { return alignment_; }

  // Creates (truncates) the file and writes everything up to the tensor data.
  Result<std::unique_ptr<GgufDataStream>> begin(const std::string& path) const;
  // Bytes of the header, metadata, tensor infos and padding: the data section's file offset.
  std::uint64_t data_offset() const;

 private:
  std::vector<GgufKeyValue> metadata_;
  std::vector<GgufTensorInfo> tensors_;  // name, type, n_dims, ne, offset, n_elements, n_bytes (no data)
  std::uint32_t alignment_ = kGgufDefaultAlignment;
  std::uint64_t data_size_ = 0;  // padded sum so far
  bool pad_without_tensors_ = true;
};

// Receives the tensor bytes, in declaration order; pads between tensors itself.
class GgufDataStream {
 public:
  ~GgufDataStream();  // an unfinished file is removed
  GgufDataStream(const GgufDataStream&) = delete;
  GgufDataStream& operator=(const GgufDataStream&) = delete;

  // Appends bytes of the current tensor (chunks may cross tensor boundaries).
  Status write(std::span<const std::uint8_t> bytes);
  // Checks that every tensor got all its bytes, flushes and closes.
  Status finish();
  // Index of the tensor the next byte belongs to (== tensor count when all are written).
  std::size_t current_tensor() const { return current_; }

 private:
  friend class GgufWriter;
  GgufDataStream(std::string path, std::FILE* file, std::vector<std::uint64_t> sizes, std::uint32_t alignment)
      : path_(std::move(path)), file_(file), sizes_(std::move(sizes)), alignment_(alignment) {}
  Status put(const void* data, std::size_t size);
  Status pad_and_advance();

  std::string path_;
  std::FILE* file_;
  std::vector<std::uint64_t> sizes_;  // bytes of each tensor
  std::uint32_t alignment_;
  std::size_t current_ = 0;
  std::uint64_t written_in_current_ = 0;
  bool finished_ = false;
};

// Writes a whole file at once: the metadata and tensors of `file` (a round trip gives the same bytes
// when the source was laid out by llama.cpp or gguf-py).
Status write_gguf_copy(const GgufFile& file, const std::string& path);

}  // namespace textra::llm
