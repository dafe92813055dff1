#include "ner/patterns.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "base/utf8.h"

namespace textra::ner {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Strips brackets and trailing punctuation that OCR glues to values: "(25/12/2018)" "9.00," "DATE:".
std::string_view trim_punct(std::string_view w) {
  auto junk = [](char c) { return c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ';' || c == ':' || c == '"' || c == '\''; };
  while (!w.empty() && junk(w.front())) w.remove_prefix(1);
  while (!w.empty() && (junk(w.back()) || w.back() == '.')) w.remove_suffix(1);
  return w;
}

struct Part {
  std::string_view text;
  bool digits;
};

// Splits on one of the date separators; returns empty when separators differ or a part mixes classes.
std::vector<Part> date_parts(std::string_view w) {
  std::vector<Part> parts;
  char sep = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= w.size(); ++i) {
    if (i < w.size() && w[i] != '/' && w[i] != '-' && w[i] != '.') continue;
    if (i < w.size()) {
      if (sep != 0 && w[i] != sep) return {};
      sep = w[i];
    }
    std::string_view p = w.substr(start, i - start);
    if (p.empty()) return {};
    bool all_digits = true, all_alpha = true;
    for (char c : p) {
      all_digits &= is_digit(c);
      all_alpha &= !is_digit(c);
    }
    if (!all_digits && !all_alpha) return {};
    parts.push_back({p, all_digits});
    start = i + 1;
  }
  return parts;
}

}  // namespace

bool is_month_name(std::string_view word) {
  static const std::array<const char*, 40> kMonths = {
      "jan", "janv", "janvier", "january", "feb", "fev", "fevr", "fevrier", "february", "mar", "mars", "march",
      "apr", "avr", "avril", "april", "may", "mai", "jun", "juin", "june", "jul", "juil", "juillet", "july",
      "aug", "aou", "aout", "august", "sep", "sept", "septembre", "september", "oct", "octobre", "october",
      "nov", "novembre", "november", "dec"};
  std::string w = utf8::to_lower(utf8::strip_accents(trim_punct(word)));
  if (!w.empty() && w.back() == '.') w.pop_back();
  if (w == "decembre" || w == "december") return true;
  for (const char* m : kMonths) {
    if (w == m) return true;
  }
  return false;
}

bool looks_like_date(std::string_view word) {
  std::vector<Part> p = date_parts(trim_punct(word));
  if (p.size() != 3) return false;
  auto num = [](std::string_view s) { return std::atoi(std::string(s).c_str()); };
  if (p[0].digits && p[2].digits && p[0].text.size() <= 2 && (p[2].text.size() == 2 || p[2].text.size() == 4)) {
    int day = num(p[0].text);
    if (day < 1 || day > 31) return false;
    if (p[1].digits) return p[1].text.size() <= 2 && num(p[1].text) >= 1 && num(p[1].text) <= 12;
    return is_month_name(p[1].text);
  }
  if (p[0].digits && p[0].text.size() == 4 && p[1].digits && p[2].digits && p[1].text.size() <= 2 && p[2].text.size() <= 2) {
    return num(p[1].text) >= 1 && num(p[1].text) <= 12 && num(p[2].text) >= 1 && num(p[2].text) <= 31;
  }
  return false;
}

bool looks_like_time(std::string_view word) {
  std::string_view w = trim_punct(word);
  // hh:mm or hh:mm:ss, optionally followed by AM/PM letters.
  std::size_t i = 0;
  int groups = 0;
  while (i < w.size()) {
    std::size_t start = i;
    while (i < w.size() && is_digit(w[i])) ++i;
    if (i - start != 2 && !(groups == 0 && i - start == 1)) return false;
    ++groups;
    if (i < w.size() && w[i] == ':') {
      ++i;
      continue;
    }
    break;
  }
  if (groups < 2) return false;
  for (; i < w.size(); ++i) {
    if (!is_alpha(w[i])) return false;
  }
  return true;
}

std::optional<double> amount_value(std::string_view word) {
  std::string_view w = trim_punct(word);
  // Currency glued to the number: RM, $, DH, DHS, MAD, EUR, € (U+20AC = E2 82 AC).
  for (std::string_view cur : {"RM", "rm", "$", "MAD", "EUR", "\xE2\x82\xAC"}) {
    if (w.substr(0, cur.size()) == cur) w.remove_prefix(cur.size());
  }
  for (std::string_view cur : {"DHS", "Dhs", "dhs", "DH", "Dh", "dh", "MAD", "EUR", "\xE2\x82\xAC", "RM"}) {
    if (w.size() > cur.size() && w.substr(w.size() - cur.size()) == cur) w.remove_suffix(cur.size());
  }
  bool negative = false;
  if (!w.empty() && w.front() == '-') {
    negative = true;
    w.remove_prefix(1);
  }
  if (w.empty() || !is_digit(w.front()) || !is_digit(w.back())) return std::nullopt;
  // The last separator is the decimal mark when 1 or 2 digits follow it; with 3 it groups thousands
  // ("1,007"). Other separators group thousands. No separator: an integer, not an amount.
  std::size_t last_sep = w.find_last_of(".,");
  if (last_sep == std::string_view::npos) return std::nullopt;
  std::size_t decimals = w.size() - last_sep - 1;
  if (decimals == 0 || decimals > 3) return std::nullopt;
  std::string digits;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (is_digit(w[i])) digits += w[i];
    else if (w[i] != '.' && w[i] != ',') return std::nullopt;
    else if (i == last_sep && decimals != 3) digits += '.';
  }
  double v = std::strtod(digits.c_str(), nullptr);
  return negative ? -v : v;
}

std::string short_shape(std::string_view word) {
  std::string out;
  char prev = 0;
  int run = 0;
  std::size_t pos = 0;
  while (pos < word.size() && out.size() < 12) {
    char32_t cp = utf8::next(word, pos);
    char c;
    if (cp < 128 && is_digit(static_cast<char>(cp))) c = '0';
    else if (utf8::to_lower(cp) != cp) c = 'X';
    else if (utf8::to_upper(cp) != cp) c = 'x';
    else if (cp < 128) c = static_cast<char>(cp);
    else c = '?';
    run = c == prev ? run + 1 : 1;
    prev = c;
    if (run <= 2) out += c;
  }
  return out;
}

int digit_count(std::string_view word) {
  int n = 0;
  for (char c : word) n += is_digit(c);
  return n;
}

}  // namespace textra::ner
