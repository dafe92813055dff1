// What a synthetic invoice says, before it is drawn: parties with their legal ids, number, dates, line
// items whose totals add up, the printed spelling of every label and value (French or English labels,
// French or Moroccan conventions), and the ground truth in the ../shared/data/invoices-fr/gt/ format.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "synth/rng.h"

namespace textra::synth {

struct AmountStyle {
  std::string thousands;  // "", " ", ".", ","
  char decimal = ',';
};
std::string format_amount(double value, const AmountStyle& style);

struct Party {
  std::string name;
  std::vector<std::string> address;                       // printed lines
  std::vector<std::pair<std::string, std::string>> ids;   // (ground-truth key, value): ICE, RC, SIRET...
  std::string vat_id;                                     // IF (Morocco) or TVA intracom (France)
  std::string phone, email;
};

struct LineItem {
  std::string reference;
  std::string description;
  double quantity = 1;
  double unit_price = 0;
  double amount = 0;
  double vat_rate = 20;
};

// A printed label and the value next to it.
struct Labelled {
  std::string label;
  std::string value;
};

struct InvoiceContent {
  bool moroccan = true;
  bool english = false;
  Party supplier, customer;
  std::string number;
  std::string date_iso, date_raw;
  std::optional<std::string> due_iso, due_raw;
  std::string city;  // where the supplier is ("Casablanca, le 13/01/2023")
  std::string currency_code;  // EUR, MAD
  std::string currency_mark;  // as printed: "€", "EUR", "DH", "Dhs", "MAD", "Dirhams"
  AmountStyle amounts;
  bool currency_on_totals = false;  // totals printed "1 234,56 DH" rather than bare
  std::vector<LineItem> items;
  bool mixed_vat = false;  // rates differ between lines (a VAT column is printed)
  double total_ht = 0, total_tva = 0, total_ttc = 0;
  std::optional<double> deposit;  // paid in advance: amount due = TTC - deposit
  double amount_due = 0;

  // Labels as printed on this invoice (one spelling drawn per invoice).
  std::string title, number_label, date_label, due_label, customer_label;
  std::string ht_label, tva_label, ttc_label, due_amount_label, deposit_label;
  std::string col_ref, col_description, col_quantity, col_unit_price, col_vat, col_amount;

  std::string money(double v) const { return format_amount(v, amounts); }
  // A total as printed (with the currency mark when currency_on_totals), which is also its `raw`.
  std::string printed_total(double v) const;
  // The ground truth; `file` is the image's name.
  nlohmann::json ground_truth(const std::string& file) const;
};

InvoiceContent draw_content(Rng& rng);

}  // namespace textra::synth
