#include "ocr/fusion_page.h"

#include <algorithm>
#include <cmath>

#include "base/utf8.h"
#include "ocr/fusion_rules.h"
#include "ocr/fusion_word_breaks.h"

namespace textra::ocr::fusion {
namespace {

std::vector<std::string> texts(const std::vector<doc::Word>& words) {
  std::vector<std::string> out;
  for (const doc::Word& w : words) out.push_back(w.text);
  return out;
}

// The median height of the page's lines that have words (the body text's size on most pages).
double median_height(const std::vector<ppocr::ReadLine>& lines) {
  std::vector<int> heights;
  for (const ppocr::ReadLine& line : lines) {
    if (!line.segment.words.empty()) heights.push_back(line.line.height);
  }
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

// A word cut at character offsets: each piece gets the slice of the word's box that its share of the
// characters takes along the line's reading direction (the recogniser's per-character frames are not kept,
// and the characters of one word are close enough in width for a box that shows where a value is).
std::vector<doc::Word> cut_on_page(const doc::Word& word, const std::vector<std::size_t>& offsets,
                                   const ppocr::OrientedQuad& line) {
  if (offsets.empty()) return {word};
  const std::vector<std::string> pieces = cut_word(word.text, offsets);
  const double length = static_cast<double>(utf8::length(word.text));
  const ppocr::Point along{line.quad[1].x - line.quad[0].x, line.quad[1].y - line.quad[0].y};
  const bool horizontal = std::abs(along.x) >= std::abs(along.y);
  const bool reversed = horizontal ? along.x < 0 : along.y < 0;
  const int start = horizontal ? word.box.x0 : word.box.y0, span = horizontal ? word.box.width() : word.box.height();
  std::vector<doc::Word> out;
  std::size_t first = 0;
  for (const std::string& text : pieces) {
    const std::size_t last = first + utf8::length(text);
    double from = static_cast<double>(first) / length, to = static_cast<double>(last) / length;
    if (reversed) from = 1 - from, to = 1 - to, std::swap(from, to);
    doc::Word piece{text, word.box, word.confidence};
    (horizontal ? piece.box.x0 : piece.box.y0) = start + static_cast<int>(std::lround(from * span));
    (horizontal ? piece.box.x1 : piece.box.y1) = start + static_cast<int>(std::lround(to * span));
    out.push_back(std::move(piece));
    first = last;
  }
  return out;
}

// PP-OCR's words with Tesseract's letters restored and cut at Tesseract's breaks.
std::vector<doc::Word> merged_words(std::vector<doc::Word> ours, const std::vector<doc::Word>& theirs,
                                    const ppocr::OrientedQuad& line) {
  std::vector<std::string> restored = restore_letters(texts(ours), texts(theirs));
  for (std::size_t i = 0; i < ours.size(); ++i) ours[i].text = std::move(restored[i]);
  const std::vector<std::vector<std::size_t>> breaks = word_breaks(texts(ours), texts(theirs));
  std::vector<doc::Word> out;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    for (doc::Word& piece : cut_on_page(ours[i], breaks[i], line)) out.push_back(std::move(piece));
  }
  return out;
}

// Tesseract's words with their crop boxes mapped onto the page through the line's quad.
std::vector<doc::Word> on_page(std::vector<doc::Word> words, const ppocr::OrientedQuad& line) {
  for (doc::Word& w : words) {
    w.box = ppocr::page_box(line, static_cast<float>(w.box.x0), static_cast<float>(std::max(w.box.x0 + 1, w.box.x1)));
  }
  return words;
}

}  // namespace

Result<std::vector<doc::Line>> fuse_page(std::vector<ppocr::ReadLine> lines, const Reread& reread,
                                         const LineChoice& choice) {
  std::vector<std::string> page_words;
  for (const ppocr::ReadLine& line : lines) {
    for (const doc::Word& w : line.segment.words) page_words.push_back(w.text);
  }
  // Only French pages hold the letters PP-OCR lacks; English and Malay receipts are left to PP-OCR alone.
  const bool french = looks_french(page_words);
  const double median = median_height(lines);
  std::vector<ppocr::Segment> segments;
  for (ppocr::ReadLine& line : lines) {
    std::vector<doc::Word>& ours = line.segment.words;
    if (french && may_need_letters(texts(ours))) {
      TEXTRA_ASSIGN_OR_RETURN(std::vector<doc::Word> theirs, reread(line));
      if (takes_tesseract_line(choice, line.line.height, median, ours, theirs)) {
        ours = on_page(std::move(theirs), line.line);
        line.segment.box = {};
        for (const doc::Word& w : ours) line.segment.box = line.segment.box.united(w.box);
      } else {
        ours = merged_words(std::move(ours), theirs, line.line);
      }
    }
    segments.push_back(std::move(line.segment));
  }
  return ppocr::lines_in_reading_order(std::move(segments));
}

}  // namespace textra::ocr::fusion
