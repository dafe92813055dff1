// Line items from the geometry of a page's words (docs/invoice-rules.md):
//   1. the header: a visual row (extract/visual_rows.h) whose cells are column labels of at least two
//      kinds, one of them a price or an amount: description (Désignation, Description, Libellé,
//      Article...), quantity (Qté, Quantité, Qty), unit price (P.U., Prix unitaire, Unit price), amount
//      (Montant HT, Total, Amount) and VAT rate (TVA, Taux, VAT); a label wrapped onto a second row
//      ("Prix" / "unitaire") is joined to it;
//   2. the columns: each label's horizontal extent, split halfway between neighbours; a cell of a body
//      row goes to the column holding its centre, or to the description column when it starts there;
//   3. the body: the rows under the header, down to the first totals label ("Total HT", "Net à payer"),
//      a cell running across columns (a sentence under the table) or a gap of five rows;
//   4. the items: a row with an amount (else a unit price) is an item; a row with only text continues a
//      description over several lines: it goes to the item above when items print their description on
//      the amount's row, else (descriptions centred on the numbers) to the nearest item.
// Rules on the page matter not: only words are used, so tables with and without rules read alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/roles.h"
#include "fields/schema.h"

namespace textra::extract {

enum class Column { kDescription, kQuantity, kUnitPrice, kAmount, kVatRate, kOther };

struct ItemCell {
  std::string raw;  // as printed, lines joined by '\n'
  fields::Source source;
};

struct ItemRow {
  std::optional<ItemCell> description, quantity, unit_price, amount, vat_rate;
};

// The items of the first table on the page that has any; empty when no header is found.
std::vector<ItemRow> find_line_items(const doc::Page& page);

// The schema's line items array from the rows: each cell goes to the item's member in its role (roles:
// the extraction's, fields/roles.h), normalised by that leaf's type (numbers, percent), null where the row
// has no such cell or it does not read as one.
fields::FieldNode line_items_node(const std::vector<ItemRow>& rows, const fields::FieldSpec& items_spec,
                                  const fields::RoleMap& roles, const fields::NormalizeOptions& options);

}  // namespace textra::extract
