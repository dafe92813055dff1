#include "doc/document.h"

#include <algorithm>

namespace textra::doc {

Box Box::united(const Box& other) const {
  if (other.empty()) return *this;
  if (empty()) return other;
  return {std::min(x0, other.x0), std::min(y0, other.y0), std::max(x1, other.x1), std::max(y1, other.y1)};
}

const char* page_source_name(PageSource source) {
  return source == PageSource::kTextLayer ? "text_layer" : "ocr";
}

std::string Line::text() const {
  std::string out;
  for (const Word& w : words) {
    if (!out.empty()) out += ' ';
    out += w.text;
  }
  return out;
}

std::size_t Page::word_count() const {
  std::size_t n = 0;
  for (const Line& line : lines) n += line.words.size();
  return n;
}

void Page::for_each_word(const std::function<void(std::size_t, const Line&, const Word&)>& fn) const {
  std::size_t id = 0;
  for (const Line& line : lines) {
    for (const Word& word : line.words) fn(id++, line, word);
  }
}

const Word* Page::word_by_id(std::size_t id) const {
  for (const Line& line : lines) {
    if (id < line.words.size()) return &line.words[id];
    id -= line.words.size();
  }
  return nullptr;
}

std::string Page::text() const {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i].text();
  }
  return out;
}

std::string Document::text() const {
  std::string out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += '\f';
    out += pages[i].text();
  }
  return out;
}

}  // namespace textra::doc
