#include "ocr/fusion_rules.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/utf8.h"
#include "ocr/fusion_alignment.h"

namespace textra::ocr::fusion {
namespace {

// Accented letters of French (and their capitals) with their bare letters.
constexpr std::array<std::pair<char32_t, char32_t>, 32> kAccented = {{
    {U'à', U'a'}, {U'â', U'a'}, {U'ä', U'a'}, {U'ç', U'c'}, {U'é', U'e'}, {U'è', U'e'}, {U'ê', U'e'}, {U'ë', U'e'},
    {U'î', U'i'}, {U'ï', U'i'}, {U'ô', U'o'}, {U'ö', U'o'}, {U'ù', U'u'}, {U'û', U'u'}, {U'ü', U'u'}, {U'ÿ', U'y'},
    {U'À', U'A'}, {U'Â', U'A'}, {U'Ä', U'A'}, {U'Ç', U'C'}, {U'É', U'E'}, {U'È', U'E'}, {U'Ê', U'E'}, {U'Ë', U'E'},
    {U'Î', U'I'}, {U'Ï', U'I'}, {U'Ô', U'O'}, {U'Ö', U'O'}, {U'Ù', U'U'}, {U'Û', U'U'}, {U'Ü', U'U'}, {U'Ÿ', U'Y'},
}};

// Words of French business documents that English or Malay receipts do not print.
constexpr std::array<std::string_view, 21> kFrenchWords = {
    "de", "la", "le", "les", "des", "du", "et", "facture", "ttc", "ht", "tva", "montant", "prix", "quantité",
    "quantite", "désignation", "designation", "échéance", "echeance", "siret", "réglement"};

}  // namespace

char32_t bare_letter(char32_t c) {
  for (const auto& [accented, bare] : kAccented) {
    if (accented == c) return bare;
  }
  return c;
}

bool restores(char32_t ours, char32_t theirs) {
  if (ours == theirs) return false;
  if (theirs == U'€') return ours == U'E' || ours == U'C' || ours == U'e' || ours == U'c' || ours == U'￥';
  char32_t bare = bare_letter(theirs);
  if (bare == theirs) return false;
  // PP-OCR reads a letter it lacks as the bare letter, or (rarely) as a CJK look-alike.
  return ours == bare || utf8::to_upper(ours) == utf8::to_upper(bare) || ours >= 0x2E80;
}

std::vector<std::string> restore_letters(const std::vector<std::string>& ours, const std::vector<std::string>& theirs) {
  const std::u32string a = characters(ours).text, b = characters(theirs).text;
  const std::vector<std::size_t> aligned = align(a, b);
  // Back into PP-OCR's words, character by character (spaces are not in the alignment).
  std::vector<std::string> out;
  std::size_t k = 0;
  for (const std::string& w : ours) {
    std::string text;
    for (char32_t c : utf8::decode(w)) {
      if (c == U' ') {
        text += ' ';
        continue;
      }
      const std::size_t j = aligned[k++];
      utf8::append(text, j != kUnaligned && restores(c, b[j]) ? b[j] : c);
    }
    out.push_back(std::move(text));
  }
  return out;
}

bool looks_french(const std::vector<std::string>& words, int min_hits) {
  int hits = 0;
  for (const std::string& w : words) {
    std::string lower;
    for (char32_t c : utf8::decode(w)) utf8::append(lower, utf8::to_lower(c));
    while (!lower.empty() && (lower.back() == ':' || lower.back() == '.' || lower.back() == ',')) lower.pop_back();
    if (std::find(kFrenchWords.begin(), kFrenchWords.end(), lower) != kFrenchWords.end() && ++hits >= min_hits) return true;
  }
  return false;
}

bool may_need_letters(const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    for (char32_t c : utf8::decode(w)) {
      char32_t lower = utf8::to_lower(c);
      if (lower == U'a' || lower == U'c' || lower == U'e' || lower == U'i' || lower == U'o' || lower == U'u' ||
          (c >= U'0' && c <= U'9')) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace textra::ocr::fusion
