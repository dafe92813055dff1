#include "doc/layout_text.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/utf8.h"
#include "doc/line_builder.h"

namespace textra::doc {
namespace {

// A visual row: the words of every line that shares it, left to right.
struct Row {
  Box box;
  std::vector<const Word*> words;
};

std::vector<Row> rows_of(const Page& page) {
  std::vector<const Line*> lines;
  for (const Line& line : page.lines) {
    if (!line.words.empty()) lines.push_back(&line);
  }
  auto line_box = [](const Line* line) {
    Box box = line->box;
    for (const Word& w : line->words) box = box.united(w.box);
    return box;
  };
  std::stable_sort(lines.begin(), lines.end(), [&](const Line* a, const Line* b) {
    const Box ba = line_box(a), bb = line_box(b);
    return ba.y0 + ba.y1 < bb.y0 + bb.y1;
  });
  std::vector<Row> rows;
  Box previous;
  for (const Line* line : lines) {
    const Box box = line_box(line);
    if (rows.empty() || !same_row(previous, box)) rows.emplace_back();
    Row& row = rows.back();
    row.box = row.box.united(box);
    for (const Word& w : line->words) row.words.push_back(&w);
    previous = box;
  }
  for (Row& row : rows) {
    std::stable_sort(row.words.begin(), row.words.end(), [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
  }
  return rows;
}

template <typename T>
T median(std::vector<T> values, T fallback) {
  if (values.empty()) return fallback;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
  return values[values.size() / 2];
}

}  // namespace

std::string layout_text(const Page& page, const LayoutOptions& options) {
  const std::vector<Row> rows = rows_of(page);
  if (rows.empty()) return "";

  std::vector<double> char_widths;
  std::vector<int> row_pitches;  // distances between the centres of consecutive rows
  int left = INT32_MAX, right = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (r > 0) {
      const int pitch = (row.box.y0 + row.box.y1 - rows[r - 1].box.y0 - rows[r - 1].box.y1) / 2;
      if (pitch > 0) row_pitches.push_back(pitch);
    }
    for (const Word* w : row.words) {
      const std::size_t chars = utf8::length(w->text);
      if (chars > 0 && w->box.width() > 0) char_widths.push_back(static_cast<double>(w->box.width()) / chars);
      left = std::min(left, w->box.x0);
      right = std::max(right, w->box.x1);
    }
  }
  double cell = std::max(1.0, median(char_widths, 1.0));
  // Compress wide pages: the grid never exceeds max_width columns.
  const double columns = (right - left) / cell;
  if (options.max_width > 0 && columns > options.max_width) cell *= columns / options.max_width;
  // The usual distance between rows: a low quantile, since blank space between blocks is common.
  std::sort(row_pitches.begin(), row_pitches.end());
  const int pitch = row_pitches.empty() ? 1 : std::max(1, row_pitches[row_pitches.size() / 4]);

  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    if (r > 0) {
      // One newline ends the previous row; a distance of n usual row pitches adds n - 1 blank lines.
      const int distance = (row.box.y0 + row.box.y1 - rows[r - 1].box.y0 - rows[r - 1].box.y1) / 2;
      const int blanks = std::clamp(static_cast<int>(std::lround(static_cast<double>(distance) / pitch)) - 1, 0,
                                    options.max_blank_lines);
      out.append(static_cast<std::size_t>(1 + blanks), '\n');
    }
    std::size_t cursor = 0;  // columns used on this row so far
    const Word* previous = nullptr;
    for (const Word* w : row.words) {
      const auto column = static_cast<std::size_t>(std::max(0L, std::lround((w->box.x0 - left) / cell)));
      // Words of one phrase (a gap under two cells, e.g. in a larger font) keep a single space; only
      // real gaps are reproduced, which is what keeps columns aligned.
      const bool same_phrase = previous != nullptr && w->box.x0 - previous->box.x1 < 2 * cell;
      const std::size_t start = previous == nullptr ? column : same_phrase ? cursor + 1 : std::max(column, cursor + 1);
      out.append(start - cursor, ' ');
      out += w->text;
      cursor = start + utf8::length(w->text);
      previous = w;
    }
  }
  return out;
}

std::string layout_text(const Document& document, const LayoutOptions& options) {
  std::string out;
  for (std::size_t i = 0; i < document.pages.size(); ++i) {
    if (i > 0) out += "\n\f\n";
    out += layout_text(document.pages[i], options);
  }
  return out;
}

}  // namespace textra::doc
