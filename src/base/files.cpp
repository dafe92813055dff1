#include "base/files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>

#include "base/available_memory.h"

namespace textra {

namespace {

// An open descriptor with its stat, closed when it goes out of scope.
struct OpenedFile {
  int fd = -1;
  struct stat st {};
  ~OpenedFile() {
    if (fd >= 0) ::close(fd);
  }
};

// Opens path read-only. Refuses folders, and with regular_only anything but a regular file (a mapping
// needs a size that does not change; a plain read may take a pipe such as /dev/stdin).
Status open_for_reading(const std::string& path, bool regular_only, OpenedFile& file) {
  file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file.fd < 0) {
    int err = errno;
    if (err == ENOENT) return not_found(path + ": no such file");
    return io_error(path + ": " + std::strerror(err));
  }
  if (::fstat(file.fd, &file.st) != 0 || S_ISDIR(file.st.st_mode) || (regular_only && !S_ISREG(file.st.st_mode))) {
    return io_error(path + ": not a regular file");
  }
  return Status::ok();
}

}  // namespace

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  OpenedFile file;
  TEXTRA_RETURN_IF_ERROR(open_for_reading(path, /*regular_only=*/false, file));
  if (static_cast<std::uint64_t>(file.st.st_size) > max_bytes) {
    return limit_exceeded(path + ": file is " + std::to_string(file.st.st_size) + " bytes, the limit is " +
                          std::to_string(max_bytes));
  }
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(path + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
      return limit_exceeded(path + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

Status write_file(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return io_error(path + ": cannot open for writing: " + std::strerror(errno));
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return io_error(path + ": write failed");
  return Status::ok();
}

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

// Whether the kernel gives huge pages to regions that ask for them ("always" or "madvise").
bool huge_pages_allowed() {
  auto setting = read_file("/sys/kernel/mm/transparent_hugepage/enabled", 4096);
  return setting.is_ok() && setting->find("[never]") == std::string::npos;
}

// The file's `size` bytes read into a fresh anonymous region aligned to a huge page; nullptr (and the region
// released) when the memory cannot be had or the read fails, so that the caller maps the file instead.
std::uint8_t* read_into_huge_pages(int fd, std::size_t size, void*& region, std::size_t& region_size) {
  region_size = (size + kHugePage - 1) / kHugePage * kHugePage + kHugePage;  // room to align the start
  region = ::mmap(nullptr, region_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (region == MAP_FAILED) return nullptr;
  const auto start = (reinterpret_cast<std::uintptr_t>(region) + kHugePage - 1) / kHugePage * kHugePage;
  auto* data = reinterpret_cast<std::uint8_t*>(start);
  ::madvise(data, region_size - (start - reinterpret_cast<std::uintptr_t>(region)), MADV_HUGEPAGE);
  for (std::size_t done = 0; done < size;) {
    ssize_t n = ::pread(fd, data + done, std::min<std::size_t>(size - done, std::size_t{1} << 30), static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::munmap(region, region_size);
      return nullptr;
    }
    done += static_cast<std::size_t>(n);
  }
  ::mprotect(region, region_size, PROT_READ);
  return data;
}

// Whether a private copy of `size` bytes leaves headroom. A mapping of the file can give its pages back to
// the page cache under pressure; the copy cannot, so a model near the size of free memory would risk the
// out-of-memory killer (or swap) where the mapping merely runs slower.
bool copy_fits_in_memory(std::size_t size) {
  constexpr std::uint64_t kHeadroom = std::uint64_t{512} << 20;
  auto available = available_memory_bytes();
  return available && *available >= kHeadroom && size <= *available - kHeadroom;
}

}  // namespace

Result<std::unique_ptr<MappedFile>> MappedFile::open(const std::string& path, FileMapping mapping) {
  OpenedFile file;  // the mapping stays valid after the descriptor is closed
  TEXTRA_RETURN_IF_ERROR(open_for_reading(path, /*regular_only=*/true, file));
  std::size_t size = static_cast<std::size_t>(file.st.st_size);
  if (size == 0) return std::unique_ptr<MappedFile>(new MappedFile(path, nullptr, 0, nullptr, 0));
  if (mapping == FileMapping::kHugePages && size >= kHugePage && huge_pages_allowed() && copy_fits_in_memory(size)) {
    void* region = nullptr;
    std::size_t region_size = 0;
    if (std::uint8_t* data = read_into_huge_pages(file.fd, size, region, region_size)) {
      return std::unique_ptr<MappedFile>(new MappedFile(path, data, size, region, region_size));
    }
  }
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.fd, 0);
  if (addr == MAP_FAILED) return io_error(path + ": mmap failed: " + std::strerror(errno));
  return std::unique_ptr<MappedFile>(new MappedFile(path, static_cast<const std::uint8_t*>(addr), size, addr, size));
}

MappedFile::~MappedFile() {
  if (region_ != nullptr) ::munmap(region_, region_size_);
}

}  // namespace textra
