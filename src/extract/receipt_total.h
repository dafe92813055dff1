// The total of a till receipt from how receipts print it: one or more lines labelled "Total", "Grand
// total", "Nett total", "Total (incl. GST)", "Total payable", "Total rounded"..., then what the customer
// paid ("Cash", "Tendered", "Visa") and the change given back. The rules (docs/receipt-rules.md):
//   - paid - change is the total whenever both are printed: the amount above the payment line that equals
//     it is the total, a total-labelled line first, the lowest one next. This check wins over the model:
//     it tells the total from a cash amount, the change, or a subtotal the model took for it;
//   - otherwise the model's total, when it has one on a line that can be a total;
//   - otherwise the last total-labelled amount above the payment lines: the final total, after rounding,
//     comes after the subtotal, tax and rounding lines.
// Total-labelled: a total keyword, including the OCR's one-letter misreads ("Totsl", "Tatal"); not a
// subtotal, tax, quantity, discount or percentage line (a tax summary row). An amount the OCR cut at its
// decimal point ("39." "90", "RM28" ".05") is read whole.
#pragma once

#include <optional>
#include <string>

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

struct ReceiptTotal {
  std::string raw;         // as printed ("RM 33.90")
  double value = 0;
  fields::Source source;
  std::string reason;      // the rule that chose it
  bool checked = false;    // paid - change confirms it
};

// The total the page's layout shows, checked or not; nullopt when no line can be a total.
// `model_total` is the model's value, kept when nothing checks another one.
std::optional<ReceiptTotal> receipt_total(const doc::Page& page, const fields::AmountOptions& options,
                                          std::optional<double> model_total = std::nullopt);

// Sets the schema's total_gross field from the first page by the rules above (a receipt schema: one
// total, no net and tax totals to decode together).
void fill_receipt_total(const doc::Document& document, const fields::Schema& schema,
                        const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::extract
