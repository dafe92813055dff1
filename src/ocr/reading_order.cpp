#include "ocr/reading_order.h"

#include <algorithm>

#include "doc/line_builder.h"

namespace textra::ocr {

void sort_lines_by_rows(std::vector<doc::Line>& lines) {
  std::stable_sort(lines.begin(), lines.end(), [](const doc::Line& a, const doc::Line& b) {
    return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1;
  });
  std::size_t row_start = 0;
  doc::Box row_box;
  for (std::size_t i = 0; i <= lines.size(); ++i) {
    if (i < lines.size() && (i == row_start || doc::same_row(row_box, lines[i].box))) {
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
