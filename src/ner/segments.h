// Pages from labelled text segments (boxes with text and one label each), the unit of the original
// Textra format and of Label Studio OCR regions: segments are put in reading order (rows top to
// bottom, left to right within a row), each becomes a line, and its words share its box in proportion
// to their character counts. Every word takes its segment's label.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"
#include "ner/dataset.h"

namespace textra::ner {

struct Segment {
  doc::Box box;       // pixels
  std::string text;
  std::string label;  // "" = outside
};

// Splits text on white space into words sharing box in proportion to characters (spaces included).
std::vector<doc::Word> words_in_box(const std::string& text, const doc::Box& box);

// The other way: runs of words with the same label within each line, in reading order.
std::vector<Segment> label_runs(const doc::Page& page, const std::vector<std::string>& labels);

LabelledPage page_from_segments(std::string id, std::vector<Segment> segments, int width, int height);

}  // namespace textra::ner
