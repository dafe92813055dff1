#include "ner/segments.h"

#include <algorithm>
#include <cmath>

namespace textra::ner {

std::vector<doc::Word> words_in_box(const std::string& text, const doc::Box& box) {
  std::vector<doc::Word> words;
  const double chars = std::max<std::size_t>(1, text.size());
  const double width = box.width();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t start = 0;
  while (start < text.size()) {
    if (space(text[start])) {
      ++start;
      continue;
    }
    std::size_t end = start;
    while (end < text.size() && !space(text[end])) ++end;
    doc::Word w;
    w.text = text.substr(start, end - start);
    w.box = {box.x0 + static_cast<int>(std::lround(width * start / chars)), box.y0,
             box.x0 + static_cast<int>(std::lround(width * end / chars)), box.y1};
    words.push_back(std::move(w));
    start = end;
  }
  return words;
}

std::vector<Segment> label_runs(const doc::Page& page, const std::vector<std::string>& labels) {
  std::vector<Segment> runs;
  std::size_t id = 0;
  for (const doc::Line& line : page.lines) {
    for (std::size_t k = 0; k < line.words.size(); ++k, ++id) {
      const std::string& label = id < labels.size() ? labels[id] : std::string();
      if (k == 0 || runs.back().label != label) {
        runs.push_back({line.words[k].box, line.words[k].text, label});
      } else {
        runs.back().box = runs.back().box.united(line.words[k].box);
        runs.back().text += " " + line.words[k].text;
      }
    }
  }
  return runs;
}

LabelledPage page_from_segments(std::string id, std::vector<Segment> segments, int width, int height) {
  std::stable_sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) { return a.box.y0 < b.box.y0; });
  // Rows: a segment joins the current row when it overlaps the row's first segment by half its height.
  std::vector<std::vector<Segment>> rows;
  for (Segment& s : segments) {
    if (!rows.empty()) {
      const doc::Box& first = rows.back().front().box;
      // 64-bit: boxes of imported files are not bounded by an image we decoded.
      long long overlap = static_cast<long long>(std::min(first.y1, s.box.y1)) - std::max(first.y0, s.box.y0);
      long long lower = std::min(static_cast<long long>(first.y1) - first.y0, static_cast<long long>(s.box.y1) - s.box.y0);
      if (overlap * 2 >= lower && overlap > 0) {
        rows.back().push_back(std::move(s));
        continue;
      }
    }
    rows.push_back({std::move(s)});
  }
  LabelledPage out{std::move(id), {}, {}};
  out.page.width = width;
  out.page.height = height;
  for (auto& row : rows) {
    std::stable_sort(row.begin(), row.end(), [](const Segment& a, const Segment& b) { return a.box.x0 < b.box.x0; });
    for (const Segment& s : row) {
      doc::Line line{s.box, words_in_box(s.text, s.box)};
      if (line.words.empty()) continue;
      out.labels.insert(out.labels.end(), line.words.size(), s.label);
      out.page.lines.push_back(std::move(line));
    }
  }
  return out;
}

}  // namespace textra::ner
