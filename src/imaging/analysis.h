// Measurements the preprocessing steps and the `auto` policy decide from. All take an 8-bit gray page.
#pragma once

#include "imaging/image.h"

namespace textra::imaging {

// An 8-bit gray copy of any page (1, 8 or 32 bpp).
Image to_gray(const Image& page);
// The page binarised with one global Otsu threshold (foreground = ink = 1).
Image to_binary(const Image& gray);

// Most of the page is dark: white text on a dark background (or a negative scan).
bool has_dark_background(const Image& gray);

// Median height in pixels of the connected components that look like characters; 0 when none.
int typical_text_height(const Image& binary);

// Distance in pixels between consecutive text lines (the autocorrelation peak of the row ink profile),
// 0 when no regular line spacing stands out. Robust where characters break into fragments (faded
// thermal prints), which makes typical_text_height read too small.
int line_pitch(const Image& binary);

struct Skew {
  float degrees = 0.0f;     // Leptonica's convention: rotating the page by this angle straightens it
  float confidence = 0.0f;  // Leptonica's score; below 3 the angle is not trusted
};
Skew measure_skew(const Image& binary);

}  // namespace textra::imaging
