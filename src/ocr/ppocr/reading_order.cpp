#include "ocr/ppocr/reading_order.h"

#include <algorithm>
#include <cmath>

namespace textra::ocr::ppocr {
namespace {

float centre_y(const doc::Box& box) { return (box.y0 + box.y1) / 2.0f; }

struct Row {
  std::vector<Segment> segments;
  float centre_sum = 0;
  std::vector<int> heights;

  float centre() const { return centre_sum / static_cast<float>(segments.size()); }
  int median_height() const {
    std::vector<int> h = heights;
    std::nth_element(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(h.size() / 2), h.end());
    return h[h.size() / 2];
  }
  void add(Segment segment) {
    centre_sum += centre_y(segment.box);
    heights.push_back(segment.box.height());
    segments.push_back(std::move(segment));
  }
};

}  // namespace

std::vector<doc::Line> lines_in_reading_order(std::vector<Segment> segments) {
  std::erase_if(segments, [](const Segment& s) { return s.words.empty(); });
  std::sort(segments.begin(), segments.end(),
            [](const Segment& a, const Segment& b) { return centre_y(a.box) < centre_y(b.box); });
  std::vector<Row> rows;
  for (Segment& segment : segments) {
    const float y = centre_y(segment.box);
    Row* best = nullptr;
    float best_distance = 0;
    // Rows are created top to bottom; only the last few can still be near a segment further down.
    for (std::size_t i = rows.size(); i-- > 0 && rows.size() - i <= 4;) {
      float d = std::abs(rows[i].centre() - y);
      float limit = 0.5f * static_cast<float>(std::min(segment.box.height(), rows[i].median_height()));
      if (d < limit && (best == nullptr || d < best_distance)) best = &rows[i], best_distance = d;
    }
    if (best == nullptr) {
      rows.emplace_back();
      best = &rows.back();
    }
    best->add(std::move(segment));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.centre() < b.centre(); });
  std::vector<doc::Line> lines;
  for (Row& row : rows) {
    std::sort(row.segments.begin(), row.segments.end(),
              [](const Segment& a, const Segment& b) { return a.box.x0 < b.box.x0; });
    doc::Line line;
    for (Segment& s : row.segments) {
      for (doc::Word& w : s.words) {
        line.box = line.box.united(w.box);
        line.words.push_back(std::move(w));
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace textra::ocr::ppocr
