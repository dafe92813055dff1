#include "extract/visual_rows.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "base/utf8.h"

namespace textra::extract {

namespace {

// A table rule read as text ("|", "[", "—"): a column boundary, no word.
bool is_rule(const std::string& text) {
  static const std::string_view kRules[] = {"|", "||", "[", "]", "_", "\xE2\x80\x94", "\xE2\x80\x93", "\xC2\xA6"};
  return std::find(std::begin(kRules), std::end(kRules), text) != std::end(kRules);
}

}  // namespace

std::vector<VisualRow> visual_rows(const doc::Page& page) {
  std::vector<RowWord> words;
  page.for_each_word([&](std::size_t id, const doc::Line&, const doc::Word& w) {
    if (!w.box.empty() && !is_rule(w.text)) words.push_back({id, &w});
  });
  auto centre = [](const RowWord& w) { return w.word->box.y0 + w.word->box.y1; };  // twice the centre
  std::stable_sort(words.begin(), words.end(), [&](const RowWord& a, const RowWord& b) { return centre(a) < centre(b); });
  std::vector<VisualRow> rows;
  for (const RowWord& w : words) {
    const doc::Box& b = w.word->box;
    if (!rows.empty()) {
      // Against the row's first word's vertical extent, which the row keeps, so rows do not chain down a page.
      VisualRow& row = rows.back();
      int overlap = std::min(row.box.y1, b.y1) - std::max(row.box.y0, b.y0);
      int row_height = row.box.height();
      if (overlap * 2 >= std::min(row_height, b.height()) && overlap > 0) {
        row.words.push_back(w);
        row.box.x0 = std::min(row.box.x0, b.x0);
        row.box.x1 = std::max(row.box.x1, b.x1);
        continue;
      }
    }
    rows.push_back({b, {w}});
  }
  for (VisualRow& row : rows) {
    std::stable_sort(row.words.begin(), row.words.end(),
                     [](const RowWord& a, const RowWord& b) { return a.word->box.x0 < b.word->box.x0; });
  }
  return rows;
}

RowsPage rows_page(const doc::Page& page) {
  RowsPage out;
  out.page.index = page.index;
  out.page.width = page.width;
  out.page.height = page.height;
  out.page.dpi = page.dpi;
  out.page.source = page.source;
  for (const VisualRow& row : visual_rows(page)) {
    doc::Line line{row.box, {}};
    for (const RowWord& w : row.words) {
      line.words.push_back(*w.word);
      line.box = line.box.united(w.word->box);
      out.original_id.push_back(w.id);
    }
    out.page.lines.push_back(std::move(line));
  }
  return out;
}

bool is_stray_mark(const doc::Word& word) {
  bool digit = word.text.size() == 1 && word.text[0] >= '0' && word.text[0] <= '9';
  return utf8::length(word.text) == 1 && !digit && word.confidence < 0.5f;
}

std::vector<std::vector<RowWord>> cells_of(const VisualRow& row, double gap_heights) {
  std::vector<std::vector<RowWord>> cells;
  for (const RowWord& w : row.words) {
    if (!cells.empty()) {
      const doc::Box& prev = cells.back().back().word->box;
      int height = std::max({prev.height(), w.word->box.height(), 1});
      if (w.word->box.x0 - prev.x1 < gap_heights * height) {
        cells.back().push_back(w);
        continue;
      }
    }
    cells.push_back({w});
  }
  return cells;
}

}  // namespace textra::extract
