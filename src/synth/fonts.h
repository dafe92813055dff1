// The fonts synthetic invoices are drawn with: FreeType faces from the Debian font packages
// (fonts-dejavu-core, fonts-urw-base35), one regular and one bold face per family, and their glyphs
// rendered once per pixel size and kept (a run draws the same few hundred glyphs thousands of times).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "base/status.h"

namespace textra::synth {

struct Glyph {
  int left = 0, top = 0;  // bitmap origin relative to the pen on the baseline (top is above it)
  int width = 0, height = 0;
  int advance = 0;        // pixels
  std::vector<std::uint8_t> alpha;  // width * height coverage values
};

class FontLibrary {
 public:
  // Every family whose regular and bold files are found in the system font folders; fails when none is.
  static Result<std::unique_ptr<FontLibrary>> load();
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  int family_count() const { return static_cast<int>(families_.size()); }
  const std::string& family_name(int family) const { return families_[family].name; }
  // The glyph of cp; a code point the family lacks is drawn with the first family (DejaVu Sans).
  const Glyph& glyph(int family, bool bold, int pixel_size, char32_t cp);

 private:
  struct Family {
    std::string name;
    void* faces[2] = {nullptr, nullptr};  // FT_Face regular, bold
  };
  FontLibrary() = default;
  void* library_ = nullptr;  // FT_Library
  std::vector<Family> families_;
  std::map<std::tuple<int, bool, int, char32_t>, Glyph> cache_;
};

}  // namespace textra::synth
