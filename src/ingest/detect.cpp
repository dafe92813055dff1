#include "ingest/detect.h"

#include <algorithm>
#include <string_view>

namespace textra::ingest {
namespace {

bool starts_with(std::span<const std::uint8_t> bytes, std::string_view magic, std::size_t at = 0) {
  if (bytes.size() < at + magic.size()) return false;
  return std::equal(magic.begin(), magic.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at),
                    [](char m, std::uint8_t b) { return static_cast<std::uint8_t>(m) == b; });
}

// The PDF specification lets "%PDF-" appear anywhere in the first 1024 bytes (after junk that some
// generators prepend), and readers accept that.
bool has_pdf_header(std::span<const std::uint8_t> bytes) {
  constexpr std::string_view kMagic = "%PDF-";
  std::span<const std::uint8_t> head = bytes.first(std::min<std::size_t>(bytes.size(), 1024));
  return std::search(head.begin(), head.end(), kMagic.begin(), kMagic.end(),
                     [](std::uint8_t b, char m) { return b == static_cast<std::uint8_t>(m); }) != head.end();
}

bool is_whitespace(std::uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

ContentType detect_content_type(std::span<const std::uint8_t> bytes) {
  if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) return ContentType::kPng;
  if (starts_with(bytes, "\xff\xd8\xff")) return ContentType::kJpeg;
  if (starts_with(bytes, std::string_view("II*\0", 4)) || starts_with(bytes, std::string_view("MM\0*", 4))) {
    return ContentType::kTiff;
  }
  if (starts_with(bytes, "RIFF") && starts_with(bytes, "WEBP", 8)) return ContentType::kWebp;
  if (starts_with(bytes, "BM") && bytes.size() >= 14) return ContentType::kBmp;
  // Netpbm: "P1".."P7" then white space (P7 is PAM).
  if (bytes.size() >= 3 && bytes[0] == 'P' && bytes[1] >= '1' && bytes[1] <= '7' && is_whitespace(bytes[2])) {
    return ContentType::kPnm;
  }
  if (starts_with(bytes, "GIF87a") || starts_with(bytes, "GIF89a")) return ContentType::kGif;
  if (starts_with(bytes, std::string_view("\0\0\0\x0cjP  \r\n\x87\n", 12)) ||
      starts_with(bytes, "\xff\x4f\xff\x51")) {
    return ContentType::kJpeg2000;
  }
  if (starts_with(bytes, std::string_view("PK\x03\x04", 4))) return ContentType::kZip;
  if (has_pdf_header(bytes)) return ContentType::kPdf;
  return ContentType::kUnknown;
}

const char* mime_type(ContentType type) {
  switch (type) {
    case ContentType::kPdf: return "application/pdf";
    case ContentType::kPng: return "image/png";
    case ContentType::kJpeg: return "image/jpeg";
    case ContentType::kTiff: return "image/tiff";
    case ContentType::kWebp: return "image/webp";
    case ContentType::kBmp: return "image/bmp";
    case ContentType::kPnm: return "image/x-portable-anymap";
    case ContentType::kGif: return "image/gif";
    case ContentType::kJpeg2000: return "image/jp2";
    case ContentType::kZip: return "application/zip";
    case ContentType::kUnknown: break;
  }
  return "application/octet-stream";
}

const char* type_name(ContentType type) {
  switch (type) {
    case ContentType::kPdf: return "PDF";
    case ContentType::kPng: return "PNG";
    case ContentType::kJpeg: return "JPEG";
    case ContentType::kTiff: return "TIFF";
    case ContentType::kWebp: return "WebP";
    case ContentType::kBmp: return "BMP";
    case ContentType::kPnm: return "PNM";
    case ContentType::kGif: return "GIF";
    case ContentType::kJpeg2000: return "JPEG 2000";
    case ContentType::kZip: return "ZIP archive (or an Office document)";
    case ContentType::kUnknown: break;
  }
  return "unknown";
}

bool is_supported_image(ContentType type) {
  switch (type) {
    case ContentType::kPng: case ContentType::kJpeg: case ContentType::kTiff: case ContentType::kWebp:
    case ContentType::kBmp: case ContentType::kPnm:
      return true;
    default:
      return false;
  }
}

}  // namespace textra::ingest
