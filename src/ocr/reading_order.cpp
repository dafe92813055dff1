#include "ocr/reading_order.h"

#include <algorithm>

namespace textra::ocr {
namespace {

// Two lines are on one row when their vertical overlap is at least half the smaller line's height:
// skewed scans make neighbouring rows touch, so a mere overlap is not enough.
bool same_row(const doc::Box& row, const doc::Box& line) {
  int overlap = std::min(row.y1, line.y1) - std::max(row.y0, line.y0);
  int smaller = std::min(row.height(), line.height());
  return smaller > 0 && 2 * overlap >= smaller;
}

}  // namespace

void sort_lines_by_rows(std::vector<doc::Line>& lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const doc::Line& a, const doc::Line& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  std::size_t row_start = 0;
  doc::Box row_box;
  for (std::size_t i = 0; i <= lines.size(); ++i) {
    if (i < lines.size() && (i == row_start || same_row(row_box, lines[i].box))) {
      // The row's box is that of its first line, so a tall line does not swallow the next rows.
      if (i == row_start) row_box = lines[i].box;
      continue;
    }
    std::stable_sort(lines.begin() + static_cast<std::ptrdiff_t>(row_start), lines.begin() + static_cast<std::ptrdiff_t>(i),
                     [](const doc::Line& a, const doc::Line& b) { return a.box.x0 < b.box.x0; });
    row_start = i;
    if (i < lines.size()) row_box = lines[i].box;
  }
}

}  // namespace textra::ocr
