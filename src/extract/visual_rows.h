// A page's words regrouped into visual rows: words whose vertical extents overlap by half the smaller
// height are on one row, left to right. OCR lines are not rows: Tesseract reads a table column by
// column when it takes the columns for text blocks, so the cells of one table row end up in different
// lines. Table rules read as text ("|", "[", "—") are left out. Word ids are the page's (doc::Page numbering) for provenance.
#pragma once

#include <vector>

#include "doc/document.h"

namespace textra::extract {

struct RowWord {
  std::size_t id = 0;
  const doc::Word* word = nullptr;
};

struct VisualRow {
  doc::Box box;
  std::vector<RowWord> words;  // left to right
};

// Rows top to bottom. The words point into `page`, which must outlive the rows.
std::vector<VisualRow> visual_rows(const doc::Page& page);

// The page with its visual rows as lines (each row one line, words left to right), and for each of its
// word ids the id of the same word in `page`: label/value rules read rows, provenance keeps page ids.
struct RowsPage {
  doc::Page page;
  std::vector<std::size_t> original_id;
};
RowsPage rows_page(const doc::Page& page);

// A mark that OCR read as a character, not a word of the text: one character other than a digit, read
// with little confidence (below 0.5): a bullet or a rule before a description ("I Vos forfaits").
bool is_stray_mark(const doc::Word& word);

// Runs of words closer than `gap_heights` word heights: the cells of a row ("Prix unitaire", "4 680,00").
std::vector<std::vector<RowWord>> cells_of(const VisualRow& row, double gap_heights = 1.0);

}  // namespace textra::extract
