#include "ocr/tsv.h"

#include <cstdio>

namespace textra::ocr {
namespace {

std::string cell(std::string text) {
  for (char& c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

std::string tsv_header() { return "file\tpage\tline\tword\tx0\ty0\tx1\ty1\tconfidence\ttext\n"; }

std::string to_tsv_rows(const doc::Document& document) {
  std::string out;
  const std::string file = cell(document.file);
  for (const doc::Page& page : document.pages) {
    int line_number = 0;
    const doc::Line* previous = nullptr;
    page.for_each_word([&](std::size_t id, const doc::Line& line, const doc::Word& word) {
      if (&line != previous) ++line_number;
      previous = &line;
      char numbers[160];
      std::snprintf(numbers, sizeof numbers, "\t%d\t%d\t%zu\t%d\t%d\t%d\t%d\t%.3f\t", page.index + 1, line_number,
                    id + 1, word.box.x0, word.box.y0, word.box.x1, word.box.y1, word.confidence);
      out += file;
      out += numbers;
      out += cell(word.text);
      out += '\n';
    });
  }
  return out;
}

}  // namespace textra::ocr
