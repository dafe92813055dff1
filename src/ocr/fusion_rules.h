// The fusion engine's rules, as pure functions: when a line PP-OCR read goes to Tesseract for a second
// reading, and how the two readings are merged. PP-OCR's recogniser has no ç ù ô â ê î û ë ï (nor é è à in
// practice on French words, they come out bare) and no €: where Tesseract read such a letter and PP-OCR read
// its bare form (or a character the letter is mistaken for) at the aligned position, Tesseract's letter wins;
// PP-OCR keeps its own words, boxes and every other character.
#pragma once

#include <string>
#include <vector>

namespace textra::ocr::fusion {

// The bare letter of an accented Latin letter (é -> e, Ç -> C), or the letter itself.
char32_t bare_letter(char32_t c);

// Whether Tesseract's `theirs` may replace PP-OCR's `ours` at one aligned position: `theirs` is a letter
// PP-OCR cannot output (accented, or €) and `ours` is its bare form, or a look-alike PP-OCR gives for it.
bool restores(char32_t ours, char32_t theirs);

// PP-OCR's words with letters restored from Tesseract's reading of the same line: both are aligned character
// by character (fusion_alignment.h); where an aligned pair is one restores() allows, Tesseract's letter is taken.
std::vector<std::string> restore_letters(const std::vector<std::string>& ours, const std::vector<std::string>& theirs);

// Whether a page reads as French: at least `min_hits` of its words (any case) are common French words
// ("de", "la", "facture", "total ttc" parts...), which English and Malay receipts lack.
bool looks_french(const std::vector<std::string>& words, int min_hits = 3);

// Whether a line could hold a letter PP-OCR cannot read: a letter that has accented forms in French, or a
// number (an amount may carry €).
bool may_need_letters(const std::vector<std::string>& words);

}  // namespace textra::ocr::fusion
