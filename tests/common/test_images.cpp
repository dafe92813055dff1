#include "test_images.h"

#include <leptonica/allheaders.h>
#include <zlib.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace textra::testing {
namespace {

std::string take_buffer(l_uint8* data, size_t size) {
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

void put_be32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xff);
}

std::string escape_pdf_string(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

imaging::Image make_page(int width, int height, int dpi) {
  imaging::Image page = imaging::Image::adopt(pixCreate(width, height, 8));
  pixSetAllArbitrary(page.pix(), 255);
  for (int y = height / 10; y + height / 20 < height * 9 / 10; y += height / 8) {
    BOX* bar = boxCreate(width / 10, y, width * 7 / 10, std::max(1, height / 20));
    pixClearInRect(page.pix(), bar);
    boxDestroy(&bar);
  }
  pixSetResolution(page.pix(), dpi, dpi);
  return page;
}

std::string encode(const imaging::Image& image, ImageFormat format) {
  l_uint8* data = nullptr;
  size_t size = 0;
  l_int32 ok = 1;
  switch (format) {
    case ImageFormat::kPng: ok = pixWriteMemPng(&data, &size, image.pix(), 0.0f); break;
    case ImageFormat::kJpeg: ok = pixWriteMemJpeg(&data, &size, image.pix(), 90, 0); break;
    case ImageFormat::kTiff: ok = pixWriteMemTiff(&data, &size, image.pix(), IFF_TIFF_ZIP); break;
    case ImageFormat::kWebp: ok = pixWriteMemWebP(&data, &size, image.pix(), 90, 1); break;
    case ImageFormat::kBmp: ok = pixWriteMem(&data, &size, image.pix(), IFF_BMP); break;
    case ImageFormat::kPnm: ok = pixWriteMem(&data, &size, image.pix(), IFF_PNM); break;
  }
  if (ok != 0) throw std::runtime_error("test image encoding failed");
  return take_buffer(data, size);
}

std::string encode_multipage_tiff(const std::vector<const imaging::Image*>& pages) {
  PIXA* pixa = pixaCreate(static_cast<l_int32>(pages.size()));
  for (const imaging::Image* page : pages) pixaAddPix(pixa, page->pix(), L_COPY);
  l_uint8* data = nullptr;
  size_t size = 0;
  const l_int32 failed = pixaWriteMemMultipageTiff(&data, &size, pixa);
  pixaDestroy(&pixa);
  if (failed != 0) throw std::runtime_error("multipage TIFF encoding failed");
  return take_buffer(data, size);
}

std::string png_claiming_size(std::uint32_t width, std::uint32_t height) {
  std::string png = encode(make_page(64, 64), ImageFormat::kPng);
  // Signature (8) then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), 5 more bytes, CRC.
  put_be32(png, 16, width);
  put_be32(png, 20, height);
  const auto* type_and_data = reinterpret_cast<const Bytef*>(png.data() + 12);
  put_be32(png, 29, static_cast<std::uint32_t>(crc32(0L, type_and_data, 17)));
  return png;
}

std::string make_pdf(const std::vector<PdfPage>& pages, bool encrypted) {
  std::vector<std::string> objects;  // object i+1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("");  // the page tree, filled in once the page object numbers are known
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  std::string kids;
  for (const PdfPage& page : pages) {
    std::ostringstream content;
    for (const PdfRect& r : page.rects) content << "0 g " << r.x << ' ' << r.y << ' ' << r.width << ' ' << r.height << " re f\n";
    for (const PdfText& t : page.texts) {
      content << "BT /F1 " << t.size << " Tf " << t.x << ' ' << t.y << " Td (" << escape_pdf_string(t.text) << ") Tj ET\n";
    }
    const std::string stream = content.str();
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream");
    const std::size_t content_id = objects.size();
    std::ostringstream page_object;
    page_object << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " << page.width << ' ' << page.height
                << "] /Rotate " << page.rotate << " /Resources << /Font << /F1 3 0 R >> >> /Contents "
                << content_id << " 0 R >>";
    objects.push_back(page_object.str());
    kids += std::to_string(objects.size()) + " 0 R ";
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  if (encrypted) {
    const std::string filler(64, 'A');  // an owner/user key no empty password matches
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O <" + filler + "> /U <" + filler + "> /P -44 >>");
  }

  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R";
  if (encrypted) {
    pdf += " /Encrypt " + std::to_string(objects.size()) + " 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]";
  }
  pdf += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace textra::testing
