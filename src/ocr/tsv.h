// Tab-separated words, one per row, for spreadsheets and scripts:
//   file  page  line  word  x0  y0  x1  y1  confidence  text
// page, line and word are 1-based; word counts through the page (word id + 1); boxes in page pixels
// (x1/y1 exclusive); confidence 0..1 with 3 decimals. Tabs and newlines inside a text become spaces.
#pragma once

#include <string>

#include "doc/document.h"

namespace textra::ocr {

std::string tsv_header();  // the column names line, ending in '\n'
std::string to_tsv_rows(const doc::Document& document);

}  // namespace textra::ocr
