#include "synth/canvas.h"

#include <leptonica/allheaders.h>

#include <algorithm>

#include "base/utf8.h"

namespace textra::synth {
namespace {

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace

Canvas::Canvas(FontLibrary& fonts, int width, int height, bool paint) : fonts_(fonts), width_(width), height_(height) {
  if (paint) {
    image_ = imaging::Image::adopt(pixCreate(width, height, 32));
    pixSetAllArbitrary(image_.pix(), 0xffffff00);
  }
}

int Canvas::text_width(std::string_view text, const TextStyle& style) {
  int w = 0;
  for (char32_t cp : utf8::decode(text)) w += fonts_.glyph(style.family, style.bold, style.size, cp).advance;
  return w;
}

doc::Box Canvas::draw_word(int x, int baseline, const std::u32string& word, const TextStyle& style) {
  doc::Box ink{};
  l_uint32* data = image_.empty() ? nullptr : pixGetData(image_.pix());
  const int wpl = image_.empty() ? 0 : pixGetWpl(image_.pix());
  const int r = (style.rgb >> 16) & 0xff, g = (style.rgb >> 8) & 0xff, b = style.rgb & 0xff;
  for (char32_t cp : word) {
    const Glyph& glyph = fonts_.glyph(style.family, style.bold, style.size, cp);
    const int gx = x + glyph.left, gy = baseline - glyph.top;
    bool inked = false;
    for (int yy = 0; yy < glyph.height; ++yy) {
      const int py = gy + yy;
      if (py < 0 || py >= height_) continue;
      for (int xx = 0; xx < glyph.width; ++xx) {
        const int px = gx + xx;
        const int a = glyph.alpha[static_cast<std::size_t>(yy) * glyph.width + xx];
        if (px < 0 || px >= width_ || a == 0) continue;
        inked = true;
        if (data == nullptr) continue;
        l_uint32& pixel = data[py * wpl + px];
        auto mix = [a](int under, int over) { return (under * (255 - a) + over * a + 127) / 255; };
        const int nr = mix((pixel >> 24) & 0xff, r), ng = mix((pixel >> 16) & 0xff, g), nb = mix((pixel >> 8) & 0xff, b);
        pixel = (static_cast<l_uint32>(nr) << 24) | (static_cast<l_uint32>(ng) << 16) | (static_cast<l_uint32>(nb) << 8);
      }
    }
    if (inked) {
      doc::Box box{std::max(gx, 0), std::max(gy, 0), std::min(gx + glyph.width, width_), std::min(gy + glyph.height, height_)};
      ink = ink.united(box);
    }
    x += glyph.advance;
  }
  return ink;
}

int Canvas::draw(int x, int baseline, const std::vector<Part>& parts, const TextStyle& style) {
  const int space = std::max(1, text_width(" ", style));
  DrawnLine line;
  bool first = true;
  for (const Part& part : parts) {
    for (const std::string& text : split_words(part.text)) {
      if (!first) x += space;
      first = false;
      const std::vector<char32_t> decoded = utf8::decode(text);
      const std::u32string cps(decoded.begin(), decoded.end());
      doc::Box box = draw_word(x, baseline, cps, style);
      x += text_width(text, style);
      if (!box.empty()) line.push_back({doc::Word{text, box, 1.0f}, part.field});
    }
  }
  if (!line.empty()) lines_.push_back(std::move(line));
  return x;
}

void Canvas::fill(const doc::Box& box, std::uint32_t rgb) {
  if (image_.empty()) return;
  const doc::Box b{std::max(box.x0, 0), std::max(box.y0, 0), std::min(box.x1, width_), std::min(box.y1, height_)};
  if (b.empty()) return;
  const l_uint32 value = ((rgb >> 16 & 0xff) << 24) | ((rgb >> 8 & 0xff) << 16) | ((rgb & 0xff) << 8);
  l_uint32* data = pixGetData(image_.pix());
  const int wpl = pixGetWpl(image_.pix());
  for (int y = b.y0; y < b.y1; ++y) std::fill(data + y * wpl + b.x0, data + y * wpl + b.x1, value);
}

}  // namespace textra::synth
