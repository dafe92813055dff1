// Word breaks from Tesseract's reading of a line. PP-OCR's recogniser often leaves out a narrow space next to
// punctuation ("ICE:001853220000025-CNSS:4528876" where the page prints "ICE : 001853220000025 - CNSS : ..."),
// and a value glued to its label is not a word of its own (the field-value ceiling and the extractor both
// work on words). Where Tesseract's reading of the same crop has a space between two characters that are
// aligned with two consecutive characters of one PP-OCR word, that word is cut there, when the cut sits next
// to punctuation: Tesseract's spaces between two letters or two digits were wrong about as often as right
// (docs/ocr.md, Fusion).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace textra::ocr::fusion {

// For each of PP-OCR's words (`ours`), the offsets in code points (ascending, 0 < offset < length) where it is
// cut, given Tesseract's words (`theirs`) of the same line.
std::vector<std::vector<std::size_t>> word_breaks(const std::vector<std::string>& ours,
                                                  const std::vector<std::string>& theirs);

// A word cut at the offsets word_breaks() gave (no offsets: the word itself).
std::vector<std::string> cut_word(const std::string& word, const std::vector<std::size_t>& offsets);

}  // namespace textra::ocr::fusion
