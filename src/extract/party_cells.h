// What the party rules (parties.cpp, supplier_name.cpp) read a page as: cells (runs of words on a visual
// row closer than 1.5 characters), the customer block a customer label opens, and how a cell's text
// fills a field with its provenance and reason.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "doc/document.h"
#include "extract/role_fields.h"
#include "extract/visual_rows.h"
#include "fields/field_value.h"

namespace textra::extract {

using Cell = std::vector<RowWord>;

struct PageCells {
  std::vector<VisualRow> rows;
  std::vector<std::vector<Cell>> cells;  // per row
};
PageCells page_cells(const doc::Page& page);

// Lines of text with, per line, the label words to leave out of it (first line only).
struct Block {
  std::vector<const Cell*> lines;  // top to bottom
  std::vector<std::size_t> skip_words;
};

std::vector<std::string> tokens_of(const Cell& cell, std::size_t from = 0);  // keyword tokens
doc::Box box_of(const Cell& cell);
std::string text_of(const Cell& cell, std::size_t from = 0);  // leading ":" / "-" and trailing "," / "-" dropped
bool x_overlap(const doc::Box& a, const doc::Box& b);
// An id, contact, date or document word ("ice", "tel", "facture"...), as a keyword token.
bool is_stop_token(const std::string& token);
// A cell with an id, contact, date or amount: it ends a party block and is no name.
bool stops(const Cell& cell);
// A name has a word of letters and is not mostly digits (a customer code, a phone number).
bool name_like(const Cell& cell, std::size_t from = 0);

// A cell with address words (rue, avenue, bd, lot, résidence, a city...).
bool addressy(const Cell& cell);
// The words a label of `labels` (keyword tokens) covers when it starts within the cell's first
// `max_start` tokens, 0 when none does.
std::size_t label_words(const Cell& cell, const std::vector<std::vector<std::string>>& labels, std::size_t max_start);
// The words a customer label covers at the start of the cell ("Client", "Facturé à"...), 0 when none.
std::size_t customer_label_words(const Cell& cell);
// The cells under row r's cell in its column: down to a gap of two rows, a stop line, a customer label
// or six lines.
void extend_down(const PageCells& pc, std::size_t r, const Cell& cell, Block& block);
// The block a customer label opens: the text after the label, then the cells under it; its first line
// reads as a name (a customer code under the label is skipped).
std::optional<Block> customer_block(const PageCells& pc);
bool in_block(const std::optional<Block>& block, const Cell* cell);

struct Region {
  int y0, y1;
};
// The first cell of the region that passes the test, outside the customer block and its labels.
template <typename Test>
std::optional<std::pair<std::size_t, const Cell*>> first_cell(const PageCells& pc, Region region,
                                                               const std::optional<Block>& customer, Test&& test) {
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    if (pc.rows[r].box.y0 < region.y0 || pc.rows[r].box.y0 >= region.y1) continue;
    for (const Cell& cell : pc.cells[r]) {
      if (!in_block(customer, &cell) && customer_label_words(cell) == 0 && test(cell)) return std::pair(r, &cell);
    }
  }
  return std::nullopt;
}

// Fills a null text leaf from cells (lines joined by '\n'), with the words as provenance and the reason.
void set_text(RoleField field, const doc::Page& page, const std::vector<std::pair<const Cell*, std::size_t>>& lines,
              const fields::NormalizeOptions& options, std::string reason);

}  // namespace textra::extract
