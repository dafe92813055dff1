// Reading order from geometry: words with boxes (a PDF text layer, or any source without lines) are
// grouped into lines, top to bottom, each line left to right. An invoice row "Total TTC ..... 120,00"
// becomes one line even when the PDF stored its label and value in separate blocks.
#pragma once

#include <vector>

#include "doc/document.h"

namespace textra::doc {

// True when two boxes sit on the same text row: their vertical overlap covers at least half of the
// smaller one's height.
bool same_row(const Box& a, const Box& b);

// Groups words into lines in reading order; each line's box holds its words. Empty boxes are kept
// with their neighbours in input order.
std::vector<Line> group_words_into_lines(std::vector<Word> words);

}  // namespace textra::doc
