#include "base/files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

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

Result<std::unique_ptr<MappedFile>> MappedFile::open(const std::string& path) {
  OpenedFile file;  // the mapping stays valid after the descriptor is closed
  TEXTRA_RETURN_IF_ERROR(open_for_reading(path, /*regular_only=*/true, file));
  std::size_t size = static_cast<std::size_t>(file.st.st_size);
  const std::uint8_t* data = nullptr;
  if (size > 0) {
    void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (addr == MAP_FAILED) return io_error(path + ": mmap failed: " + std::strerror(errno));
    data = static_cast<const std::uint8_t*>(addr);
  }
  return std::unique_ptr<MappedFile>(new MappedFile(path, data, size));
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
}

}  // namespace textra
