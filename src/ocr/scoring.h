// OCR accuracy against ground-truth text, as CONTRACTS.md defines it (SROIE task 2 conventions):
// - both sides NFKC-normalised and upper-cased (full Unicode case mapping);
// - CER: edit distance between the two texts with all white space removed (reading order matters),
//   divided by the ground truth's length in code points;
// - word F1: both texts split on white space into multisets of words (order-free); precision =
//   matched / OCR words, recall = matched / ground-truth words.
// Used by bench/ocr and the integration tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace textra::ocr {

// NFKC + upper case; invalid UTF-8 is replaced first.
std::u32string normalize_for_scoring(std::string_view text);

// Character error rate in [0, inf): 0 is perfect. An empty ground truth gives 0 for an empty OCR
// text and 1 otherwise.
double character_error_rate(std::string_view ocr_text, std::string_view truth_text);

struct WordScores {
  double precision = 0, recall = 0, f1 = 0;
};
WordScores word_scores(std::string_view ocr_text, std::string_view truth_text);

}  // namespace textra::ocr
