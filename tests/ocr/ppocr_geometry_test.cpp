// Geometry of text boxes: hulls, minimum-area rectangles, growing, containment, perspective maps.
#include "ocr/ppocr/geometry.h"

#include <gtest/gtest.h>

#include <cmath>

namespace textra::ocr::ppocr {
namespace {

void expect_point(Point p, float x, float y) {
  EXPECT_NEAR(p.x, x, 1e-3) << "x";
  EXPECT_NEAR(p.y, y, 1e-3) << "y";
}

TEST(PpocrGeometry, HullDropsInteriorAndCollinearPoints) {
  std::vector<Point> hull = convex_hull({{0, 0}, {2, 0}, {4, 0}, {4, 2}, {0, 2}, {1, 1}, {2, 1}});
  EXPECT_EQ(hull.size(), 4u);
}

TEST(PpocrGeometry, MinAreaRectOfAnAxisAlignedBlockIsTheBlockInReadingCornerOrder) {
  Quad r = min_area_rect({{10, 5}, {40, 5}, {10, 15}, {40, 15}, {25, 10}});
  expect_point(r[0], 10, 5);
  expect_point(r[1], 40, 5);
  expect_point(r[2], 40, 15);
  expect_point(r[3], 10, 15);
}

TEST(PpocrGeometry, MinAreaRectFollowsATiltedLine) {
  // A 20 x 4 rectangle turned by atan(0.1): its corners, plus points inside.
  const float c = 1 / std::sqrt(1.01f), s = 0.1f * c;
  auto at = [&](float u, float v) { return Point{100 + u * c - v * s, 50 + u * s + v * c}; };
  Quad r = min_area_rect({at(0, 0), at(20, 0), at(20, 4), at(0, 4), at(10, 2), at(5, 1)});
  EXPECT_NEAR(area(r), 80, 1e-2);
  EXPECT_NEAR(short_side(r), 4, 1e-3);
  expect_point(r[0], at(0, 0).x, at(0, 0).y);
  expect_point(r[2], at(20, 4).x, at(20, 4).y);
}

TEST(PpocrGeometry, GrowingMovesEverySideOutwards) {
  Quad r = grown({Point{10, 10}, Point{40, 10}, Point{40, 20}, Point{10, 20}}, 2.5f);
  expect_point(r[0], 7.5f, 7.5f);
  expect_point(r[2], 42.5f, 22.5f);
  EXPECT_NEAR(area(r), 35 * 15, 1e-3);
  EXPECT_NEAR(perimeter(r), 100, 1e-3);
}

TEST(PpocrGeometry, ContainsPointsOfAConvexQuadOnly) {
  Quad diamond{Point{5, 0}, Point{10, 5}, Point{5, 10}, Point{0, 5}};
  EXPECT_TRUE(contains(diamond, {5, 5}));
  EXPECT_TRUE(contains(diamond, {5, 0}));
  EXPECT_FALSE(contains(diamond, {1, 1}));
  EXPECT_FALSE(contains(diamond, {11, 5}));
}

TEST(PpocrGeometry, HomographyMapsCropCornersOntoTheQuadAndKeepsStraightLines) {
  Quad q{Point{10, 20}, Point{110, 30}, Point{105, 70}, Point{12, 55}};
  Homography h(q, 50, 20);
  expect_point(h.map(0, 0), 10, 20);
  expect_point(h.map(50, 0), 110, 30);
  expect_point(h.map(50, 20), 105, 70);
  expect_point(h.map(0, 20), 12, 55);
  Point mid = h.map(25, 0);  // on the top edge
  float cross = (q[1].x - q[0].x) * (mid.y - q[0].y) - (q[1].y - q[0].y) * (mid.x - q[0].x);
  EXPECT_NEAR(cross, 0, 1e-2);
}

}  // namespace
}  // namespace textra::ocr::ppocr
