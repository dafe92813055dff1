// The page an invoice is drawn on: text runs through FreeType into an RGB image (when painting), and
// at the same time every word's ink box and the field it shows, so the words are known exactly.
// A call to draw() is one line of text, as an OCR engine would return it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "imaging/image.h"
#include "synth/fonts.h"

namespace textra::synth {

struct TextStyle {
  int family = 0;
  bool bold = false;
  int size = 20;              // pixels (em size)
  std::uint32_t rgb = 0x000000;
};

// A piece of a line: its text and the ground-truth field it shows ("" for none, else a schema path
// such as "total_ttc" or "supplier.name").
struct Part {
  std::string text;
  std::string field;
};

struct DrawnWord {
  doc::Word word;
  std::string field;
};
using DrawnLine = std::vector<DrawnWord>;

class Canvas {
 public:
  // paint=false measures and records words without making an image (--image none).
  Canvas(FontLibrary& fonts, int width, int height, bool paint);

  int width() const { return width_; }
  int height() const { return height_; }
  int family_count() const { return fonts_.family_count(); }
  int text_width(std::string_view text, const TextStyle& style);
  // Draws the parts, one space apart, with the pen starting at x on baseline y; returns the pen's end x.
  int draw(int x, int baseline, const std::vector<Part>& parts, const TextStyle& style);
  int draw(int x, int baseline, std::string_view text, const TextStyle& style, std::string_view field = "") {
    return draw(x, baseline, std::vector<Part>{{std::string(text), std::string(field)}}, style);
  }
  void fill(const doc::Box& box, std::uint32_t rgb);

  imaging::Image& image() { return image_; }
  const std::vector<DrawnLine>& lines() const { return lines_; }

 private:
  // Draws one word; returns its ink box (empty when it has no ink).
  doc::Box draw_word(int x, int baseline, const std::u32string& word, const TextStyle& style);

  FontLibrary& fonts_;
  int width_, height_;
  imaging::Image image_;
  std::vector<DrawnLine> lines_;
};

}  // namespace textra::synth
