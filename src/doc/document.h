// The document model every module shares: Document -> Page -> Line -> Word.
// Coordinates are page pixels (origin top-left, x right, y down); for text-layer PDF pages, pixels at the
// page's dpi. Words are in reading order; a word's index within its page (counting through the lines in
// order) is its id, which provenance ("source.words") refers to.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace textra::doc {

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x1/y1 exclusive

  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  Box united(const Box& other) const;  // smallest box holding both (an empty box is ignored)
  bool operator==(const Box&) const = default;
};

struct Word {
  std::string text;         // UTF-8
  Box box;
  float confidence = 1.0f;  // 0..1; 1 for text-layer words
  bool operator==(const Word&) const = default;
};

struct Line {
  Box box;
  std::vector<Word> words;
  std::string text() const;  // words joined by one space
  bool operator==(const Line&) const = default;
};

enum class PageSource { kTextLayer, kOcr };
const char* page_source_name(PageSource source);

struct Page {
  int index = 0;  // 0-based position in the document
  int width = 0, height = 0;
  int dpi = 0;    // 0 when unknown
  PageSource source = PageSource::kOcr;
  int rotation = 0;  // degrees the page was turned before OCR (0, 90, 180, 270)
  std::vector<Line> lines;

  std::size_t word_count() const;
  // Calls fn(word_id, line, word) for every word in reading order.
  void for_each_word(const std::function<void(std::size_t, const Line&, const Word&)>& fn) const;
  const Word* word_by_id(std::size_t id) const;
  std::string text() const;  // lines joined by '\n'
  bool operator==(const Page&) const = default;
};

struct Document {
  std::string file;  // the path or name it was read from
  std::string type;  // detected content type, e.g. "image/png", "application/pdf"
  std::vector<Page> pages;

  std::string text() const;  // pages joined by form feed '\f'
  bool operator==(const Document&) const = default;
};

}  // namespace textra::doc
