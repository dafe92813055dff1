// Content type detection from the first bytes of a file (its magic number), never from its name:
// a PDF saved as "scan.jpg" is still read as a PDF.
#pragma once

#include <cstdint>
#include <span>

namespace textra::ingest {

enum class ContentType { kUnknown, kPdf, kPng, kJpeg, kTiff, kWebp, kBmp, kPnm, kGif, kJpeg2000, kZip };

ContentType detect_content_type(std::span<const std::uint8_t> bytes);
// MIME type ("image/png", "application/pdf", "application/octet-stream" for kUnknown).
const char* mime_type(ContentType type);
// Short human name for messages ("PNG", "PDF", ...).
const char* type_name(ContentType type);
bool is_supported_image(ContentType type);

}  // namespace textra::ingest
