// Amounts, currencies and percentages as printed -> numbers and ISO 4217 codes (normalize.h).
#include <charconv>
#include <vector>

#include "base/utf8.h"
#include "fields/normalize.h"

namespace textra::fields {
namespace {

// Currency words and codes, upper-case without accents, matched as whole letter runs.
struct CurrencyWord {
  const char* word;
  const char* code;
};
constexpr CurrencyWord kCurrencyWords[] = {
    {"EUR", "EUR"},     {"EURO", "EUR"},     {"EUROS", "EUR"},   {"MAD", "MAD"},     {"DH", "MAD"},
    {"DHS", "MAD"},     {"DIRHAM", "MAD"},   {"DIRHAMS", "MAD"}, {"USD", "USD"},     {"MYR", "MYR"},
    {"RM", "MYR"},      {"RINGGIT", "MYR"},  {"GBP", "GBP"},     {"CHF", "CHF"},     {"CAD", "CAD"},
    {"FCFA", "XOF"},    {"XOF", "XOF"},      {"DZD", "DZD"},     {"TND", "TND"},     {"JPY", "JPY"},
};

std::optional<std::string> currency_of_symbol(char32_t cp, std::string_view dollar) {
  switch (cp) {
    case U'€': return "EUR";
    case U'$': return std::string(dollar);
    case U'£': return "GBP";
    case U'¥': return "JPY";
    default: return std::nullopt;
  }
}

std::optional<std::string> currency_of_word(const std::string& upper_word) {
  for (const CurrencyWord& w : kCurrencyWords) {
    if (upper_word == w.word) return std::string(w.code);
  }
  return std::nullopt;
}

bool is_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool is_group_space(char32_t cp) { return is_white_space(cp) || cp == '\'' || cp == U'’'; }

// The printed number: digits with the separators between them, and its sign.
struct NumberText {
  std::u32string body;  // digits, '.', ',' (grouping spaces dropped)
  bool negative = false;
  bool space_grouped = false;  // a space separated digit groups
};

// Number of digits starting at cps[i].
std::size_t digit_run(const std::u32string& cps, std::size_t i) {
  std::size_t n = 0;
  while (i + n < cps.size() && is_digit(cps[i + n])) ++n;
  return n;
}

// A minus sign or an opening parenthesis just before the digits at start, possibly with a currency mark
// and spaces in between ("- 50,00", "-RM 3.90", "(12,50)"); a word that is no currency stops the search.
bool sign_before(const std::u32string& cps, std::size_t start) {
  std::size_t k = start;
  auto skip_spaces = [&] {
    while (k > 0 && is_white_space(cps[k - 1])) --k;
  };
  skip_spaces();
  if (k > 0 && currency_of_symbol(cps[k - 1], "USD")) {
    --k;
  } else {
    std::string word;
    std::size_t w = k;
    while (w > 0 && ((cps[w - 1] >= 'A' && cps[w - 1] <= 'Z') || (cps[w - 1] >= 'a' && cps[w - 1] <= 'z'))) --w;
    for (std::size_t c = w; c < k; ++c) word += static_cast<char>(cps[c] >= 'a' ? cps[c] - 32 : cps[c]);
    if (!word.empty()) {
      if (!currency_of_word(word)) return false;
      k = w;
    }
  }
  skip_spaces();
  return k > 0 && (cps[k - 1] == '-' || cps[k - 1] == U'−' || cps[k - 1] == '(');
}

std::optional<NumberText> find_number(const std::u32string& cps) {
  std::size_t start = 0;
  while (start < cps.size() && !is_digit(cps[start])) ++start;
  if (start == cps.size()) return std::nullopt;
  NumberText number;
  number.negative = sign_before(cps, start);
  std::size_t i = start;
  while (i < cps.size()) {
    std::size_t digits = digit_run(cps, i);
    number.body.append(cps, i, digits);
    i += digits;
    if (i + 1 >= cps.size()) break;
    char32_t sep = cps[i];
    if ((sep == '.' || sep == ',') && is_digit(cps[i + 1])) {
      number.body += sep;
      ++i;
    } else if (is_group_space(sep) && digit_run(cps, i + 1) == 3) {
      // "4 680,00": a space joins only a following group of exactly three digits.
      number.space_grouped = true;
      ++i;
    } else {
      break;
    }
  }
  // "1.234,00-" (trailing minus, accounting style).
  if (i < cps.size() && cps[i] == '-' && (i + 1 == cps.size() || !is_digit(cps[i + 1]))) number.negative = true;
  return number;
}

// Decides which separator is the decimal mark and builds "1234.56".
std::optional<Amount> interpret(const NumberText& number, const AmountOptions& options) {
  std::vector<std::size_t> marks;
  for (std::size_t k = 0; k < number.body.size(); ++k) {
    if (number.body[k] == '.' || number.body[k] == ',') marks.push_back(k);
  }
  std::size_t decimal_at = std::u32string::npos;
  if (!marks.empty()) {
    std::size_t last = marks.back();
    char32_t last_mark = number.body[last];
    bool mixed = false, same_repeated = marks.size() > 1;
    for (std::size_t m : marks) mixed |= number.body[m] != last_mark;
    std::size_t after = number.body.size() - last - 1;
    if (mixed) {
      decimal_at = last;  // "1.234,56", "1,007.50": the last mark is the decimal one
    } else if (same_repeated) {
      if (after != 3) decimal_at = last;  // "4.051.584" groups; "1.234.56" is a misprinted decimal
    } else if (after != 3) {
      decimal_at = last;  // "3900.0", "5 620,8750", "97.80"
    } else if (options.decimal_mark != 0) {
      if (last_mark == static_cast<char32_t>(options.decimal_mark)) decimal_at = last;
    } else if (number.space_grouped || last > 3 || number.body.substr(0, last) == U"0") {
      decimal_at = last;  // "2 900,000", "2416,667", "0.500": grouping would be impossible here
    }
    // else "1,234" / "25.000" with no hint: read as thousands.
  }
  std::string plain;
  int decimals = 0;
  for (std::size_t k = 0; k < number.body.size(); ++k) {
    char32_t c = number.body[k];
    if (k == decimal_at) {
      plain += '.';
    } else if (is_digit(c)) {
      plain += static_cast<char>(c);
      if (decimal_at != std::u32string::npos && k > decimal_at) ++decimals;
    }
  }
  double value = 0;
  auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (ec != std::errc() || end != plain.data() + plain.size()) return std::nullopt;
  return Amount{number.negative ? -value : value, decimals, ""};
}

}  // namespace

std::optional<std::string> find_currency(std::string_view text, std::string_view dollar_currency) {
  std::string folded = utf8::to_upper(utf8::strip_accents(text));
  std::string word;
  std::size_t pos = 0;
  while (pos <= folded.size()) {
    char32_t cp = pos < folded.size() ? utf8::next(folded, pos) : (++pos, U' ');
    if (cp >= 'A' && cp <= 'Z') {
      word += static_cast<char>(cp);
      continue;
    }
    if (!word.empty()) {
      if (auto code = currency_of_word(word)) return code;
      word.clear();
    }
    if (cp == '$' && word.empty()) {
      // "US$" is handled by the word before it: "US" is not a currency word, so look back.
      if (pos >= 3 && folded.compare(pos - 3, 2, "US") == 0) return std::string("USD");
    }
    if (auto code = currency_of_symbol(cp, dollar_currency)) return code;
  }
  return std::nullopt;
}

std::optional<Amount> parse_amount(std::string_view text, const AmountOptions& options) {
  std::u32string cps;
  for (char32_t cp : utf8::decode(text)) cps.push_back(cp);
  std::optional<NumberText> number = find_number(cps);
  if (!number) return std::nullopt;
  std::optional<Amount> amount = interpret(*number, options);
  if (!amount) return std::nullopt;
  amount->currency = find_currency(text, options.dollar_currency).value_or("");
  return amount;
}

std::optional<double> parse_percent(std::string_view text) {
  std::optional<Amount> amount = parse_amount(text, AmountOptions{.decimal_mark = ','});
  if (!amount) return std::nullopt;
  return amount->value;
}

}  // namespace textra::fields
