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

struct Skew {
  float degrees = 0.0f;     // Leptonica's convention: rotating the page by this angle straightens it
  float confidence = 0.0f;  // Leptonica's score; below 3 the angle is not trusted
};
Skew measure_skew(const Image& binary);

// The paper is not evenly lit (a photo with a shadow or a gradient), judged from the brightest value of
// each block of the page.
bool has_uneven_background(const Image& gray);
// Paper and ink are close in brightness (a faded thermal receipt, a grey photo).
bool has_low_contrast(const Image& gray);

}  // namespace textra::imaging
