// The summary a document is listed, filtered and counted by: its latest result's values with the user's
// corrections applied, found by role (fields/roles.h: the result's "roles"), so a user's schema with its
// own field names is summarised like the invoice. Both back ends store it in the documents table, in
// columns named after the invoice's fields: supplier (supplier_name), invoice_date (issue_date), currency,
// total_ttc (total_gross), total_tva (total_tax).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace textra::store {

struct Summary {
  std::optional<std::string> supplier, invoice_date, currency;
  std::optional<double> total_ttc, total_tva;
  // What duplicate detection needs besides the above (store/duplicates.h): the invoice number and the
  // supplier's legal ids by kind ("VAT" for supplier.vat_id, else the other_ids key: "SIRET", "ICE", ...).
  std::optional<std::string> invoice_number;
  std::map<std::string, std::string> supplier_ids;
};

// result: the latest result JSON (null when none); corrections: field path -> value.
Summary summarize(const nlohmann::json& result, const nlohmann::json& corrections);

}  // namespace textra::store
