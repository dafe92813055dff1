// Line items from the geometry of a page's words (docs/invoice-rules.md):
//   1. the header: a visual row (extract/visual_rows.h) whose cells are column labels of at least two
//      kinds, one of them a price or an amount: description (Désignation, Description, Libellé,
//      Article...), quantity (Qté, Quantité, Qty), unit price (P.U., Prix unitaire, Unit price), amount
//      (Montant HT, Total, Amount) and VAT rate (TVA, Taux, VAT); a label wrapped onto a second row
//      ("Prix" / "unitaire") is joined to it;
//   2. the columns: each label's horizontal extent, split halfway between neighbours; a cell of a body
//      row goes to the column holding its centre, or to the description column when it starts there
//      (less the codes of a code column run into it; numbers of tight columns run together are split);
//   3. the body: the rows under the header, down to the first totals label ("Total HT", "Net à payer"),
//      a cell running across columns (a sentence under the table), a gap of five rows or a stamp;
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
  std::string reason;  // the rule that chose the cell, when its column's label did not
  std::optional<double> computed;  // a value no word prints, computed by a rule (raw is then empty)
};

struct ItemRow {
  std::optional<ItemCell> description, quantity, unit_price, amount, vat_rate;
};

// The invoice's totals as decoded (extract/totals_decoder.h): what the items' amounts add up to.
struct ItemTotals {
  std::optional<double> ht, tva, ttc;
};

// Which total a sum of item amounts equals (to the cent): "total_ht", "total_ttc - total_tva" (items
// outside VAT beside taxed ones) or "total_ttc" (items priced with VAT); nullopt when none.
std::optional<std::string> total_matched_by(double sum, const ItemTotals& totals);

// The items of the first table on the page that has any: under a header row of column labels (a header
// with labels of one kind only, when the amounts add up to `totals`), else from the rows' layout
// (extract/headerless_items.h). A row whose amount the OCR did not read while its quantity and unit
// price were gets quantity x unit price, with a reason.
std::vector<ItemRow> find_line_items(const doc::Page& page, const ItemTotals& totals = {});

// The schema's line items array from the rows: each cell goes to the item's member in its role (roles:
// the extraction's, fields/roles.h), normalised by that leaf's type (numbers, percent), null where the row
// has no such cell or it does not read as one.
fields::FieldNode line_items_node(const std::vector<ItemRow>& rows, const fields::FieldSpec& items_spec,
                                  const fields::RoleMap& roles, const fields::NormalizeOptions& options);

}  // namespace textra::extract
