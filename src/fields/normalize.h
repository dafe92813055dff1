// Normalisation of printed values: dates to ISO 8601, amounts to a decimal number plus an ISO 4217
// currency, ids without white space, names and addresses to comparison keys. Shared by the NER and LLM
// engines and by eval, so identical printed values give identical results everywhere.
// The rules, with examples from ../shared/data, are in docs/fields.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace textra::fields {

// ---- Dates ----------------------------------------------------------------------------------------

struct Date {
  int year = 0, month = 0, day = 0;
  std::string iso() const;  // "2023-04-26"
  bool operator==(const Date&) const = default;
};

// Which number is the day in "03/04/2023": French (and SROIE) documents print day first.
enum class DateOrder { kDayFirst, kMonthFirst };

bool is_valid_date(int year, int month, int day);
// Reads the first date in text: "26/04/2023", "09/03/23" (20yy), "19/AVRIL/2023", "01-Jan-2023",
// "7 février 2023", "1er mars 2023", "OCT 3, 2016", "2018-03-23", "20180304", "(06/12/2016)",
// "Imprimé le: 26/04/2023 16:30". Labels, weekday names and times around it are skipped. When the
// preferred order gives an impossible date ("12/25/2023" day first) the other order is tried.
std::optional<Date> parse_date(std::string_view text, DateOrder order = DateOrder::kDayFirst);

// ---- Amounts and currencies -----------------------------------------------------------------------

struct AmountOptions {
  // The document's decimal mark when known (',' for French, '.' for English); it settles numbers such as
  // "1,234" or "25.000" whose single separator is followed by exactly 3 digits. 0: treat those as grouping.
  char decimal_mark = 0;
  // What a bare "$" means (SROIE's Malaysian receipts print "$" for ringgit).
  std::string dollar_currency = "USD";
};

struct Amount {
  double value = 0;
  int decimals = 0;      // digits printed after the decimal mark
  std::string currency;  // ISO 4217, "" when the text names none
};

// Reads the first number in text with its sign and currency: "4 680,00 DH", "1.234,56", "1,007.50",
// "RM 3.90", "$8.20", "8 000,00MAD", "-1.73", "(12,50)", "4.051.584,00 EURO", "725".
// Spaces, NBSP (U+00A0), thin spaces (U+2009, U+202F) and apostrophes group thousands.
std::optional<Amount> parse_amount(std::string_view text, const AmountOptions& options = {});

// The ISO 4217 code of the first currency mark in text: symbols (€, $, £), codes (EUR, MAD, USD, MYR...)
// and words (DH, Dhs, Dirham(s), "DIRHAM MAROCAIN", Euro(s), RM, Ringgit), case and accents ignored.
std::optional<std::string> find_currency(std::string_view text, std::string_view dollar_currency = "USD");

// "20 %", "20,00%", "TVA 20%" -> 20.
std::optional<double> parse_percent(std::string_view text);

// ---- Text and ids ---------------------------------------------------------------------------------

// ASCII white space, NBSP (U+00A0), the U+2000..U+200B spaces, narrow NBSP (U+202F), U+3000.
bool is_white_space(char32_t cp);
// All white space removed: ids ("63 739" -> "63739", "FR 78 314 360 629" -> "FR78314360629").
std::string remove_white_space(std::string_view text);
// A company id under its printed name (other_ids keys): white space removed; a trade register number
// printed with its registry's city ("RC": "Casa : 43503", "RCS": "Tarascon B 314 360 629") keeps the
// number only.
std::string normalize_company_id(std::string_view key, std::string_view text);
// Runs of white space (including newlines, NBSP, thin spaces) to one space, trimmed.
std::string collapse_white_space(std::string_view text);
// The comparison key of names and addresses (CONTRACTS.md): upper-case, letters and digits only.
std::string text_key(std::string_view text);
// Money compared to the cent: round(value * 100).
long long to_cents(double value);

}  // namespace textra::fields
