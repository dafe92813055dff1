// The FEC account map's JSON form (docs/exports.md):
// {"journal_code": "HA", "journal_label": "Achats", "book_currency": "EUR", "expense_account": "607000",
//  "vat_account": "445660", "supplier_account": "401000", "expense_accounts_by_rate": {"5.5": "607100"},
//  "vat_accounts_by_rate": {"20": "445662"}, "exchange_rates": {"MAD": 0.092},
//  "suppliers": {"FR40303265045": {"expense_account": "606100", "auxiliary": "FEDF"}},
//  "account_labels": {"607000": "Achats de marchandises"}}
#include <functional>

#include "exports/exports.h"

namespace textra::exports {
namespace {

Status read_text(const fields::Json& json, const std::string& key, std::string& out) {
  if (!json.is_string() || json.get<std::string>().empty() || json.get<std::string>().size() > 64) {
    return invalid_argument("account map: \"" + key + "\" must be a non-empty string of at most 64 characters");
  }
  out = json.get<std::string>();
  return Status::ok();
}

Status read_text_map(const fields::Json& json, const std::string& key, std::map<std::string, std::string>& out) {
  if (!json.is_object()) return invalid_argument("account map: \"" + key + "\" must be an object");
  for (const auto& [name, value] : json.items()) TEXTRA_RETURN_IF_ERROR(read_text(value, key + "." + name, out[name]));
  return Status::ok();
}

Status read_rates(const fields::Json& json, std::map<std::string, double>& out) {
  if (!json.is_object()) return invalid_argument("account map: \"exchange_rates\" must be an object");
  for (const auto& [currency, rate] : json.items()) {
    if (!rate.is_number() || rate.get<double>() <= 0) {
      return invalid_argument("account map: exchange_rates." + currency + " must be a positive number");
    }
    out[currency] = rate.get<double>();
  }
  return Status::ok();
}

Status read_suppliers(const fields::Json& json, std::map<std::string, SupplierAccounts>& out) {
  if (!json.is_object()) return invalid_argument("account map: \"suppliers\" must be an object");
  for (const auto& [supplier, accounts] : json.items()) {
    std::string where = "suppliers." + supplier;
    if (!accounts.is_object()) return invalid_argument("account map: " + where + " must be an object");
    SupplierAccounts& entry = out[supplier];
    for (const auto& [key, value] : accounts.items()) {
      if (key == "expense_account") {
        TEXTRA_RETURN_IF_ERROR(read_text(value, where + ".expense_account", entry.expense_account));
      } else if (key == "auxiliary") {
        TEXTRA_RETURN_IF_ERROR(read_text(value, where + ".auxiliary", entry.auxiliary));
      } else {
        return invalid_argument("account map: " + where + ": unknown key \"" + key +
                                "\" (expense_account, auxiliary)");
      }
    }
  }
  return Status::ok();
}

}  // namespace

Result<AccountMap> account_map_from_json(const fields::Json& json) {
  if (!json.is_object()) return invalid_argument("account map: expected a JSON object");
  AccountMap map;
  const std::map<std::string, std::function<Status(const fields::Json&)>> readers = {
      {"journal_code", [&](const fields::Json& j) { return read_text(j, "journal_code", map.journal_code); }},
      {"journal_label", [&](const fields::Json& j) { return read_text(j, "journal_label", map.journal_label); }},
      {"book_currency", [&](const fields::Json& j) { return read_text(j, "book_currency", map.book_currency); }},
      {"expense_account", [&](const fields::Json& j) { return read_text(j, "expense_account", map.expense_account); }},
      {"vat_account", [&](const fields::Json& j) { return read_text(j, "vat_account", map.vat_account); }},
      {"supplier_account", [&](const fields::Json& j) { return read_text(j, "supplier_account", map.supplier_account); }},
      {"expense_accounts_by_rate",
       [&](const fields::Json& j) { return read_text_map(j, "expense_accounts_by_rate", map.expense_accounts_by_rate); }},
      {"vat_accounts_by_rate",
       [&](const fields::Json& j) { return read_text_map(j, "vat_accounts_by_rate", map.vat_accounts_by_rate); }},
      {"account_labels", [&](const fields::Json& j) { return read_text_map(j, "account_labels", map.account_labels); }},
      {"exchange_rates", [&](const fields::Json& j) { return read_rates(j, map.exchange_rates); }},
      {"suppliers", [&](const fields::Json& j) { return read_suppliers(j, map.suppliers); }},
  };
  for (const auto& [key, value] : json.items()) {
    auto reader = readers.find(key);
    if (reader == readers.end()) return invalid_argument("account map: unknown key \"" + key + "\"");
    TEXTRA_RETURN_IF_ERROR(reader->second(value));
  }
  return map;
}

}  // namespace textra::exports
