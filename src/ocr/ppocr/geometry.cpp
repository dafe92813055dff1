#include "ocr/ppocr/geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace textra::ocr::ppocr {
namespace {

double cross(Point o, Point a, Point b) {
  return static_cast<double>(a.x - o.x) * (b.y - o.y) - static_cast<double>(a.y - o.y) * (b.x - o.x);
}

// Solves the 8x8 system A h = b by Gaussian elimination with partial pivoting; false when singular.
bool solve8(std::array<std::array<double, 9>, 8>& m, std::array<double, 8>& out) {
  for (int col = 0; col < 8; ++col) {
    int pivot = col;
    for (int r = col + 1; r < 8; ++r) {
      if (std::abs(m[r][col]) > std::abs(m[pivot][col])) pivot = r;
    }
    if (std::abs(m[pivot][col]) < 1e-12) return false;
    std::swap(m[pivot], m[col]);
    for (int r = 0; r < 8; ++r) {
      if (r == col) continue;
      double f = m[r][col] / m[col][col];
      for (int c = col; c < 9; ++c) m[r][c] -= f * m[col][c];
    }
  }
  for (int r = 0; r < 8; ++r) out[r] = m[r][8] / m[r][r];
  return true;
}

}  // namespace

std::vector<Point> convex_hull(std::vector<Point> points) {
  std::sort(points.begin(), points.end(), [](Point a, Point b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  points.erase(std::unique(points.begin(), points.end(), [](Point a, Point b) { return a.x == b.x && a.y == b.y; }),
               points.end());
  if (points.size() < 3) return points;
  std::vector<Point> hull(2 * points.size());
  std::size_t k = 0;
  for (const Point& p : points) {  // lower chain
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  }
  for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {  // upper chain
    while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);
  return hull;
}

Quad order_corners(Quad quad) {
  std::sort(quad.begin(), quad.end(), [](Point a, Point b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  Point left_top = quad[0].y <= quad[1].y ? quad[0] : quad[1];
  Point left_bottom = quad[0].y <= quad[1].y ? quad[1] : quad[0];
  Point right_top = quad[2].y <= quad[3].y ? quad[2] : quad[3];
  Point right_bottom = quad[2].y <= quad[3].y ? quad[3] : quad[2];
  return {left_top, right_top, right_bottom, left_bottom};
}

Quad min_area_rect(const std::vector<Point>& points) {
  std::vector<Point> hull = convex_hull(points);
  if (hull.empty()) return {};
  if (hull.size() < 3) {  // a point or a segment: the segment itself, zero thick
    Point a = hull.front(), b = hull.back();
    return order_corners({a, b, b, a});
  }
  double best_area = std::numeric_limits<double>::max();
  Quad best{};
  for (std::size_t i = 0; i < hull.size(); ++i) {
    Point a = hull[i], b = hull[(i + 1) % hull.size()];
    double len = std::hypot(b.x - a.x, b.y - a.y);
    if (len == 0) continue;
    double ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;  // along the edge
    double vx = -uy, vy = ux;                                // across it
    double min_u = std::numeric_limits<double>::max(), max_u = -min_u, min_v = min_u, max_v = -min_u;
    for (const Point& p : hull) {
      double u = (p.x - a.x) * ux + (p.y - a.y) * uy, v = (p.x - a.x) * vx + (p.y - a.y) * vy;
      min_u = std::min(min_u, u), max_u = std::max(max_u, u), min_v = std::min(min_v, v), max_v = std::max(max_v, v);
    }
    double rect_area = (max_u - min_u) * (max_v - min_v);
    if (rect_area < best_area) {
      best_area = rect_area;
      auto corner = [&](double u, double v) {
        return Point{static_cast<float>(a.x + u * ux + v * vx), static_cast<float>(a.y + u * uy + v * vy)};
      };
      best = {corner(min_u, min_v), corner(max_u, min_v), corner(max_u, max_v), corner(min_u, max_v)};
    }
  }
  return order_corners(best);
}

float distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

float area(const Quad& quad) {
  double twice = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const Point& a = quad[i];
    const Point& b = quad[(i + 1) % 4];
    twice += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
  }
  return static_cast<float>(std::abs(twice) / 2);
}

float perimeter(const Quad& quad) {
  float sum = 0;
  for (std::size_t i = 0; i < 4; ++i) sum += distance(quad[i], quad[(i + 1) % 4]);
  return sum;
}

float short_side(const Quad& rect) { return std::min(distance(rect[0], rect[1]), distance(rect[0], rect[3])); }

Quad grown(const Quad& rect, float offset) {
  auto unit = [](Point from, Point to) {
    float len = distance(from, to);
    return len == 0 ? Point{} : Point{(to.x - from.x) / len, (to.y - from.y) / len};
  };
  Point u = unit(rect[0], rect[1]);  // left to right
  Point v = unit(rect[0], rect[3]);  // top to bottom
  if (u.x == 0 && u.y == 0) u = {-v.y, v.x};  // a zero-width rectangle: "right" is across "down"
  if (v.x == 0 && v.y == 0) v = {-u.y, u.x};
  auto moved = [&](Point p, float su, float sv) {
    return Point{p.x + offset * (su * u.x + sv * v.x), p.y + offset * (su * u.y + sv * v.y)};
  };
  return {moved(rect[0], -1, -1), moved(rect[1], 1, -1), moved(rect[2], 1, 1), moved(rect[3], -1, 1)};
}

bool contains(const Quad& convex, Point p) {
  bool negative = false, positive = false;
  for (std::size_t i = 0; i < 4; ++i) {
    double c = cross(convex[i], convex[(i + 1) % 4], p);
    negative = negative || c < 0;
    positive = positive || c > 0;
  }
  return !(negative && positive);
}

Homography::Homography(const Quad& quad, float width, float height) {
  // x = (h0 u + h1 v + h2) / (h6 u + h7 v + 1), y = (h3 u + h4 v + h5) / (h6 u + h7 v + 1)
  const std::array<Point, 4> from = {Point{0, 0}, Point{width, 0}, Point{width, height}, Point{0, height}};
  std::array<std::array<double, 9>, 8> m{};
  for (int i = 0; i < 4; ++i) {
    double u = from[i].x, v = from[i].y, x = quad[i].x, y = quad[i].y;
    m[2 * i] = {u, v, 1, 0, 0, 0, -u * x, -v * x, x};
    m[2 * i + 1] = {0, 0, 0, u, v, 1, -u * y, -v * y, y};
  }
  std::array<double, 8> h{};
  if (solve8(m, h)) {
    std::copy(h.begin(), h.end(), h_.begin());
    h_[8] = 1;
  } else {  // a degenerate quad: scale the crop onto its bounding corners
    h_ = {width > 0 ? (quad[1].x - quad[0].x) / width : 0.0, 0, quad[0].x, 0,
          height > 0 ? (quad[3].y - quad[0].y) / height : 0.0, quad[0].y, 0, 0, 1};
  }
}

Point Homography::map(float u, float v) const {
  double w = h_[6] * u + h_[7] * v + h_[8];
  if (w == 0) w = 1e-12;
  return {static_cast<float>((h_[0] * u + h_[1] * v + h_[2]) / w), static_cast<float>((h_[3] * u + h_[4] * v + h_[5]) / w)};
}

}  // namespace textra::ocr::ppocr
