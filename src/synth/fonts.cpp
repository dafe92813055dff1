#include "synth/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <filesystem>

namespace textra::synth {
namespace {

struct FamilyFiles {
  const char* name;
  const char* regular;
  const char* bold;
};

// Sans, serif, condensed and monospaced families, as invoices are printed in. The first one must
// cover every character the generator writes (it is the fallback).
constexpr FamilyFiles kFamilies[] = {
    {"DejaVu Sans", "truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"},
    {"DejaVu Serif", "truetype/dejavu/DejaVuSerif.ttf", "truetype/dejavu/DejaVuSerif-Bold.ttf"},
    {"DejaVu Sans Condensed", "truetype/dejavu/DejaVuSansCondensed.ttf", "truetype/dejavu/DejaVuSansCondensed-Bold.ttf"},
    {"DejaVu Sans Mono", "truetype/dejavu/DejaVuSansMono.ttf", "truetype/dejavu/DejaVuSansMono-Bold.ttf"},
    {"Nimbus Sans", "type1/urw-base35/NimbusSans-Regular.t1", "type1/urw-base35/NimbusSans-Bold.t1"},
    {"Nimbus Sans Narrow", "type1/urw-base35/NimbusSansNarrow-Regular.t1", "type1/urw-base35/NimbusSansNarrow-Bold.t1"},
    {"Nimbus Roman", "type1/urw-base35/NimbusRoman-Regular.t1", "type1/urw-base35/NimbusRoman-Bold.t1"},
    {"C059", "type1/urw-base35/C059-Roman.t1", "type1/urw-base35/C059-Bold.t1"},
    {"P052", "type1/urw-base35/P052-Roman.t1", "type1/urw-base35/P052-Bold.t1"},
    {"URW Gothic", "type1/urw-base35/URWGothic-Book.t1", "type1/urw-base35/URWGothic-Demi.t1"},
    {"Nimbus Mono PS", "type1/urw-base35/NimbusMonoPS-Regular.t1", "type1/urw-base35/NimbusMonoPS-Bold.t1"},
};
constexpr const char* kFontRoot = "/usr/share/fonts/";

}  // namespace

Result<std::unique_ptr<FontLibrary>> FontLibrary::load() {
  std::unique_ptr<FontLibrary> fonts(new FontLibrary());
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) return internal_error("FreeType did not initialise");
  fonts->library_ = library;
  for (const FamilyFiles& f : kFamilies) {
    std::string regular = std::string(kFontRoot) + f.regular, bold = std::string(kFontRoot) + f.bold;
    std::error_code ec;
    if (!std::filesystem::exists(regular, ec) || !std::filesystem::exists(bold, ec)) continue;
    FT_Face faces[2] = {nullptr, nullptr};
    if (FT_New_Face(library, regular.c_str(), 0, &faces[0]) != 0) continue;
    if (FT_New_Face(library, bold.c_str(), 0, &faces[1]) != 0) {
      FT_Done_Face(faces[0]);
      continue;
    }
    fonts->families_.push_back({f.name, {faces[0], faces[1]}});
  }
  if (fonts->families_.empty() || fonts->families_[0].name != kFamilies[0].name) {
    return not_found(std::string("fonts: DejaVu Sans not found under ") + kFontRoot +
                     " (install fonts-dejavu-core and fonts-urw-base35: scripts/setup)");
  }
  return fonts;
}

FontLibrary::~FontLibrary() {
  for (Family& f : families_) {
    for (void* face : f.faces) FT_Done_Face(static_cast<FT_Face>(face));
  }
  if (library_ != nullptr) FT_Done_FreeType(static_cast<FT_Library>(library_));
}

const Glyph& FontLibrary::glyph(int family, bool bold, int pixel_size, char32_t cp) {
  auto key = std::make_tuple(family, bold, pixel_size, cp);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  FT_Face face = static_cast<FT_Face>(families_[family].faces[bold ? 1 : 0]);
  if (FT_Get_Char_Index(face, cp) == 0 && family != 0) return cache_[key] = glyph(0, bold, pixel_size, cp);
  Glyph g;
  FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(pixel_size));
  if (FT_Load_Char(face, cp, FT_LOAD_RENDER) == 0) {
    const FT_GlyphSlot slot = face->glyph;
    const FT_Bitmap& bitmap = slot->bitmap;
    g.left = slot->bitmap_left;
    g.top = slot->bitmap_top;
    g.advance = static_cast<int>((slot->advance.x + 32) >> 6);
    if (bitmap.pixel_mode == FT_PIXEL_MODE_GRAY) {
      g.width = static_cast<int>(bitmap.width);
      g.height = static_cast<int>(bitmap.rows);
      g.alpha.resize(static_cast<std::size_t>(g.width) * g.height);
      for (int y = 0; y < g.height; ++y) {
        for (int x = 0; x < g.width; ++x) g.alpha[static_cast<std::size_t>(y) * g.width + x] = bitmap.buffer[y * bitmap.pitch + x];
      }
    }
  } else {
    g.advance = pixel_size / 2;  // a character no font draws leaves a gap rather than failing the invoice
  }
  return cache_[key] = std::move(g);
}

}  // namespace textra::synth
