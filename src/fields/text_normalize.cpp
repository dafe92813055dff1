// Text, id and money-comparison normalisation (normalize.h).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "base/utf8.h"
#include "fields/normalize.h"

namespace textra::fields {
namespace {

// Letters of any script we may meet and digits; punctuation, symbols and spaces are not.
bool is_letter_or_digit(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 punctuation and symbols, × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // punctuation, currency, arrows, math, boxes
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFFFF) return false;           // variation selectors, specials, U+FFFD
  return !(cp >= 0x0600 && cp <= 0x060F) && cp != 0x061B && cp != 0x061F && cp != 0x066A;  // Arabic punctuation
}

}  // namespace

bool is_white_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::string remove_white_space(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = utf8::next(text, pos);
    if (!is_white_space(cp)) utf8::append(out, cp);
  }
  return out;
}

std::string normalize_company_id(std::string_view key, std::string_view text) {
  std::string compact = remove_white_space(text);
  if (key != "RC" && key != "RCS") return compact;
  bool has_letter = std::any_of(compact.begin(), compact.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  if (!has_letter) return compact;
  // The last run of digits, with the spaces that group it: "Tarascon B 314 360 629" -> "314360629".
  std::string collapsed = collapse_white_space(text);
  std::size_t end = collapsed.find_last_of("0123456789");
  if (end == std::string::npos) return compact;
  std::size_t begin = end;
  while (begin > 0 && (std::isdigit(static_cast<unsigned char>(collapsed[begin - 1])) ||
                       (collapsed[begin - 1] == ' ' && begin >= 2 && std::isdigit(static_cast<unsigned char>(collapsed[begin - 2]))))) {
    --begin;
  }
  return remove_white_space(collapsed.substr(begin, end - begin + 1));
}

std::string collapse_white_space(std::string_view text) {
  std::string out;
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = utf8::next(text, pos);
    if (is_white_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    utf8::append(out, cp);
  }
  return out;
}

std::string text_key(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = utf8::next(text, pos);
    if (is_letter_or_digit(cp)) utf8::append(out, utf8::to_upper(cp));
  }
  return out;
}

long long to_cents(double value) { return std::llround(value * 100.0); }

}  // namespace textra::fields
