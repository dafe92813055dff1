// Reading order of OCR lines. Tesseract returns lines block by block, so on a receipt or an invoice a
// column of labels comes before the column of their values. We order lines by rows instead: lines
// on the same row (doc::same_row: vertical overlap of at least half the smaller height) form a row, rows go top to bottom, lines within a row left to right.
// This is the order a person reads "label ..... value" rows in, and the order of the SROIE ground truth.
#pragma once

#include <vector>

#include "doc/document.h"

namespace textra::ocr {

void sort_lines_by_rows(std::vector<doc::Line>& lines);

}  // namespace textra::ocr
