// Crafted pages for the invoice-rule tests: words placed at given x positions on a line, 12 px per
// character, 20 px high, as OCR would report them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "doc/document.h"

namespace textra::extract::testing {

// Words starting at x0, one space (10 px) apart.
inline doc::Line line_at(int x0, int y, const std::vector<std::string>& words) {
  doc::Line l;
  int x = x0;
  for (const std::string& w : words) {
    doc::Box b{x, y, x + 12 * static_cast<int>(w.size()), y + 20};
    l.words.push_back({w, b, 0.9f});
    l.box = l.box.united(b);
    x = b.x1 + 10;
  }
  return l;
}

// One line made of cells, each (x, text): a text of several words keeps them one space apart.
inline doc::Line row(int y, const std::vector<std::pair<int, std::string>>& cells) {
  doc::Line l;
  for (const auto& [x, text] : cells) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) words.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    doc::Line cell = line_at(x, y, words);
    for (doc::Word& w : cell.words) l.words.push_back(std::move(w));
    l.box = l.box.united(cell.box);
  }
  return l;
}

inline doc::Document one_page(std::vector<doc::Line> lines, int width = 1600, int height = 2300) {
  doc::Page p;
  p.width = width;
  p.height = height;
  p.lines = std::move(lines);
  return {"x.png", "image/png", {p}};
}

}  // namespace textra::extract::testing
