// Choosing an invoice's totals together rather than each on its own. Every amount that may be a total
// comes with the evidence for it (the CRF's confidence, a "Total HT" label beside it); the decoder
// scores every (HT, TVA, TTC) combination, each member present or absent, and keeps the best:
//   score = sum of the members' evidence
//         + 1.5 when HT + TVA = TTC (to the cent, with rounding)
//         + 0.5 when TVA = rate x HT, or TTC = (1 + rate) x HT, for a VAT rate in use (FR 20/10/5.5/2.1 %,
//           MA 20/14/10/7 %)
//         - 1 when the amount due is more than TTC.
// So a consistent triple of less certain amounts wins over more certain amounts that do not add up.
// A combination may use at most one amount without evidence (any amount printed on the page), and only
// when the sum or a VAT rate then holds: the arithmetic recovers a total the labels missed without
// inventing totals from table cells.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fields/result.h"

namespace textra::extract {

enum class TotalRole { kHt, kTva, kTtc };

struct TotalCandidate {
  TotalRole role = TotalRole::kTtc;
  double value = 0;
  double evidence = 0;  // 0..1; below kWeakEvidence counts as "no evidence"
  std::string raw;
  fields::Source source;
};

inline constexpr double kWeakEvidence = 0.2;

struct TotalsOptions {
  double tolerance = 0.011;  // totals are rounded to the cent
  std::vector<double> vat_rates = {20, 14, 10, 7, 5.5, 2.1};
};

struct TotalsChoice {
  std::optional<TotalCandidate> ht, tva, ttc;
  std::string reason;  // the rule that chose them, for the result's "reason"
};

// Candidates of the same role and value are merged first (evidence combined as 1 - (1-a)(1-b)).
// amount_due: the printed amount due, when known; a TTC below it is penalised.
TotalsChoice decode_totals(const std::vector<TotalCandidate>& candidates, std::optional<double> amount_due = std::nullopt,
                           const TotalsOptions& options = {});

}  // namespace textra::extract
