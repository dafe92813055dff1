// An invoice's values as exports need them, read once from the corrected fields by their roles
// (fields/roles.h: the built-in invoice schema's or a user's schema with its own names), and its VAT
// breakdown per rate, shared by the FEC and CII writers so both book the same amounts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fields/result.h"

namespace textra::exports {

struct LineItemView {
  std::string description;
  std::optional<double> quantity, unit_price, amount, vat_rate;
};

struct InvoiceView {
  std::string number, issue_date, due_date, currency;  // dates ISO, "" when absent
  std::string supplier_name, supplier_address, supplier_vat_id;
  std::vector<std::pair<std::string, std::string>> supplier_other_ids;  // ("ICE", "0000...")
  std::string customer_name, customer_address;
  std::optional<double> total_ht, total_tva, total_ttc, amount_due;
  std::vector<LineItemView> lines;
};
InvoiceView invoice_view(const fields::Extraction& extraction);

// One VAT rate's base and tax, in cents. rate is empty when the invoice does not say.
struct TaxGroup {
  std::optional<double> rate;
  std::int64_t base_cents = 0, tax_cents = 0;
};
// From the line items when every line has an amount and a rate and they agree with the totals (within a
// cent per line), else one group from the totals (HT, TVA; a missing one is TTC minus the other), with the
// rate TVA/HT when it is one of the usual French or Moroccan rates. The groups' bases and taxes sum to
// total_ht and total_tva exactly (rounding goes to the largest group). Empty when fewer than two of the
// three totals are known.
std::vector<TaxGroup> tax_breakdown(const InvoiceView& invoice);

// "20", "5.5", "2.1": a rate as printed in account maps and XML.
std::string rate_text(double rate);

}  // namespace textra::exports
