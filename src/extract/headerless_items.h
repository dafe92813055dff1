// Line items of a table whose header row the OCR did not read (light or tinted header cells) or that
// prints none (fee notes: "Honoraires ..... 3 000,00"). Without column labels, the rows are recognised by
// what every items table obeys (docs/invoice-rules.md):
//   - an item row starts with a description (a cell of letters) and ends with its amounts, read on one
//     visual row; rows of text only under a description continue it;
//   - the rows are above the totals: a row with a totals label (Total, HT, TTC, Net à payer) ends them;
//     a VAT row ("Taxe 5 390,25") is skipped;
//   - the amounts of the rows add up to the invoice's totals: one amount per row, in one column counted
//     from the right, sums to total HT, to TTC - TVA or to TTC. Nothing else confirms a headerless table, so
//     without the totals no table is read;
//   - on a row, two numbers left of the amount whose product is the amount are the quantity and unit price.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"
#include "extract/line_items.h"

namespace textra::extract {

// An article reference: five characters or more, with a digit and no lower-case letter ("41010001",
// "COM-00080", "CV8.5/5KP"); quantities and sizes ("43", "2") are shorter.
bool is_reference_code(const std::string& word);

// The first run of item rows on the page whose amounts add up to `totals`; empty when none does.
std::vector<ItemRow> headerless_line_items(const doc::Page& page, const ItemTotals& totals);

}  // namespace textra::extract
