#include "imaging/decode.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "imaging/leptonica_messages.h"

namespace textra::imaging {
namespace {

// Leptonica's formats that we read, and a name for the others in error messages.
bool is_tiff(int format) {
  switch (format) {
    case IFF_TIFF: case IFF_TIFF_PACKBITS: case IFF_TIFF_RLE: case IFF_TIFF_G3: case IFF_TIFF_G4:
    case IFF_TIFF_LZW: case IFF_TIFF_ZIP: case IFF_TIFF_JPEG:
      return true;
    default:
      return false;
  }
}

bool is_supported(int format) {
  return is_tiff(format) || format == IFF_PNG || format == IFF_JFIF_JPEG || format == IFF_WEBP ||
         format == IFF_BMP || format == IFF_PNM;
}

std::string format_name(int format) {
  switch (format) {
    case IFF_GIF: return "GIF";
    case IFF_JP2: return "JPEG 2000";
    case IFF_PS: return "PostScript";
    case IFF_LPDF: return "PDF";
    case IFF_SPIX: return "Leptonica SPIX";
    default: return "unrecognised";
  }
}

// findFileFormatBuffer reads 12 bytes whatever the buffer size: give it a padded copy.
int detect_format(std::span<const std::uint8_t> bytes) {
  std::array<l_uint8, 16> head{};
  std::copy_n(bytes.begin(), std::min(bytes.size(), head.size()), head.begin());
  l_int32 format = IFF_UNKNOWN;
  if (findFileFormatBuffer(head.data(), &format) != 0) return IFF_UNKNOWN;
  return format;
}

// Brings a decoded page to 1, 8 or 32 bpp without colour map or alpha, keeping its resolution.
Result<Image> normalise(Image page) {
  Pix* pix = page.pix();
  const l_int32 xres = pixGetXRes(pix), yres = pixGetYRes(pix);
  Image out;
  if (pixGetColormap(pix) != nullptr) {
    out = Image::adopt(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
  } else if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    out = Image::adopt(pixAlphaBlendUniform(pix, 0xffffff00));  // transparent areas on white paper
  } else if (pixGetDepth(pix) == 16) {
    out = Image::adopt(pixConvert16To8(pix, L_MS_BYTE));
  } else if (pixGetDepth(pix) == 2 || pixGetDepth(pix) == 4) {
    out = Image::adopt(pixConvertTo8(pix, 0));
  } else if (pixGetDepth(pix) == 1 || pixGetDepth(pix) == 8 || pixGetDepth(pix) == 32) {
    return page;
  } else {
    return unsupported("image with " + std::to_string(pixGetDepth(pix)) + " bits per pixel");
  }
  if (out.empty()) return corrupt("could not convert the decoded image to a standard pixel format");
  pixSetResolution(out.pix(), xres, yres);
  // A colour map may have held an alpha channel or an unusual depth: one more pass settles it.
  return out.depth() == 1 || out.depth() == 8 || (out.depth() == 32 && pixGetSpp(out.pix()) == 3)
             ? Result<Image>(std::move(out))
             : normalise(std::move(out));
}

Result<Image> checked(Pix* decoded, std::int64_t header_w, std::int64_t header_h, const DecodeLimits& limits) {
  Image page = Image::adopt(decoded);
  if (page.empty()) return corrupt("the image data is malformed or truncated");
  if (page.width() != header_w || page.height() != header_h) {
    return corrupt("decoded size " + std::to_string(page.width()) + "x" + std::to_string(page.height()) +
                   " differs from the header's " + std::to_string(header_w) + "x" + std::to_string(header_h));
  }
  TEXTRA_RETURN_IF_ERROR(check_page_size(page.width(), page.height(), limits));
  return normalise(std::move(page));
}

Result<std::vector<Image>> decode_tiff(std::span<const std::uint8_t> bytes, const DecodeLimits& limits) {
  l_int32 count = 0;
  FILE* stream = fopenReadFromMemory(bytes.data(), bytes.size());
  if (stream == nullptr) return io_error("could not open the TIFF data for reading");
  const bool counted = tiffGetCount(stream, &count) == 0;
  fclose(stream);
  if (!counted || count <= 0) return corrupt("malformed TIFF: no readable page");
  if (count > limits.max_pages) {
    return limit_exceeded("TIFF has " + std::to_string(count) + " pages, more than the limit of " +
                          std::to_string(limits.max_pages));
  }
  std::vector<Image> pages;
  std::size_t offset = 0;
  for (l_int32 i = 0; i < count; ++i) {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    const std::string where = "TIFF page " + std::to_string(i + 1);
    if (readHeaderMemTiff(bytes.data(), bytes.size(), i, &w, &h, &bps, &spp, &res, &cmap, &format) != 0) {
      return corrupt(where + ": malformed header");
    }
    Status size_ok = check_page_size(w, h, limits);
    if (!size_ok) return size_ok.with_context(where);
    auto page = checked(pixReadMemFromMultipageTiff(bytes.data(), bytes.size(), &offset), w, h, limits);
    if (!page) return page.status().with_context(where);
    pages.push_back(std::move(page).value());
    if (offset == 0 && i + 1 < count) return corrupt(where + ": the following pages are missing");
  }
  return pages;
}

}  // namespace

Status check_page_size(std::int64_t width, std::int64_t height, const DecodeLimits& limits) {
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  if (width <= 0 || height <= 0) return corrupt("image has no pixels (" + size + ")");
  if (width > limits.max_dimension || height > limits.max_dimension) {
    return limit_exceeded("image of " + size + " pixels exceeds the limit of " +
                          std::to_string(limits.max_dimension) + " pixels per side");
  }
  if (width * height > limits.max_pixels_per_page) {
    return limit_exceeded("image of " + size + " pixels (" + std::to_string(width * height / 1'000'000) +
                          " megapixels) exceeds the limit of " + std::to_string(limits.max_pixels_per_page) +
                          " pixels per page");
  }
  return Status::ok();
}

Result<std::vector<Image>> decode_image(std::span<const std::uint8_t> bytes, const DecodeLimits& limits) {
  route_leptonica_messages_to_log();
  if (bytes.empty()) return corrupt("empty image data");
  const int format = detect_format(bytes);
  if (!is_supported(format)) return unsupported(format_name(format) + " image format");
  if (is_tiff(format)) return decode_tiff(bytes, limits);

  l_int32 header_format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  if (pixReadHeaderMem(bytes.data(), bytes.size(), &header_format, &w, &h, &bps, &spp, &cmap) != 0) {
    return corrupt("malformed or truncated image header");
  }
  TEXTRA_RETURN_IF_ERROR(check_page_size(w, h, limits));
  TEXTRA_ASSIGN_OR_RETURN(Image page, checked(pixReadMem(bytes.data(), bytes.size()), w, h, limits));
  std::vector<Image> pages;
  pages.push_back(std::move(page));
  return pages;
}

}  // namespace textra::imaging
