#include "ocr/fusion_word_breaks.h"

#include "base/utf8.h"
#include "ocr/fusion_alignment.h"

namespace textra::ocr::fusion {
std::vector<std::vector<std::size_t>> word_breaks(const std::vector<std::string>& ours,
                                                  const std::vector<std::string>& theirs) {
  const Characters a = characters(ours), b = characters(theirs);
  const std::vector<std::size_t> aligned = align(a.text, b.text);
  std::vector<std::vector<std::size_t>> breaks(ours.size());
  std::size_t offset = 0;  // of character k in its word
  for (std::size_t k = 0; k < a.text.size(); ++k) {
    offset = k > 0 && a.word[k] == a.word[k - 1] ? offset + 1 : 0;
    if (offset == 0) continue;
    const std::size_t i = aligned[k - 1], j = aligned[k];
    // Both characters read alike by the two engines, next to each other in Tesseract's reading, in two words.
    if (i == kUnaligned || j != i + 1 || b.word[i] == b.word[j]) continue;
    if (!same_reading(a.text[k - 1], b.text[i]) || !same_reading(a.text[k], b.text[j])) continue;
    if (is_letter_or_digit(a.text[k - 1]) && is_letter_or_digit(a.text[k])) continue;
    breaks[a.word[k]].push_back(offset);
  }
  return breaks;
}

std::vector<std::string> cut_word(const std::string& word, const std::vector<std::size_t>& offsets) {
  std::vector<std::string> pieces(1);
  std::size_t index = 0, next = 0;
  for (char32_t c : utf8::decode(word)) {
    if (next < offsets.size() && index == offsets[next]) {
      pieces.emplace_back();
      ++next;
    }
    utf8::append(pieces.back(), c);
    ++index;
  }
  return pieces;
}

}  // namespace textra::ocr::fusion
