#include "fields/annotate/annotate.h"

#include <leptonica/allheaders.h>

#include <filesystem>
#include <functional>
#include <memory>

namespace textra::fields {
namespace {

struct Located {
  std::string path;
  const Source* source;
};

void collect(const FieldNode& node, const std::string& path, std::vector<Located>& out) {
  switch (node.kind) {
    case FieldNode::Kind::kValue:
      if (node.value.source) out.push_back({path, &*node.value.source});
      return;
    case FieldNode::Kind::kObject:
      for (std::size_t i = 0; i < node.keys.size(); ++i) {
        collect(node.members[i], path.empty() ? node.keys[i] : path + "." + node.keys[i], out);
      }
      return;
    case FieldNode::Kind::kArray:
      for (std::size_t i = 0; i < node.elements.size(); ++i) collect(node.elements[i], path + "." + std::to_string(i), out);
      return;
  }
}

struct Rgb {
  l_uint8 r, g, b;
};
// Distinct, saturated colours; a field keeps its colour across pages (hash of its top-level name).
constexpr Rgb kPalette[] = {{230, 25, 75}, {60, 180, 75}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
                            {70, 200, 200}, {240, 50, 230}, {128, 128, 0}, {0, 0, 128}, {170, 110, 40}};

Rgb colour_of(const std::string& path) {
  std::string top = path.substr(0, path.find('.'));
  return kPalette[std::hash<std::string>{}(top) % std::size(kPalette)];
}

struct BmfDeleter {
  void operator()(L_BMF* bmf) const { bmfDestroy(&bmf); }
};
struct BoxDeleter {
  void operator()(BOX* box) const { boxDestroy(&box); }
};

}  // namespace

Result<imaging::Image> annotate_page(const imaging::Image& image, const doc::Page& page, const Extraction& extraction) {
  if (image.empty()) return invalid_argument("annotate: page " + std::to_string(page.index + 1) + " has no image");
  imaging::Image out = imaging::Image::adopt(pixConvertTo32(image.pix()));
  if (out.empty()) return internal_error("annotate: cannot convert page " + std::to_string(page.index + 1) + " to colour");
  double sx = page.width > 0 ? double(out.width()) / page.width : 1.0;
  double sy = page.height > 0 ? double(out.height()) / page.height : 1.0;
  int line_width = std::max(2, out.width() / 600);
  // Text about 1/100 of the page height, within the sizes Leptonica's built-in font has (4..20 pt).
  int font_size = std::clamp((out.height() / 100) / 2 * 2, 4, 20);
  std::unique_ptr<L_BMF, BmfDeleter> font(bmfCreate(nullptr, font_size));

  std::vector<Located> located;
  collect(extraction.fields, "", located);
  for (const Located& item : located) {
    if (item.source->page != page.index + 1) continue;
    Rgb c = colour_of(item.path);
    bool labelled = false;
    for (const doc::Box& b : item.source->boxes) {
      int x = static_cast<int>(b.x0 * sx), y = static_cast<int>(b.y0 * sy);
      int w = std::max(1, static_cast<int>(b.width() * sx)), h = std::max(1, static_cast<int>(b.height() * sy));
      std::unique_ptr<BOX, BoxDeleter> box(boxCreate(x - line_width, y - line_width, w + 2 * line_width, h + 2 * line_width));
      if (box) pixRenderBoxArb(out.pix(), box.get(), line_width, c.r, c.g, c.b);
      if (!labelled && font) {
        l_uint32 colour = 0;
        composeRGBPixel(c.r, c.g, c.b, &colour);
        int baseline = std::max(font_size + 2, y - line_width - 3);
        pixSetTextline(out.pix(), font.get(), item.path.c_str(), colour, std::max(0, x), baseline, nullptr, nullptr);
        labelled = true;
      }
    }
  }
  return out;
}

Result<std::vector<std::string>> write_annotated_pages(const std::string& dir, const std::string& stem,
                                                       const std::vector<imaging::Image>& page_images,
                                                       const doc::Document& document, const Extraction& extraction) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return io_error(dir + ": cannot create the folder: " + ec.message());
  std::vector<std::string> written;
  for (std::size_t i = 0; i < page_images.size() && i < document.pages.size(); ++i) {
    if (page_images[i].empty()) continue;
    TEXTRA_ASSIGN_OR_RETURN(imaging::Image annotated, annotate_page(page_images[i], document.pages[i], extraction));
    std::string path = (std::filesystem::path(dir) / (stem + "-p" + std::to_string(i + 1) + ".png")).string();
    if (pixWrite(path.c_str(), annotated.pix(), IFF_PNG) != 0) return io_error(path + ": cannot write the PNG");
    written.push_back(path);
  }
  return written;
}

}  // namespace textra::fields
