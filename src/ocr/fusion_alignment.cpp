#include "ocr/fusion_alignment.h"

#include <algorithm>

#include "base/utf8.h"
#include "ocr/fusion_rules.h"

namespace textra::ocr::fusion {
namespace {

// U+FF01..U+FF5E are full-width forms of ASCII '!'..'~'.
char32_t ascii_form(char32_t c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c; }

}  // namespace

Characters characters(const std::vector<std::string>& words) {
  Characters out;
  for (std::size_t w = 0; w < words.size(); ++w) {
    for (char32_t c : utf8::decode(words[w])) {
      if (c == U' ') continue;
      out.text.push_back(c);
      out.word.push_back(w);
    }
  }
  return out;
}

bool is_letter_or_digit(char32_t c) { return (c >= U'0' && c <= U'9') || utf8::to_upper(c) != utf8::to_lower(c); }

bool same_reading(char32_t ours, char32_t theirs) {
  return ours == theirs || restores(ours, theirs) || ascii_form(ours) == theirs;
}

std::vector<std::size_t> align(const std::u32string& ours, const std::u32string& theirs) {
  const std::size_t n = ours.size(), m = theirs.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * (m + 1) + j]; };
  for (std::size_t i = 0; i <= n; ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= m; ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t pair = at(i - 1, j - 1) + (same_reading(ours[i - 1], theirs[j - 1]) ? 0 : 1);
      at(i, j) = std::min({pair, at(i - 1, j) + 1, at(i, j - 1) + 1});
    }
  }
  std::vector<std::size_t> aligned(n, kUnaligned);
  for (std::size_t i = n, j = m; i > 0 && j > 0;) {
    if (at(i, j) == at(i - 1, j - 1) + (same_reading(ours[i - 1], theirs[j - 1]) ? 0 : 1)) {
      aligned[i - 1] = j - 1;
      --i, --j;
    } else if (at(i, j) == at(i - 1, j) + 1) {
      --i;
    } else {
      --j;
    }
  }
  return aligned;
}

}  // namespace textra::ocr::fusion
