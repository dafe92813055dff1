// The amounts that may be an invoice's totals, with their evidence, for the totals decoder:
//   - the CRF's spans whose fields play the total_net / total_tax / total_gross roles (evidence: the model's confidence);
//   - the amount after a totals keyword on its visual row (extract/visual_rows.h: the OCR may put a
//     label and its value in different lines): "Total HT 3 900,00", "TVA 20 % 780,00",
//     "Net à payer : 4 680,00 DH"; else the amount under the keyword in the next lines (a totals table
//     whose labels head its columns): evidence 0.7 for HT/TTC labels, 0.6 for TVA, 0.4 for a bare
//     "Total"/"Montant" (read as TTC), times 0.6 under the keyword;
//   - every other amount on the page, without evidence (kept for completing a sum).
#pragma once

#include <vector>

#include "doc/document.h"
#include "extract/totals_decoder.h"
#include "fields/normalize.h"
#include "ner/fields_from_labels.h"

namespace textra::extract {

std::vector<TotalCandidate> total_candidates(const doc::Document& document, const std::vector<ner::Candidate>& labelled,
                                             const fields::AmountOptions& options);

// The amount printed after an "amount due" label ("Net à payer", "Reste à payer", "Amount due"), if any.
std::optional<TotalCandidate> printed_amount_due(const doc::Document& document, const fields::AmountOptions& options);

}  // namespace textra::extract
