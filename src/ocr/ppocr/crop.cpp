#include "ocr/ppocr/crop.h"

#include <algorithm>
#include <cmath>

namespace textra::ocr::ppocr {
namespace {

OrientedQuad with_size(const Quad& quad) {
  OrientedQuad line{quad, 0, 0};
  line.width = std::max(1, static_cast<int>(std::lround(std::max(distance(quad[0], quad[1]), distance(quad[3], quad[2])))));
  line.height = std::max(1, static_cast<int>(std::lround(std::max(distance(quad[0], quad[3]), distance(quad[1], quad[2])))));
  return line;
}

// The crop of crop(), from a page or a float image.
template <typename Source>
FloatImage sample(const Source& page, int page_width, int page_height, const OrientedQuad& line) {
  FloatImage out(line.width, line.height);
  if (page_width == 0 || page_height == 0) return out;
  const Homography to_page(line.quad, static_cast<float>(line.width), static_cast<float>(line.height));
  for (int v = 0; v < line.height; ++v) {
    for (int u = 0; u < line.width; ++u) {
      // Pixel centres on both sides: crop centre (u + 0.5) lands at page position p, whose pixel grid has
      // centres at integer + 0.5.
      Point p = to_page.map(u + 0.5f, v + 0.5f);
      float x = std::clamp(p.x - 0.5f, 0.0f, static_cast<float>(page_width - 1));
      float y = std::clamp(p.y - 0.5f, 0.0f, static_cast<float>(page_height - 1));
      int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
      int x1 = std::min(x0 + 1, page_width - 1), y1 = std::min(y0 + 1, page_height - 1);
      float fx = x - x0, fy = y - y0;
      float a[3], b[3], c[3], d[3];
      page.rgb(x0, y0, a), page.rgb(x1, y0, b), page.rgb(x0, y1, c), page.rgb(x1, y1, d);
      float* o = out.at(u, v);
      for (int ch = 0; ch < 3; ++ch) {
        float top = a[ch] + (b[ch] - a[ch]) * fx;
        float bottom = c[ch] + (d[ch] - c[ch]) * fx;
        o[ch] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}

}  // namespace

OrientedQuad line_quad(const Quad& quad) {
  OrientedQuad line = with_size(quad);
  if (line.height >= 1.5 * line.width) line = with_size({quad[1], quad[2], quad[3], quad[0]});
  return line;
}

OrientedQuad turned_180(const OrientedQuad& line) {
  const Quad& q = line.quad;
  return with_size({q[2], q[3], q[0], q[1]});
}

FloatImage crop(const PageImage& page, const OrientedQuad& line) {
  return sample(page, page.width(), page.height(), line);
}

FloatImage crop(const FloatImage& page, const OrientedQuad& line) { return sample(page, page.width, page.height, line); }

FloatImage at_height(const FloatImage& crop, int height, int max_width) {
  int width = crop.height == 0 ? 1 : static_cast<int>(std::ceil(static_cast<double>(crop.width) * height / crop.height));
  return resized(crop, std::clamp(width, 1, max_width), height);
}

}  // namespace textra::ocr::ppocr
