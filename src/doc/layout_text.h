// Layout text: a page's words placed on a character grid by their x position, rows in reading order,
// so columns and "label ..... value" rows of an invoice stay aligned in plain text. This is what the
// LLM engine reads, and what `textra ocr -f layout` prints.
//
//   FACTURE N° 2024-017                       Date : 12/03/2024
//
//   Désignation              Qté     PU HT      Total HT
//   Maintenance annuelle       1    850,00        850,00
//                                           Total HT  850,00
#pragma once

#include <string>

#include "doc/document.h"

namespace textra::doc {

struct LayoutOptions {
  int max_width = 160;        // columns; wider pages are compressed horizontally to fit
  int max_blank_lines = 2;    // vertical gaps become at most this many empty lines
};

// Rows: lines whose boxes share a row (doc::same_row) are merged, so a label and its value that OCR
// returned as separate lines (different blocks) print on one row. Columns: one character cell is the
// page's median character width; each word starts at the cell under its left edge, or one space after
// the previous word when that cell is taken. No trailing spaces; the result ends without a newline.
std::string layout_text(const Page& page, const LayoutOptions& options = {});
// Pages joined by a form feed line ("\n\f\n").
std::string layout_text(const Document& document, const LayoutOptions& options = {});

}  // namespace textra::doc
