#include "ocr/fusion_line_choice.h"

#include "base/utf8.h"
#include "ocr/fusion_alignment.h"

namespace textra::ocr::fusion {
namespace {

std::size_t letters_and_digits(const std::string& text) {
  std::size_t n = 0;
  for (char32_t c : utf8::decode(text)) n += is_letter_or_digit(c) ? 1 : 0;
  return n;
}

}  // namespace

double mean_confidence(const std::vector<doc::Word>& words) {
  double sum = 0, weight = 0;
  for (const doc::Word& w : words) {
    const auto n = static_cast<double>(letters_and_digits(w.text));
    sum += n * w.confidence, weight += n;
  }
  return weight == 0 ? 0 : sum / weight;
}

std::size_t letters_and_digits(const std::vector<doc::Word>& words) {
  std::size_t n = 0;
  for (const doc::Word& w : words) n += letters_and_digits(w.text);
  return n;
}

bool takes_tesseract_line(const LineChoice& choice, int height, double page_median_height,
                          const std::vector<doc::Word>& ours, const std::vector<doc::Word>& theirs) {
  if (theirs.empty() || height > choice.max_height_ratio * page_median_height) return false;
  if (mean_confidence(theirs) <= mean_confidence(ours) + choice.min_confidence_gain) return false;
  return static_cast<double>(letters_and_digits(theirs)) >= choice.min_character_ratio * static_cast<double>(letters_and_digits(ours));
}

}  // namespace textra::ocr::fusion
