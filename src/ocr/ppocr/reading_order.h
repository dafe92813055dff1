// Reading order for detected text segments: segments whose vertical centres are close form one row (one
// doc::Line, its words left to right), rows top to bottom, as the Tesseract engine's pages read: a label
// and its value on one receipt row end up on one line.
#pragma once

#include <vector>

#include "doc/document.h"

namespace textra::ocr::ppocr {

// One recognised segment: its words (boxes in page pixels) in reading order within the segment.
struct Segment {
  doc::Box box;
  std::vector<doc::Word> words;
};

// Segments without words are dropped. A segment joins the row whose mean vertical centre is nearest to its
// own, when that distance is under half the smaller of its height and the row's median height.
std::vector<doc::Line> lines_in_reading_order(std::vector<Segment> segments);

}  // namespace textra::ocr::ppocr
