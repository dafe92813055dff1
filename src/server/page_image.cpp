#include "server/page_image.h"

#include <leptonica/allheaders.h>

#include <cstdlib>

#include "base/files.h"
#include "pdf/pdf.h"

namespace textra::server {
namespace {

using nlohmann::json;

// Every source box on `page` (1-based in the JSON) of every leaf in the result's fields.
void collect_boxes(const json& node, int page, BOXA* boxes) {
  if (node.is_object() && node.contains("source") && node["source"].is_object()) {
    const json& source = node["source"];
    if (source.value("page", 0) == page && source.contains("boxes") && source["boxes"].is_array()) {
      for (const json& b : source["boxes"]) {
        if (!b.is_array() || b.size() != 4 || !b[0].is_number() || !b[1].is_number() || !b[2].is_number() ||
            !b[3].is_number()) {
          continue;
        }
        int x0 = b[0], y0 = b[1], x1 = b[2], y1 = b[3];
        if (x1 > x0 && y1 > y0) boxaAddBox(boxes, boxCreate(x0, y0, x1 - x0, y1 - y0), L_INSERT);
      }
    }
    return;
  }
  if (node.is_object() || node.is_array()) {
    for (const json& child : node) collect_boxes(child, page, boxes);
  }
}

Result<imaging::Image> page_image(const std::string& path, int page, const ingest::Limits& limits) {
  TEXTRA_ASSIGN_OR_RETURN(auto source, ingest::open_file(path, limits));
  if (page < 0 || page >= source->page_count()) {
    return not_found("page " + std::to_string(page + 1) + " does not exist (the document has " +
                     std::to_string(source->page_count()) + ")");
  }
  TEXTRA_ASSIGN_OR_RETURN(ingest::PageInput input, source->page(page));
  if (!input.needs_ocr()) {
    // A text-layer page has no image: render it at the dpi its word boxes are expressed in.
    TEXTRA_ASSIGN_OR_RETURN(std::string bytes, read_file(path, limits.max_bytes));
    TEXTRA_ASSIGN_OR_RETURN(auto pdf, pdf::PdfDocument::open(std::move(bytes)));
    return pdf->render(page, limits.pdf_render_dpi, limits.image);
  }
  return std::move(input.image);
}

}  // namespace

Result<std::string> render_page_png(const std::string& original_path, int page, const json* result,
                                    const ingest::Limits& limits) {
  TEXTRA_ASSIGN_OR_RETURN(imaging::Image image, page_image(original_path, page, limits));
  imaging::Image color = imaging::Image::adopt(pixConvertTo32(image.pix()));
  if (color.empty()) return internal_error("cannot convert the page to colour");
  if (result != nullptr && result->contains("fields")) {
    BOXA* boxes = boxaCreate(0);
    collect_boxes((*result)["fields"], page + 1, boxes);
    int line = std::max(2, color.width() / 600);
    pixRenderBoxaArb(color.pix(), boxes, line, 224, 48, 30);
    boxaDestroy(&boxes);
  }
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, color.pix(), 0.0f) != 0) return internal_error("PNG encoding failed");
  std::string png(reinterpret_cast<const char*>(data), size);
  std::free(data);
  return png;
}

}  // namespace textra::server
