// Text-line crops: the pixels of a quadrilateral of the page, rectified by a perspective transform with
// bilinear sampling at the quad's own resolution (the page's pixels, not the detector's downscaled copy: the
// recogniser finds the spaces between words only at adequate resolution), and resized for the networks.
#pragma once

#include "ocr/ppocr/geometry.h"
#include "ocr/ppocr/image.h"

namespace textra::ocr::ppocr {

// A line's quad with its corners in reading order: crop (0,0) is quad[0]. Turning a line is relabelling.
struct OrientedQuad {
  Quad quad;
  int width = 0, height = 0;  // of the rectified crop: the longer of each pair of opposite sides, rounded
};

// The quad as a line to read: a box much taller than wide (height >= 1.5 width) is read as text turned
// 90 degrees clockwise (its right side is the line's top), as PaddleOCR does.
OrientedQuad line_quad(const Quad& quad);
// The same line read upside down.
OrientedQuad turned_180(const OrientedQuad& line);

FloatImage crop(const PageImage& page, const OrientedQuad& line);
FloatImage crop(const FloatImage& page, const OrientedQuad& line);

// The crop at the given height, aspect kept (width at least 1 and at most max_width).
FloatImage at_height(const FloatImage& crop, int height, int max_width);

}  // namespace textra::ocr::ppocr
