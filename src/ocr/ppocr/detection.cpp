#include "ocr/ppocr/detection.h"

#include <algorithm>
#include <cmath>

namespace textra::ocr::ppocr {
namespace {

int round_to_32(double side) { return std::max(32, static_cast<int>(std::lround(side / 32.0)) * 32); }

// The pixels of one 8-connected component, as the left and right end of each of its rows: enough for its
// convex hull, and far fewer points than the component.
struct Component {
  std::size_t pixels = 0;
  std::vector<Point> row_ends;  // pixel corners, so a one-pixel component still has an area
};

std::vector<Component> components_above(const ProbabilityMap& map, float threshold) {
  const int w = map.width, h = map.height;
  std::vector<int> label(static_cast<std::size_t>(w) * h, -1);
  std::vector<Component> components;
  std::vector<int> stack;
  for (int start = 0; start < w * h; ++start) {
    if (label[start] >= 0 || !(map.values[start] > threshold)) continue;
    const int id = static_cast<int>(components.size());
    components.emplace_back();
    // Per-row extremes collected while flooding.
    std::vector<std::pair<int, int>> rows;  // y -> (min x, max x), indexed from min_y
    int min_y = start / w;
    stack.assign(1, start);
    label[start] = id;
    while (!stack.empty()) {
      int p = stack.back();
      stack.pop_back();
      int x = p % w, y = p / w;
      ++components.back().pixels;
      if (y - min_y >= static_cast<int>(rows.size())) rows.resize(y - min_y + 1, {w, -1});
      auto& r = rows[y - min_y];
      r.first = std::min(r.first, x), r.second = std::max(r.second, x);
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          int q = ny * w + nx;
          if (label[q] < 0 && map.values[q] > threshold) {
            label[q] = id;
            stack.push_back(q);
          }
        }
      }
    }
    // Flooding starts at the component's first pixel in raster order, so no row lies above min_y.
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].second < 0) continue;
      float y = static_cast<float>(min_y + static_cast<int>(i));
      float left = static_cast<float>(rows[i].first), right = static_cast<float>(rows[i].second + 1);
      components.back().row_ends.insert(components.back().row_ends.end(),
                                        {{left, y}, {right, y}, {left, y + 1}, {right, y + 1}});
    }
  }
  return components;
}

// Mean probability over the map pixels whose centres lie inside the rectangle.
float mean_inside(const ProbabilityMap& map, const Quad& rect) {
  float x0 = rect[0].x, x1 = rect[0].x, y0 = rect[0].y, y1 = rect[0].y;
  for (const Point& p : rect) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  int xa = std::clamp(static_cast<int>(std::floor(x0)), 0, map.width - 1);
  int xb = std::clamp(static_cast<int>(std::ceil(x1)), 0, map.width - 1);
  int ya = std::clamp(static_cast<int>(std::floor(y0)), 0, map.height - 1);
  int yb = std::clamp(static_cast<int>(std::ceil(y1)), 0, map.height - 1);
  double sum = 0;
  std::size_t count = 0;
  for (int y = ya; y <= yb; ++y) {
    for (int x = xa; x <= xb; ++x) {
      if (!contains(rect, {x + 0.5f, y + 0.5f})) continue;
      sum += map.at(x, y);
      ++count;
    }
  }
  return count == 0 ? 0.0f : static_cast<float>(sum / count);
}

}  // namespace

InputSize detection_input_size(int page_width, int page_height, int max_side) {
  double scale = std::min(1.0, static_cast<double>(max_side) / std::max(page_width, page_height));
  return {round_to_32(page_width * scale), round_to_32(page_height * scale)};
}

nn::Tensor detection_input(const PageImage& page, InputSize size) {
  return resized_tensor(page, size.width, size.height, kDetectionNormalization);
}

std::vector<TextBox> text_boxes(const ProbabilityMap& map, int page_width, int page_height,
                                const DetectionOptions& options) {
  std::vector<TextBox> boxes;
  if (map.width <= 0 || map.height <= 0) return boxes;
  std::vector<Component> components = components_above(map, options.threshold);
  if (components.size() > static_cast<std::size_t>(options.max_candidates)) {
    std::nth_element(components.begin(), components.begin() + options.max_candidates, components.end(),
                     [](const Component& a, const Component& b) { return a.pixels > b.pixels; });
    components.resize(static_cast<std::size_t>(options.max_candidates));
  }
  const float sx = static_cast<float>(page_width) / map.width, sy = static_cast<float>(page_height) / map.height;
  for (const Component& component : components) {
    Quad rect = min_area_rect(component.row_ends);
    if (short_side(rect) < options.min_size) continue;
    float score = mean_inside(map, rect);
    if (score < options.box_threshold) continue;
    float offset = area(rect) * options.unclip_ratio / perimeter(rect);
    Quad unclipped = grown(rect, offset);
    if (short_side(unclipped) < options.min_size + 2) continue;
    TextBox box{unclipped, score};
    for (Point& p : box.quad) {
      p.x = std::clamp(p.x * sx, 0.0f, static_cast<float>(page_width));
      p.y = std::clamp(p.y * sy, 0.0f, static_cast<float>(page_height));
    }
    box.quad = order_corners(box.quad);
    if (distance(box.quad[0], box.quad[1]) <= 4 || distance(box.quad[0], box.quad[3]) <= 4) continue;
    boxes.push_back(box);
  }
  return boxes;
}

}  // namespace textra::ocr::ppocr
