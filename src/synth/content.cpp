#include "synth/content.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "base/utf8.h"
#include "synth/vocabulary.h"

namespace textra::synth {
namespace {

namespace v = vocabulary;

// Money is counted in cents so the totals add up exactly, as an accounting program prints them.
using Cents = long long;
Cents to_cents(double value) { return std::llround(value * 100.0); }

std::string capitalised(std::string s) {
  std::string lower = utf8::to_lower(s);
  if (lower.empty()) return lower;
  std::size_t pos = 0;
  char32_t first = utf8::next(lower, pos);
  std::string out;
  utf8::append(out, utf8::to_upper(first));
  return out + lower.substr(pos);
}

// A name in one of the casings companies use for themselves.
std::string cased(Rng& rng, const std::string& name) {
  double r = rng.real();
  if (r < 0.6) return utf8::to_upper(name);
  std::string out, word;
  for (char c : name + " ") {
    if (c == ' ') {
      if (!word.empty()) out += (out.empty() ? "" : " ") + (word.size() <= 3 && word == utf8::to_upper(word) ? word : capitalised(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  return out;
}

std::string invented_brand(Rng& rng) {
  std::string s;
  for (int i = 0, n = rng.uniform(2, 3); i < n; ++i) s += rng.pick(v::kSyllables);
  return s;
}

std::string company_name(Rng& rng, bool moroccan, bool english) {
  const v::List& legal = moroccan ? v::kLegalFormsMa : v::kLegalFormsFr;
  std::string name;
  switch (rng.uniform(0, 4)) {
    case 0: name = rng.pick(v::kCompanyPrefixes) + " " + rng.pick(english ? v::kActivitiesEn : v::kActivitiesFr); break;
    case 1: name = rng.pick(v::kTradesFr) + " " + rng.pick(moroccan ? v::kSurnamesMa : v::kSurnamesFr); break;
    case 2: name = rng.pick(moroccan ? v::kSurnamesMa : v::kSurnamesFr) + " & Fils"; break;
    case 3: name = invented_brand(rng); break;
    default: name = rng.pick(v::kCompanyPrefixes) + " " + invented_brand(rng); break;
  }
  name = cased(rng, name);
  const std::string& form = rng.pick(legal);
  return form.empty() ? name : name + " " + form;
}

std::vector<std::string> address(Rng& rng, bool moroccan, std::string* city_out) {
  std::string city = rng.pick(moroccan ? v::kCitiesMa : v::kCitiesFr);
  if (city_out != nullptr) *city_out = city;
  std::string street = std::to_string(rng.uniform(1, 250)) + (rng.chance(0.5) ? ", " : " ") + rng.pick(v::kStreetTypes) + " " +
                       rng.pick(moroccan ? v::kStreetNamesMa : v::kStreetNamesFr);
  if (moroccan) {
    std::vector<std::string> lines{street};
    std::string last = rng.chance(0.5) ? rng.pick(v::kQuartersMa) + " - " + city : city;
    if (rng.chance(0.4)) last += " " + std::to_string(rng.uniform(10, 93) * 1000 + rng.uniform(0, 9) * 10);
    if (rng.chance(0.3)) last += " - Maroc";
    lines.push_back(last);
    return lines;
  }
  return {street, std::to_string(rng.uniform(1, 95) * 1000 + rng.uniform(0, 99) * 10) + " " + city};
}

std::string spaced_digits(const std::string& digits, const std::vector<int>& groups) {
  std::string out;
  std::size_t pos = 0;
  for (int g : groups) {
    if (!out.empty()) out += ' ';
    out += digits.substr(pos, static_cast<std::size_t>(g));
    pos += static_cast<std::size_t>(g);
  }
  return out;
}

Party supplier(Rng& rng, bool moroccan, bool english, std::string* city) {
  Party p;
  p.name = company_name(rng, moroccan, english);
  p.address = address(rng, moroccan, city);
  if (moroccan) {
    p.ids = {{"ICE", "00" + rng.digits(13)}, {"RC", std::to_string(rng.uniform(1000, 699999))},
             {"TP", rng.digits(8)}, {"CNSS", std::to_string(rng.uniform(1000000, 9999999))}};
    if (rng.chance(0.2)) p.ids.erase(p.ids.begin() + rng.uniform(2, 3));
    p.vat_id = std::to_string(rng.uniform(1000000, 59999999));
    p.phone = "05" + std::to_string(rng.uniform(20, 39)) + " " + rng.digits(2) + " " + rng.digits(2) + " " + rng.digits(2);
  } else {
    std::string siren = std::to_string(rng.uniform(100000000, 999999999));
    p.ids = {{"SIRET", siren + rng.digits(5)}, {"RCS", siren}, {"APE", rng.digits(4) + static_cast<char>('A' + rng.uniform(0, 25))}};
    p.vat_id = "FR" + rng.digits(2) + siren;
    p.phone = "0" + std::to_string(rng.uniform(1, 5)) + " " + rng.digits(2) + " " + rng.digits(2) + " " + rng.digits(2) + " " + rng.digits(2);
  }
  std::string domain = utf8::to_lower(utf8::strip_accents(p.name.substr(0, p.name.find(' '))));
  p.email = (rng.chance(0.5) ? "contact@" : "facturation@") + domain + (moroccan ? ".ma" : ".fr");
  return p;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

struct Date {
  int year, month, day;
  Date plus_days(int n) const {
    Date d = *this;
    while (n-- > 0) {
      if (++d.day > days_in_month(d.year, d.month)) {
        d.day = 1;
        if (++d.month > 12) d.month = 1, ++d.year;
      }
    }
    return d;
  }
  std::string iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
};

// One printed form per invoice, used for every date on it.
std::string format_date(const Date& d, int form, bool english) {
  char buf[64];
  const std::string& month = (english ? v::kMonthsEn : v::kMonthsFr)[d.month - 1];
  switch (form) {
    case 0: std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year); break;
    case 1: std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", d.day, d.month, d.year); break;
    case 2: std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year); break;
    case 3: std::snprintf(buf, sizeof buf, "%02d/%02d/%02d", d.day, d.month, d.year % 100); break;
    case 4: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day); break;
    case 5:
      if (english) std::snprintf(buf, sizeof buf, "%s %d, %04d", month.c_str(), d.day, d.year);
      else std::snprintf(buf, sizeof buf, "%d %s %04d", d.day, month.c_str(), d.year);
      break;
    default: std::snprintf(buf, sizeof buf, "%d %s %04d", d.day, capitalised(month).c_str(), d.year); break;
  }
  return buf;
}

std::string invoice_number(Rng& rng, const Date& d, bool english) {
  char buf[64];
  const int yy = d.year % 100;
  switch (rng.uniform(0, 8)) {
    case 0: std::snprintf(buf, sizeof buf, "FV%02d%04d", yy, rng.uniform(1, 9999)); break;
    case 1: std::snprintf(buf, sizeof buf, "FA%02d%02d-%04d", yy, d.month, rng.uniform(1, 9999)); break;
    case 2: std::snprintf(buf, sizeof buf, "F-%04d-%04d", d.year, rng.uniform(1, 9999)); break;
    case 3: std::snprintf(buf, sizeof buf, "%04d/%04d", rng.uniform(1, 2000), d.year); break;
    case 4: std::snprintf(buf, sizeof buf, "%s-%05d", english ? "INV" : "FAC", rng.uniform(1, 99999)); break;
    case 5: std::snprintf(buf, sizeof buf, "%d", rng.uniform(10000, 99999999)); break;
    case 6: std::snprintf(buf, sizeof buf, "FAC%02d-%04d", yy, rng.uniform(1, 9999)); break;
    case 7: std::snprintf(buf, sizeof buf, "%d/%04d%02d/%06d", rng.uniform(1, 9), d.year, d.month, rng.uniform(1, 999999)); break;
    default: std::snprintf(buf, sizeof buf, "FY%02d/%04d", yy, rng.uniform(1, 9999)); break;
  }
  return buf;
}

double vat_rate(Rng& rng, bool moroccan) {
  double r = rng.real();
  if (moroccan) return r < 0.75 ? 20 : r < 0.85 ? 14 : r < 0.95 ? 10 : 7;
  return r < 0.7 ? 20 : r < 0.82 ? 10 : r < 0.94 ? 5.5 : 2.1;
}

LineItem line_item(Rng& rng, bool english, double rate) {
  LineItem item;
  item.description = rng.pick(english ? v::kProductsEn : v::kProductsFr);
  if (rng.chance(0.2)) item.description += " - " + std::string(english ? "model " : "modèle ") + rng.digits(3);
  if (rng.chance(0.3)) item.description = utf8::to_upper(item.description);
  item.reference = rng.chance(0.5) ? "REF" + rng.digits(4) : utf8::to_upper(invented_brand(rng)).substr(0, 5) + rng.digits(2);
  double kind = rng.real();
  if (kind < 0.7) item.quantity = rng.uniform(1, 10);
  else if (kind < 0.9) item.quantity = rng.uniform(10, 500);
  else item.quantity = rng.uniform(1, 80) * 0.5;
  // Unit prices log-uniform; bulk quantities have small prices.
  double price = std::exp(rng.real(std::log(2.0), std::log(item.quantity > 10 ? 200.0 : 15000.0)));
  price = rng.chance(0.5) ? std::round(price) : std::round(price * 10) / 10;
  if (rng.chance(0.2)) price = std::round(price * 100 + rng.uniform(0, 9)) / 100;
  item.unit_price = std::max(price, 0.5);
  item.amount = static_cast<double>(to_cents(item.quantity * item.unit_price)) / 100.0;
  item.vat_rate = rate;
  return item;
}

std::string rate_text(double rate, const AmountStyle& style) {
  char buf[16];
  if (rate == std::floor(rate)) std::snprintf(buf, sizeof buf, "%d", static_cast<int>(rate));
  else std::snprintf(buf, sizeof buf, "%.1f", rate);
  std::string s = buf;
  if (style.decimal == ',') {
    for (char& c : s) if (c == '.') c = ',';
  }
  return s;
}

std::string with_rate(const std::string& label, const std::string& rate) {
  std::string out = label;
  if (auto pos = out.find("{r}"); pos != std::string::npos) out.replace(pos, 3, rate);
  return out;
}

}  // namespace

std::string format_amount(double value, const AmountStyle& style) {
  Cents cents = to_cents(value);
  const bool negative = cents < 0;
  if (negative) cents = -cents;
  std::string whole = std::to_string(cents / 100), grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += style.thousands;
    grouped += whole[i];
  }
  char frac[4];
  std::snprintf(frac, sizeof frac, "%02lld", cents % 100);
  return (negative ? "-" : "") + grouped + style.decimal + frac;
}

std::string InvoiceContent::printed_total(double v) const {
  if (!currency_on_totals) return money(v);
  return currency_mark == "€" && english ? "€" + money(v) : money(v) + " " + currency_mark;
}

InvoiceContent draw_content(Rng& rng) {
  InvoiceContent c;
  c.moroccan = rng.chance(0.7);
  c.english = rng.chance(0.15);
  c.supplier = supplier(rng, c.moroccan, c.english, &c.city);
  c.customer.name = company_name(rng, c.moroccan, c.english);
  c.customer.address = address(rng, c.moroccan, nullptr);
  if (c.moroccan) c.customer.ids = {{"ICE", "00" + rng.digits(13)}};

  Date date{rng.uniform(2019, 2025), rng.uniform(1, 12), 1};
  date.day = rng.uniform(1, days_in_month(date.year, date.month));
  const int form = rng.chance(0.5) ? 0 : rng.uniform(1, 6);
  c.date_iso = date.iso();
  c.date_raw = format_date(date, form, c.english);
  if (rng.chance(0.35)) {
    Date due = date.plus_days(rng.pick(std::vector<int>{15, 30, 45, 60}));
    c.due_iso = due.iso();
    c.due_raw = format_date(due, form, c.english);
  }
  c.number = invoice_number(rng, date, c.english);

  if (c.moroccan) {
    c.currency_code = "MAD";
    c.currency_mark = rng.pick(std::vector<std::string>{"DH", "DH", "Dhs", "MAD", "DHS", "Dirhams"});
  } else {
    c.currency_code = "EUR";
    c.currency_mark = rng.chance(0.7) ? "€" : "EUR";
  }
  c.currency_on_totals = rng.chance(0.5);
  const double s = rng.real();
  if (c.english) {
    c.amounts = s < 0.6 ? AmountStyle{",", '.'} : s < 0.8 ? AmountStyle{"", '.'} : AmountStyle{" ", '.'};
  } else {
    c.amounts = s < 0.45 ? AmountStyle{" ", ','} : s < 0.6 ? AmountStyle{".", ','} : s < 0.75 ? AmountStyle{"", ','}
              : s < 0.9 ? AmountStyle{"", '.'} : s < 0.95 ? AmountStyle{" ", '.'} : AmountStyle{",", '.'};
  }

  // Few lines are common, long invoices rare.
  const int n = 1 + static_cast<int>(std::pow(rng.real(), 2.5) * 30);
  c.mixed_vat = n > 1 && rng.chance(0.15);
  const double rate = vat_rate(rng, c.moroccan);
  std::map<double, Cents> base_by_rate;
  Cents ht = 0;
  for (int i = 0; i < n; ++i) {
    c.items.push_back(line_item(rng, c.english, c.mixed_vat ? vat_rate(rng, c.moroccan) : rate));
    ht += to_cents(c.items.back().amount);
    base_by_rate[c.items.back().vat_rate] += to_cents(c.items.back().amount);
  }
  Cents tva = 0;
  for (const auto& [r, base] : base_by_rate) tva += std::llround(static_cast<double>(base) * r / 100.0);
  c.total_ht = static_cast<double>(ht) / 100;
  c.total_tva = static_cast<double>(tva) / 100;
  c.total_ttc = static_cast<double>(ht + tva) / 100;
  c.amount_due = c.total_ttc;
  if (rng.chance(0.1)) {
    c.deposit = static_cast<double>(std::llround(static_cast<double>(ht + tva) * rng.real(0.2, 0.5) / 100.0)) ;
    c.amount_due = static_cast<double>(ht + tva - to_cents(*c.deposit)) / 100;
  }

  const bool en = c.english;
  c.title = rng.pick(en ? v::kTitleEn : v::kTitleFr);
  c.number_label = rng.pick(en ? v::kNumberEn : v::kNumberFr);
  c.date_label = rng.pick(en ? v::kDateEn : v::kDateFr);
  c.due_label = rng.pick(en ? v::kDueEn : v::kDueFr);
  c.customer_label = rng.pick(en ? v::kCustomerEn : v::kCustomerFr);
  c.ht_label = rng.pick(en ? v::kHtEn : v::kHtFr);
  c.tva_label = with_rate(rng.pick(en ? v::kTvaEn : v::kTvaFr), c.mixed_vat ? "" : rate_text(rate, c.amounts));
  if (c.mixed_vat && c.tva_label.find('%') != std::string::npos) c.tva_label = en ? "Total VAT" : "Total TVA";
  c.ttc_label = rng.pick(en ? v::kTtcEn : v::kTtcFr);
  c.due_amount_label = rng.pick(en ? v::kDueAmountEn : v::kDueAmountFr);
  c.deposit_label = rng.pick(en ? v::kDepositEn : v::kDepositFr);
  c.col_ref = rng.pick(en ? v::kColRefEn : v::kColRefFr);
  c.col_description = rng.pick(en ? v::kColDescEn : v::kColDescFr);
  c.col_quantity = rng.pick(en ? v::kColQtyEn : v::kColQtyFr);
  c.col_unit_price = rng.pick(en ? v::kColUnitEn : v::kColUnitFr);
  c.col_vat = rng.pick(en ? v::kColVatEn : v::kColVatFr);
  c.col_amount = rng.pick(en ? v::kColAmountEn : v::kColAmountFr);
  return c;
}

nlohmann::json InvoiceContent::ground_truth(const std::string& file) const {
  using json = nlohmann::json;
  auto joined = [](const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines) out += (out.empty() ? "" : ", ") + l;
    return out;
  };
  auto no_spaces = [](std::string s) {
    std::erase(s, ' ');
    return s;
  };
  json ids_value = json::object(), ids_raw = json::object();
  for (const auto& [key, value] : supplier.ids) {
    ids_value[key] = no_spaces(value);
    ids_raw[key] = value;
  }
  json items = json::array();
  for (const LineItem& item : this->items) {
    items.push_back({{"description", item.description}, {"quantity", item.quantity}, {"unit_price", item.unit_price},
                     {"amount", item.amount}, {"vat_rate", item.vat_rate}});
  }
  const bool separate_due = deposit.has_value();
  auto optional_string = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  json fields = {{"invoice_number", number},
                 {"invoice_date", date_iso},
                 {"due_date", optional_string(due_iso)},
                 {"supplier", {{"name", supplier.name}, {"address", joined(supplier.address)}, {"vat_id", supplier.vat_id},
                               {"other_ids", ids_value}}},
                 {"customer", {{"name", customer.name}, {"address", joined(customer.address)}}},
                 {"currency", currency_code},
                 {"total_ht", total_ht},
                 {"total_tva", total_tva},
                 {"total_ttc", total_ttc},
                 {"amount_due", separate_due ? json(amount_due) : json(nullptr)},
                 {"line_items", items}};
  json raw = {{"invoice_number", number},
              {"invoice_date", date_raw},
              {"due_date", optional_string(due_raw)},
              {"supplier", {{"name", supplier.name}, {"address", joined(supplier.address)}, {"vat_id", supplier.vat_id},
                            {"other_ids", ids_raw}}},
              {"customer", {{"name", customer.name}, {"address", joined(customer.address)}}},
              {"currency", currency_mark},
              {"total_ht", printed_total(total_ht)},
              {"total_tva", printed_total(total_tva)},
              {"total_ttc", printed_total(total_ttc)},
              {"amount_due", separate_due ? json(printed_total(amount_due)) : json(nullptr)}};
  return {{"file", file}, {"language", english ? "en" : "fr"}, {"fields", fields}, {"raw", raw},
          {"notes", "synthetic (textra synth invoices)"}};
}

}  // namespace textra::synth
