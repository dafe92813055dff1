// Decoding image files held in memory (PNG, JPEG, TIFF with every page, WebP, BMP, PNM) through Leptonica.
// Each page's size is read from its header and checked against the limits BEFORE its pixels are
// decoded, so a small file that claims a gigapixel image (a decompression bomb) costs nothing.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "imaging/image.h"

namespace textra::imaging {

struct DecodeLimits {
  std::int64_t max_pixels_per_page = 100'000'000;  // SROIE holds a 35 Mpx scan
  int max_dimension = 65'000;                      // per side, whatever the pixel count
  int max_pages = 1000;                            // multi-page TIFF
};

// Decodes every page. Pages come back normalised for the rest of the pipeline: 1, 8 (gray) or 32 (RGB)
// bits per pixel, no colour map, no alpha (transparent areas become white), resolution kept when the
// file states one. Errors (no file name: the caller adds it): kUnsupported for formats Leptonica cannot
// read, kCorrupt for malformed or truncated data, kLimitExceeded for oversized pages or page counts.
Result<std::vector<Image>> decode_image(std::span<const std::uint8_t> bytes, const DecodeLimits& limits = {});

// Checks a page size against the limits; shared with PDF rendering. kCorrupt for 0 pixels.
Status check_page_size(std::int64_t width, std::int64_t height, const DecodeLimits& limits);

}  // namespace textra::imaging
