// Files: whole-file reads with size limits, and read-only memory mappings (model weights stay mapped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "base/status.h"

namespace textra {

// Reads a whole file; refuses files larger than max_bytes with kLimitExceeded.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes = SIZE_MAX);
Status write_file(const std::string& path, std::string_view data);

// How MappedFile holds a file's bytes.
enum class FileMapping {
  // The file mapped: pages shared with the page cache, read on first touch. Right for files read once or
  // in part.
  kPageCache,
  // The file read up front into anonymous memory that the kernel may back with 2 MiB pages (transparent
  // huge pages, where the system allows them for madvise). For large data streamed over and over, such as
  // model weights: each 2 MiB page is one TLB entry instead of 512, which makes a memory-bound pass over
  // gigabytes of weights measurably faster. Falls back to kPageCache where huge pages are off, where the
  // copy would leave less than 512 MiB of available memory (base/available_memory.h), or where the memory
  // cannot be had.
  kHugePages,
};

// A read-only private mapping of a whole file. Empty files map to an empty span.
class MappedFile {
 public:
  static Result<std::unique_ptr<MappedFile>> open(const std::string& path,
                                                  FileMapping mapping = FileMapping::kPageCache);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  MappedFile(std::string path, const std::uint8_t* data, std::size_t size, void* region, std::size_t region_size)
      : path_(std::move(path)), data_(data), size_(size), region_(region), region_size_(region_size) {}
  std::string path_;
  const std::uint8_t* data_;
  std::size_t size_;
  void* region_;  // what munmap releases: the file mapping, or the anonymous region data_ lies in
  std::size_t region_size_;
};

}  // namespace textra
