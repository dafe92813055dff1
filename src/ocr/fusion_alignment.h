// Two readings of one text line (PP-OCR's and Tesseract's) aligned character by character, spaces left out:
// the fusion rules (fusion_rules.h, fusion_word_breaks.h) take letters or word breaks from Tesseract only
// where its character stands at the same place as PP-OCR's.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace textra::ocr::fusion {

// A reading's characters without spaces, each with the index of the word it belongs to.
struct Characters {
  std::u32string text;
  std::vector<std::size_t> word;
};
Characters characters(const std::vector<std::string>& words);

// Letters (any case, accented) and digits: what the field values and the rules count.
bool is_letter_or_digit(char32_t c);

inline constexpr std::size_t kUnaligned = std::numeric_limits<std::size_t>::max();

// Whether two characters at one place are the same reading: equal, a letter PP-OCR lacks against its bare
// form (restores() in fusion_rules.h), or a full-width form against its ASCII form (PP-OCR reads ':' as '：').
bool same_reading(char32_t ours, char32_t theirs);

// For each character of `ours`, the index of the character of `theirs` aligned with it, or kUnaligned where
// PP-OCR has a character Tesseract has not. Levenshtein alignment where same_reading() pairs cost nothing;
// ties go to pairing (a substitution) rather than to a deletion and an insertion.
std::vector<std::size_t> align(const std::u32string& ours, const std::u32string& theirs);

}  // namespace textra::ocr::fusion
