// Dates as printed on French and English invoices and receipts -> ISO 8601 (normalize.h).
#include <array>
#include <cstdio>
#include <vector>

#include "base/utf8.h"
#include "fields/normalize.h"

namespace textra::fields {
namespace {

// Month names and abbreviations, French and English, lower-case without accents ("fevrier", "aout").
struct MonthName {
  const char* name;
  int month;
};
constexpr MonthName kMonthNames[] = {
    {"janvier", 1},   {"janv", 1},     {"jan", 1},      {"january", 1},   {"fevrier", 2},   {"fevr", 2},
    {"fev", 2},       {"february", 2}, {"feb", 2},      {"mars", 3},      {"mar", 3},       {"march", 3},
    {"avril", 4},     {"avr", 4},      {"april", 4},    {"apr", 4},       {"mai", 5},       {"may", 5},
    {"juin", 6},      {"june", 6},     {"jun", 6},      {"juillet", 7},   {"juil", 7},      {"july", 7},
    {"jul", 7},       {"aout", 8},     {"aou", 8},      {"august", 8},    {"aug", 8},       {"septembre", 9},
    {"sept", 9},      {"sep", 9},      {"september", 9}, {"octobre", 10}, {"oct", 10},      {"october", 10},
    {"novembre", 11}, {"nov", 11},     {"november", 11}, {"decembre", 12}, {"dec", 12},     {"december", 12},
};

int month_from_name(const std::string& word) {
  for (const MonthName& m : kMonthNames) {
    if (word == m.name) return m.month;
  }
  return 0;
}

// A date is read from a run of number and month-name tokens; everything else separates them.
struct Token {
  enum Kind { kNumber, kMonth } kind;
  std::string digits;  // kNumber
  int month = 0;       // kMonth
};

// Splits text into digit runs and letter runs; a run touching ':' is a time ("16:30") and is dropped,
// an ordinal suffix glued to a number ("1er", "3rd") is dropped, letter runs that are not month names
// (labels, weekdays) are dropped.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::string run;
  bool run_is_digits = false;
  bool run_after_colon = false;
  bool previous_was_colon = false;
  auto flush = [&](bool followed_by_colon) {
    if (run.empty()) return;
    if (run_is_digits) {
      if (!run_after_colon && !followed_by_colon) tokens.push_back({Token::kNumber, run, 0});
    } else if (int month = month_from_name(run); month != 0) {
      tokens.push_back({Token::kMonth, "", month});
    }
    run.clear();
  };
  std::size_t pos = 0;
  std::string folded = utf8::to_lower(utf8::strip_accents(text));
  while (pos < folded.size()) {
    char32_t cp = utf8::next(folded, pos);
    bool digit = cp >= '0' && cp <= '9';
    bool letter = cp >= 'a' && cp <= 'z';
    if (!digit && !letter) {
      flush(cp == ':');
      previous_was_colon = cp == ':';
      continue;
    }
    if (!run.empty() && digit != run_is_digits) {
      // "1er", "3rd": a short letter run glued to a number is a suffix, not a word.
      bool ordinal_suffix = !digit && run_is_digits;
      flush(false);
      if (ordinal_suffix) {
        std::size_t end = pos;
        std::string suffix(1, static_cast<char>(cp));
        while (end < folded.size() && folded[end] >= 'a' && folded[end] <= 'z') suffix += folded[end++];
        if (suffix == "er" || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" || suffix == "e") {
          pos = end;
          previous_was_colon = false;
          continue;
        }
      }
    }
    if (run.empty()) {
      run_is_digits = digit;
      run_after_colon = previous_was_colon;
    }
    run += static_cast<char>(cp);
    previous_was_colon = false;
  }
  flush(false);
  return tokens;
}

int to_int(const std::string& digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// Two-digit years are 20yy up to 69 and 19yy from 70 (documents from 1970 to 2069).
int full_year(const std::string& digits) {
  int y = to_int(digits);
  if (digits.size() == 2) return y < 70 ? 2000 + y : 1900 + y;
  return y;
}

bool is_day_or_month(const Token& t) { return t.kind == Token::kNumber && t.digits.size() <= 2; }
bool is_year(const Token& t) {
  return t.kind == Token::kNumber && (t.digits.size() == 2 || t.digits.size() == 4);
}

std::optional<Date> make_date(int year, int month, int day) {
  if (!is_valid_date(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

// "20180304" (year first when it reads as a valid date) or "25032018".
std::optional<Date> from_eight_digits(const std::string& d) {
  if (auto ymd = make_date(to_int(d.substr(0, 4)), to_int(d.substr(4, 2)), to_int(d.substr(6, 2)))) return ymd;
  return make_date(to_int(d.substr(4, 4)), to_int(d.substr(2, 2)), to_int(d.substr(0, 2)));
}

// Tries the three tokens at i as a date in every layout we know.
std::optional<Date> date_at(const std::vector<Token>& t, std::size_t i, DateOrder order) {
  const Token& a = t[i];
  const Token& b = t[i + 1];
  const Token& c = t[i + 2];
  if (a.kind == Token::kNumber && a.digits.size() == 4 && is_day_or_month(b) && is_day_or_month(c)) {
    return make_date(to_int(a.digits), to_int(b.digits), to_int(c.digits));  // 2018-03-23, 2018/02/22
  }
  if (is_day_or_month(a) && is_day_or_month(b) && is_year(c)) {
    int first = to_int(a.digits), second = to_int(b.digits), year = full_year(c.digits);
    auto day_first = make_date(year, second, first);
    auto month_first = make_date(year, first, second);
    if (order == DateOrder::kDayFirst) return day_first ? day_first : month_first;
    return month_first ? month_first : day_first;
  }
  if (is_day_or_month(a) && b.kind == Token::kMonth && is_year(c)) {
    return make_date(full_year(c.digits), b.month, to_int(a.digits));  // 7 février 2023, 01-Jan-2023
  }
  if (a.kind == Token::kMonth && is_day_or_month(b) && is_year(c)) {
    return make_date(full_year(c.digits), a.month, to_int(b.digits));  // OCT 3, 2016
  }
  return std::nullopt;
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

std::optional<Date> parse_date(std::string_view text, DateOrder order) {
  std::vector<Token> tokens = tokenize(text);
  for (std::size_t i = 0; i + 3 <= tokens.size(); ++i) {
    if (auto date = date_at(tokens, i, order)) return date;
  }
  for (const Token& t : tokens) {
    if (t.kind == Token::kNumber && t.digits.size() == 8) {
      if (auto date = from_eight_digits(t.digits)) return date;
    }
  }
  return std::nullopt;
}

}  // namespace textra::fields
