// When Tesseract's reading of a whole line replaces PP-OCR's. PP-OCR's recogniser drops letters and spaces
// on small print: invoice 172's footer, text half the height of the page's body, reads
// "nelle2556525NSn961CE00250066" where Tesseract reads "nelle 25561525 - CNSS n° 6079611-ICE : 001522
// 585000066", and PP-OCR's word confidences there (0.7-0.97) overlap those of lines it reads right, so
// confidence alone cannot pick those lines. What does: the line is no taller than the page's median line,
// Tesseract is surer of its reading than PP-OCR, and it reads at least as many letters and digits. The
// thresholds are measured on the invoices with ground truth (docs/ocr.md, Fusion).
#pragma once

#include <vector>

#include "doc/document.h"

namespace textra::ocr::fusion {

struct LineChoice {
  double max_height_ratio = 1.0;     // the line's crop height / the page's median, at most
  double min_confidence_gain = 0.0;  // Tesseract's mean confidence minus PP-OCR's, more than this
  double min_character_ratio = 1.0;  // Tesseract's letters and digits / PP-OCR's, at least
};

// Mean word confidence, each word weighted by its letters and digits (0 without any).
double mean_confidence(const std::vector<doc::Word>& words);

// Letters and digits of the words.
std::size_t letters_and_digits(const std::vector<doc::Word>& words);

// Whether Tesseract's words (`theirs`) replace PP-OCR's (`ours`) on a line `height` pixels high, on a page
// whose median line height is `page_median_height`.
bool takes_tesseract_line(const LineChoice& choice, int height, double page_median_height,
                          const std::vector<doc::Word>& ours, const std::vector<doc::Word>& theirs);

}  // namespace textra::ocr::fusion
