#include "doc/line_builder.h"

#include <algorithm>

namespace textra::doc {

bool same_row(const Box& a, const Box& b) {
  const int overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  const int smaller = std::min(a.height(), b.height());
  return smaller > 0 && 2 * overlap >= smaller;
}

std::vector<Line> group_words_into_lines(std::vector<Word> words) {
  // Sorting by vertical centre puts every word of a row next to the others, whatever their heights.
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  // A word joins the current line when it shares the row of the previous word (not of the whole line,
  // whose box a tall word may have stretched into the next row).
  std::vector<Line> lines;
  for (Word& word : words) {
    if (lines.empty() || !same_row(lines.back().words.back().box, word.box)) lines.emplace_back();
    Line& line = lines.back();
    line.box = line.box.united(word.box);
    line.words.push_back(std::move(word));
  }
  for (Line& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  }
  return lines;
}

}  // namespace textra::doc
