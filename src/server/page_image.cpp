#include "server/page_image.h"

#include <leptonica/allheaders.h>

#include <cstdlib>

#include "ingest/page_image.h"

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

}  // namespace

Result<std::string> render_page_png(const std::string& original_path, int page, const json* result,
                                    const ingest::Limits& limits) {
  TEXTRA_ASSIGN_OR_RETURN(imaging::Image image, ingest::page_image(original_path, page, limits));
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
