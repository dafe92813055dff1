// Layout (PKWARE APPNOTE 4.3): per entry a local header + data, then the central directory (one header
// per entry) and its end record. All numbers little-endian; no time stamps (01-01-1980), so the same
// files give the same bytes.
#include "exports/zip_writer.h"

#include <zlib.h>

#include <cstdint>

namespace textra::exports {
namespace {

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

constexpr std::uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50, kEndOfCentral = 0x06054b50;
constexpr std::uint32_t kVersion = 20, kUtf8Names = 1u << 11, kDosDate1980 = (0 << 9) | (1 << 5) | 1;

// The fields local and central headers share: version needed, flags, method (0 = stored), time, date,
// CRC-32, sizes, name length.
void common_fields(std::string& out, std::uint32_t crc, std::uint32_t size, std::size_t name_length) {
  put16(out, kVersion);
  put16(out, kUtf8Names);
  put16(out, 0);
  put16(out, 0);
  put16(out, kDosDate1980);
  put32(out, crc);
  put32(out, size);
  put32(out, size);
  put16(out, static_cast<std::uint32_t>(name_length));
}

}  // namespace

std::string zip_stored(const std::vector<ExportFile>& files) {
  std::string out, central;
  for (const ExportFile& file : files) {
    auto size = static_cast<std::uint32_t>(file.bytes.size());
    auto crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(file.bytes.data()), static_cast<uInt>(file.bytes.size())));
    auto offset = static_cast<std::uint32_t>(out.size());
    put32(out, kLocalHeader);
    common_fields(out, crc, size, file.name.size());
    put16(out, 0);  // extra field length
    out += file.name + file.bytes;

    put32(central, kCentralHeader);
    put16(central, kVersion);  // made by
    common_fields(central, crc, size, file.name.size());
    put16(central, 0);  // extra field length
    put16(central, 0);  // comment length
    put16(central, 0);  // disk number
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, offset);
    central += file.name;
  }
  auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, kEndOfCentral);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(files.size()));
  put16(out, static_cast<std::uint32_t>(files.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, central_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace textra::exports
