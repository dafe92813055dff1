#include "llm/gguf/gguf_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_set>

namespace textra::llm {
namespace {

template <typename T>
void append(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void append_string(std::string& out, std::string_view s) {
  append<std::uint64_t>(out, s.size());
  out += s;
}

std::uint64_t padded(std::uint64_t size, std::uint64_t alignment) {
  return (size + alignment - 1) / alignment * alignment;
}

// Values are stored widened; each is narrowed back to its own type (the reader only makes fitting ones).
void append_value(std::string& out, const GgufValue& value) {
  switch (value.type()) {
    case GgufValueType::kUint8: append(out, static_cast<std::uint8_t>(*value.as_uint())); return;
    case GgufValueType::kUint16: append(out, static_cast<std::uint16_t>(*value.as_uint())); return;
    case GgufValueType::kUint32: append(out, static_cast<std::uint32_t>(*value.as_uint())); return;
    case GgufValueType::kUint64: append(out, static_cast<std::uint64_t>(*value.as_uint())); return;
    case GgufValueType::kInt8: append(out, static_cast<std::int8_t>(*value.as_int())); return;
    case GgufValueType::kInt16: append(out, static_cast<std::int16_t>(*value.as_int())); return;
    case GgufValueType::kInt32: append(out, static_cast<std::int32_t>(*value.as_int())); return;
    case GgufValueType::kInt64: append(out, static_cast<std::int64_t>(*value.as_int())); return;
    case GgufValueType::kFloat32: append(out, static_cast<float>(*value.as_double())); return;
    case GgufValueType::kFloat64: append(out, *value.as_double()); return;
    case GgufValueType::kBool: append<std::uint8_t>(out, *value.as_bool() ? 1 : 0); return;
    case GgufValueType::kString: append_string(out, *value.as_string()); return;
    case GgufValueType::kArray: {
      const GgufArray& array = *value.as_array();
      append(out, static_cast<std::uint32_t>(array.element_type()));
      append<std::uint64_t>(out, array.size());
      if (array.element_type() == GgufValueType::kString) {
        for (std::size_t i = 0; i < array.size(); ++i) append_string(out, array.string_at(i));
      } else if (array.element_type() == GgufValueType::kArray) {
        for (std::size_t i = 0; i < array.size(); ++i) append_value(out, array.array_at(i));
      } else {
        out.append(reinterpret_cast<const char*>(array.raw().data()), array.raw().size());
      }
      return;
    }
  }
}

std::string serialize_header(const std::vector<GgufKeyValue>& metadata, const std::vector<GgufTensorInfo>& tensors,
                             std::uint32_t alignment, bool pad_without_tensors) {
  std::string out;
  append<std::uint32_t>(out, kGgufMagic);
  append<std::uint32_t>(out, 3);
  append<std::uint64_t>(out, tensors.size());
  append<std::uint64_t>(out, metadata.size());
  for (const auto& kv : metadata) {
    append_string(out, kv.key);
    append(out, static_cast<std::uint32_t>(kv.value.type()));
    append_value(out, kv.value);
  }
  for (const auto& tensor : tensors) {
    append_string(out, tensor.name);
    append<std::uint32_t>(out, tensor.n_dims);
    for (std::uint32_t d = 0; d < tensor.n_dims; ++d) append<std::int64_t>(out, tensor.ne[d]);
    append(out, static_cast<std::uint32_t>(tensor.type));
    append<std::uint64_t>(out, tensor.offset);
  }
  if (!tensors.empty() || pad_without_tensors) out.resize(static_cast<std::size_t>(padded(out.size(), alignment)), '\0');
  return out;
}

}  // namespace

Status GgufWriter::add_metadata(std::string key, GgufValue value) {
  if (key.empty()) return invalid_argument("GGUF writer: empty metadata key");
  for (const auto& kv : metadata_) {
    if (kv.key == key) return invalid_argument("GGUF writer: duplicate metadata key '" + key + "'");
  }
  if (key == "general.alignment") {
    const auto alignment = value.as_uint();
    if (value.type() != GgufValueType::kUint32 || !alignment || *alignment == 0 ||
        (*alignment & (*alignment - 1)) != 0) {
      return invalid_argument("GGUF writer: general.alignment must be a power-of-two UINT32");
    }
    if (!tensors_.empty()) return invalid_argument("GGUF writer: set general.alignment before adding tensors");
    alignment_ = static_cast<std::uint32_t>(*alignment);
  }
  metadata_.push_back({std::move(key), std::move(value)});
  return Status::ok();
}

Status GgufWriter::add_tensor(std::string name, GgmlType type, std::span<const std::int64_t> ne) {
  const std::string label = "GGUF writer: tensor '" + name + "'";
  if (name.empty() || name.size() > kGgmlMaxNameLength) {
    return invalid_argument(label + ": name must have 1 to " + std::to_string(kGgmlMaxNameLength) + " bytes");
  }
  for (const auto& tensor : tensors_) {
    if (tensor.name == name) return invalid_argument(label + " declared twice");
  }
  if (ne.empty() || ne.size() > kGgmlMaxDims) return invalid_argument(label + ": 1 to 4 dimensions");
  if (!ggml_type_traits(static_cast<std::uint32_t>(type))) return invalid_argument(label + ": unknown type");
  GgufTensorInfo info;
  info.name = std::move(name);
  info.type = type;
  info.n_dims = static_cast<std::uint32_t>(ne.size());
  std::uint64_t n = 1;
  for (std::size_t d = 0; d < ne.size(); ++d) {
    if (ne[d] < 0) return invalid_argument(label + ": negative dimension");
    info.ne[d] = ne[d];
    if (ne[d] != 0 && n > static_cast<std::uint64_t>(INT64_MAX) / static_cast<std::uint64_t>(ne[d])) {
      return invalid_argument(label + ": element count overflows");
    }
    n *= static_cast<std::uint64_t>(ne[d]);
  }
  if (ne[0] % traits(type).block_size != 0) {
    return invalid_argument(label + ": row length " + std::to_string(ne[0]) + " is not a multiple of the " +
                            std::string(type_name(type)) + " block size");
  }
  info.n_elements = n;
  info.n_bytes = n / traits(type).block_size * traits(type).type_size;
  info.offset = data_size_;
  data_size_ += padded(info.n_bytes, alignment_);
  tensors_.push_back(std::move(info));
  return Status::ok();
}

Status GgufWriter::add_all_from(const GgufFile& file) {
  for (const auto& kv : file.metadata()) TEXTRA_RETURN_IF_ERROR(add_metadata(kv.key, kv.value));
  for (const auto& tensor : file.tensors()) {
    TEXTRA_RETURN_IF_ERROR(add_tensor(tensor.name, tensor.type, std::span(tensor.ne.data(), tensor.n_dims)));
  }
  if (file.tensors().empty()) set_pad_without_tensors(file.bytes().size() >= file.data_offset());
  return Status::ok();
}

std::uint64_t GgufWriter::data_offset() const { return serialize_header(metadata_, tensors_, alignment_, pad_without_tensors_).size(); }

Result<std::unique_ptr<GgufDataStream>> GgufWriter::begin(const std::string& path) const {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return io_error(path + ": cannot create: " + std::strerror(errno));
  std::vector<std::uint64_t> sizes;
  sizes.reserve(tensors_.size());
  for (const auto& tensor : tensors_) sizes.push_back(tensor.n_bytes);
  std::unique_ptr<GgufDataStream> stream(new GgufDataStream(path, file, std::move(sizes), alignment_));
  const std::string header = serialize_header(metadata_, tensors_, alignment_, pad_without_tensors_);
  TEXTRA_RETURN_IF_ERROR(stream->put(header.data(), header.size()));
  // Zero-byte tensors need no data: skip past them now.
  while (stream->current_ < stream->sizes_.size() && stream->sizes_[stream->current_] == 0) {
    TEXTRA_RETURN_IF_ERROR(stream->pad_and_advance());
  }
  return stream;
}

GgufDataStream::~GgufDataStream() {
  if (file_ != nullptr) std::fclose(file_);
  if (!finished_) std::remove(path_.c_str());
}

Status GgufDataStream::put(const void* data, std::size_t size) {
  if (size > 0 && std::fwrite(data, 1, size, file_) != size) {
    return io_error(path_ + ": write failed: " + std::strerror(errno));
  }
  return Status::ok();
}

Status GgufDataStream::pad_and_advance() {
  static const char kZeros[256] = {};
  std::uint64_t padding = padded(sizes_[current_], alignment_) - sizes_[current_];
  while (padding > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(padding, sizeof kZeros));
    TEXTRA_RETURN_IF_ERROR(put(kZeros, n));
    padding -= n;
  }
  ++current_;
  written_in_current_ = 0;
  return Status::ok();
}

Status GgufDataStream::write(std::span<const std::uint8_t> bytes) {
  std::uint64_t expected = 0;
  for (std::size_t i = current_; i < sizes_.size(); ++i) expected += sizes_[i];
  if (bytes.size() > expected - written_in_current_) {
    return invalid_argument(path_ + ": " + std::to_string(bytes.size()) + " bytes written where only " +
                            std::to_string(expected - written_in_current_) + " remain to fill the declared tensors");
  }
  while (!bytes.empty()) {
    const std::uint64_t room = sizes_[current_] - written_in_current_;
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(room, bytes.size()));
    TEXTRA_RETURN_IF_ERROR(put(bytes.data(), n));
    written_in_current_ += n;
    bytes = bytes.subspan(n);
    while (current_ < sizes_.size() && written_in_current_ == sizes_[current_]) {
      TEXTRA_RETURN_IF_ERROR(pad_and_advance());
    }
  }
  return Status::ok();
}

Status GgufDataStream::finish() {
  if (current_ != sizes_.size()) {
    return invalid_argument(path_ + ": tensor " + std::to_string(current_) + " of " + std::to_string(sizes_.size()) +
                            " is incomplete");
  }
  const int flush_result = std::fflush(file_);
  const int close_result = std::fclose(file_);
  file_ = nullptr;
  if (flush_result != 0 || close_result != 0) return io_error(path_ + ": write failed: " + std::strerror(errno));
  finished_ = true;
  return Status::ok();
}

Status write_gguf_copy(const GgufFile& file, const std::string& path) {
  GgufWriter writer;
  TEXTRA_RETURN_IF_ERROR(writer.add_all_from(file));
  TEXTRA_ASSIGN_OR_RETURN(auto stream, writer.begin(path));
  for (const auto& tensor : file.tensors()) TEXTRA_RETURN_IF_ERROR(stream->write(tensor.data));
  return stream->finish();
}

}  // namespace textra::llm
