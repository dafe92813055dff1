// Plane geometry of text boxes: convex hulls, minimum-area rectangles, growing a rectangle outwards, and
// the perspective map from an upright crop to a quadrilateral of the page. Coordinates are pixels (x
// right, y down); a pixel (x, y) covers [x, x+1) x [y, y+1).
#pragma once

#include <array>
#include <vector>

namespace textra::ocr::ppocr {

struct Point {
  float x = 0, y = 0;
};

// Corners in the order top-left, top-right, bottom-right, bottom-left (as read on the page).
using Quad = std::array<Point, 4>;

// Counter-clockwise on screen (y down) hull without repeated or collinear points.
std::vector<Point> convex_hull(std::vector<Point> points);

// The smallest-area rectangle holding the points (rotating calipers over the hull's edges), corners ordered
// by order_corners(). Fewer than 3 distinct points give a degenerate (zero-width or zero-height) quad.
Quad min_area_rect(const std::vector<Point>& points);

// Orders four corners as top-left, top-right, bottom-right, bottom-left: the two leftmost are the left
// side (upper first), the others the right side.
Quad order_corners(Quad quad);

float distance(Point a, Point b);
float area(const Quad& quad);       // shoelace, absolute
float perimeter(const Quad& quad);
float short_side(const Quad& rect);  // of a rectangle: min(|tl-tr|, |tl-bl|)

// A rectangle with every side moved outwards by `offset` (what unclipping a rectangle by a distance gives
// once rounded corners are squared off again by the minimum-area rectangle).
Quad grown(const Quad& rect, float offset);

bool contains(const Quad& convex, Point p);

// Maps crop coordinates (u, v) in [0, width] x [0, height] onto the quad: (0,0) -> top-left, (width,0) ->
// top-right, (width,height) -> bottom-right, (0,height) -> bottom-left.
class Homography {
 public:
  Homography(const Quad& quad, float width, float height);
  Point map(float u, float v) const;

 private:
  std::array<double, 9> h_{};
};

}  // namespace textra::ocr::ppocr
