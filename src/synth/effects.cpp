#include "synth/effects.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "base/utf8.h"

namespace textra::synth {

Result<EffectSet> parse_effects(const std::string& list) {
  if (list == "all") return EffectSet{};
  EffectSet set{false, false, false, false, false};
  if (list == "none") return set;
  std::stringstream in(list);
  std::string name;
  while (std::getline(in, name, ',')) {
    if (name == "blur") set.blur = true;
    else if (name == "noise") set.noise = true;
    else if (name == "rotate") set.rotate = true;
    else if (name == "jpeg") set.jpeg = true;
    else if (name == "lowres") set.lowres = true;
    else return invalid_argument("--effects: unknown effect '" + name + "' (blur, noise, rotate, jpeg, lowres, all, none)");
  }
  return set;
}

ScanEffects draw_effects(Rng& rng, const EffectSet& allowed) {
  // Every draw happens whatever is allowed, so that allowing one effect does not change the others.
  ScanEffects e;
  const bool rotate = rng.chance(kEffectChance), blur = rng.chance(kEffectChance), lowres = rng.chance(kEffectChance);
  const bool noise = rng.chance(kEffectChance), jpeg = rng.chance(kEffectChance);
  const double angle = rng.real(-3, 3), scale = rng.real(0.5, 0.8), sigma = rng.real(4, 14);
  const int quality = rng.uniform(25, 75);
  if (allowed.rotate && rotate) e.angle_degrees = angle;
  if (allowed.blur && blur) e.blur = true;
  if (allowed.lowres && lowres) e.scale = scale;
  if (allowed.noise && noise) e.noise_sigma = sigma;
  if (allowed.jpeg && jpeg) e.jpeg_quality = quality;
  return e;
}

void apply_box_effects(const ScanEffects& effects, std::vector<DrawnLine>& lines, int& width, int& height) {
  const double a = effects.angle_degrees * 3.14159265358979 / 180.0, c = std::cos(a), s = std::sin(a);
  const double cx = width / 2.0, cy = height / 2.0;
  const int out_w = static_cast<int>(std::lround(width * effects.scale)), out_h = static_cast<int>(std::lround(height * effects.scale));
  for (DrawnLine& line : lines) {
    for (DrawnWord& w : line) {
      doc::Box& b = w.word.box;
      double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
      for (int corner = 0; corner < 4; ++corner) {
        const double px = (corner & 1 ? b.x1 : b.x0) - cx, py = (corner & 2 ? b.y1 : b.y0) - cy;
        // Clockwise on the page (y points down), as pixRotate turns the pixels.
        const double rx = cx + px * c - py * s, ry = cy + px * s + py * c;
        x0 = std::min(x0, rx), y0 = std::min(y0, ry), x1 = std::max(x1, rx), y1 = std::max(y1, ry);
      }
      auto scaled = [&](double v, int limit) { return std::clamp(static_cast<int>(std::lround(v * effects.scale)), 0, limit); };
      b = {scaled(x0, out_w - 1), scaled(y0, out_h - 1), scaled(x1, out_w), scaled(y1, out_h)};
      // A dot or a dash scaled down keeps one pixel.
      b.x1 = std::max(b.x1, b.x0 + 1);
      b.y1 = std::max(b.y1, b.y0 + 1);
    }
  }
  width = out_w;
  height = out_h;
}

imaging::Image apply_image_effects(const ScanEffects& effects, const imaging::Image& image, Rng& rng) {
  imaging::Image out = image.clone();
  if (effects.angle_degrees != 0) {
    out = imaging::Image::adopt(pixRotate(out.pix(), static_cast<float>(effects.angle_degrees * 3.14159265358979 / 180.0),
                                          L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  }
  if (effects.blur) out = imaging::Image::adopt(pixBlockconv(out.pix(), 1, 1));
  if (effects.scale != 1) {
    const int w = static_cast<int>(std::lround(image.width() * effects.scale)), h = static_cast<int>(std::lround(image.height() * effects.scale));
    out = imaging::Image::adopt(pixScaleToSize(out.pix(), w, h));
  }
  if (effects.noise_sigma > 0 && !out.empty() && out.depth() == 32) {
    l_uint32* data = pixGetData(out.pix());
    const int wpl = pixGetWpl(out.pix());
    for (int y = 0; y < out.height(); ++y) {
      for (int x = 0; x < out.width(); ++x) {
        l_uint32& p = data[y * wpl + x];
        const int d = static_cast<int>(std::lround(rng.normal() * effects.noise_sigma));
        auto channel = [&](int shift) { return static_cast<l_uint32>(std::clamp(static_cast<int>((p >> shift) & 0xff) + d, 0, 255)) << shift; };
        p = channel(24) | channel(16) | channel(8);
      }
    }
  }
  return out;
}

void add_ocr_errors(std::vector<DrawnLine>& lines, double rate, Rng& rng) {
  static const std::vector<std::pair<std::u32string, std::u32string>> kConfusions = {
      {U"0", U"O"}, {U"O", U"0"}, {U"1", U"l"}, {U"l", U"1"}, {U"I", U"1"}, {U"5", U"S"}, {U"S", U"5"}, {U"8", U"B"},
      {U"é", U"e"}, {U"è", U"e"}, {U"à", U"a"}, {U",", U"."}, {U".", U","}, {U"°", U"o"}, {U"rn", U"m"}, {U"€", U"e"}};
  for (DrawnLine& line : lines) {
    for (DrawnWord& w : line) {
      if (!rng.chance(rate)) continue;
      std::vector<char32_t> decoded = utf8::decode(w.word.text);
      std::u32string text(decoded.begin(), decoded.end());
      std::vector<std::size_t> options;
      for (std::size_t k = 0; k < kConfusions.size(); ++k) {
        if (text.find(kConfusions[k].first) != std::u32string::npos) options.push_back(k);
      }
      if (!options.empty() && rng.chance(0.8)) {
        const auto& [from, to] = kConfusions[options[rng.next() % options.size()]];
        text.replace(text.find(from), from.size(), to);
      } else if (text.size() > 3) {
        text.erase(rng.next() % text.size(), 1);
      }
      w.word.text = utf8::encode(text);
      w.word.confidence = 0.6f;
    }
  }
}

}  // namespace textra::synth
