// Test inputs made in memory: encoded images (every format we read) and small hand-written PDFs, so
// the ingestion tests need no files on disk and cover exact byte-level damage (truncation, lying headers).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imaging/image.h"

namespace textra::testing {

// A white 8-bit page with dark horizontal bars where text lines would be; resolution set to dpi.
imaging::Image make_page(int width, int height, int dpi = 300);

enum class ImageFormat { kPng, kJpeg, kTiff, kWebp, kBmp, kPnm };
std::string encode(const imaging::Image& image, ImageFormat format);
std::string encode_multipage_tiff(const std::vector<const imaging::Image*>& pages);

// A valid PNG whose IHDR then claims width x height (CRC recomputed): a decompression-bomb header.
std::string png_claiming_size(std::uint32_t width, std::uint32_t height);

// Minimal PDF writer. Coordinates in points, origin bottom-left (PDF's own convention).
struct PdfText {
  double x = 72, y = 720, size = 12;
  std::string text;  // ASCII
};
struct PdfRect {
  double x = 0, y = 0, width = 0, height = 0;  // filled black
};
struct PdfPage {
  double width = 595, height = 842;  // A4
  int rotate = 0;                    // the page's /Rotate
  std::vector<PdfText> texts;
  std::vector<PdfRect> rects;
};
// `encrypted`: adds a standard security handler whose user password is not empty, so the file
// cannot be opened without one.
std::string make_pdf(const std::vector<PdfPage>& pages, bool encrypted = false);

}  // namespace textra::testing
