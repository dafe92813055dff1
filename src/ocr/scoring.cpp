#include "ocr/scoring.h"

#include "base/edit_distance.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>

#include "base/utf8.h"

namespace textra::ocr {
namespace {

bool is_space(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' || cp == U'\v' ||
         cp == 0x00A0 || cp == 0x2007 || cp == 0x202F || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

std::u32string without_spaces(const std::u32string& s) {
  std::u32string out;
  for (char32_t cp : s) {
    if (!is_space(cp)) out += cp;
  }
  return out;
}

std::map<std::u32string, int> word_counts(const std::u32string& s) {
  std::map<std::u32string, int> counts;
  std::u32string word;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || is_space(s[i])) {
      if (!word.empty()) ++counts[word];
      word.clear();
    } else {
      word += s[i];
    }
  }
  return counts;
}

}  // namespace

std::u32string normalize_for_scoring(std::string_view text) {
  std::string valid = utf8::sanitize(text);
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(error);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(valid);
  if (U_SUCCESS(error)) {
    icu::UnicodeString normalized = nfkc->normalize(unicode, error);
    if (U_SUCCESS(error)) unicode = normalized;
  }
  // Upper-casing can leave a string outside NFKC (e.g. U+0149 -> U+02BC U+004E), so normalise again.
  unicode.toUpper();
  error = U_ZERO_ERROR;
  if (nfkc != nullptr) {
    icu::UnicodeString normalized = nfkc->normalize(unicode, error);
    if (U_SUCCESS(error)) unicode = normalized;
  }
  std::u32string out;
  for (int32_t i = 0; i < unicode.length(); i = unicode.moveIndex32(i, 1)) {
    out += static_cast<char32_t>(unicode.char32At(i));
  }
  return out;
}

double character_error_rate(std::string_view ocr_text, std::string_view truth_text) {
  std::u32string ocr = without_spaces(normalize_for_scoring(ocr_text));
  std::u32string truth = without_spaces(normalize_for_scoring(truth_text));
  if (truth.empty()) return ocr.empty() ? 0.0 : 1.0;
  return static_cast<double>(edit_distance(ocr, truth)) / static_cast<double>(truth.size());
}

WordScores word_scores(std::string_view ocr_text, std::string_view truth_text) {
  std::map<std::u32string, int> ocr = word_counts(normalize_for_scoring(ocr_text));
  std::map<std::u32string, int> truth = word_counts(normalize_for_scoring(truth_text));
  int ocr_total = 0, truth_total = 0, matched = 0;
  for (const auto& [word, n] : ocr) ocr_total += n;
  for (const auto& [word, n] : truth) {
    truth_total += n;
    auto it = ocr.find(word);
    if (it != ocr.end()) matched += std::min(n, it->second);
  }
  WordScores scores;
  if (ocr_total > 0) scores.precision = static_cast<double>(matched) / ocr_total;
  if (truth_total > 0) scores.recall = static_cast<double>(matched) / truth_total;
  if (scores.precision + scores.recall > 0) {
    scores.f1 = 2 * scores.precision * scores.recall / (scores.precision + scores.recall);
  }
  return scores;
}

}  // namespace textra::ocr
