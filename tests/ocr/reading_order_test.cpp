#include "ocr/reading_order.h"

#include <gtest/gtest.h>

namespace textra::ocr {
namespace {

doc::Line line(const std::string& text, doc::Box box) {
  doc::Line l;
  l.box = box;
  l.words.push_back({text, box, 1.0f});
  return l;
}

std::vector<std::string> texts(const std::vector<doc::Line>& lines) {
  std::vector<std::string> out;
  for (const doc::Line& l : lines) out.push_back(l.text());
  return out;
}

TEST(ReadingOrder, LabelColumnAndValueColumnBecomeRows) {
  // Tesseract's block order: the labels' column, then the values' column.
  std::vector<doc::Line> lines = {line("TOTAL", {10, 100, 80, 120}), line("CASH", {10, 130, 70, 150}),
                                  line("60.31", {300, 102, 360, 121}), line("70.00", {300, 131, 360, 150})};
  sort_lines_by_rows(lines);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"TOTAL", "60.31", "CASH", "70.00"}));
}

TEST(ReadingOrder, SlightlyOverlappingRowsStaySeparate) {
  // A skewed scan: the right part of row 1 dips into row 2 by a few pixels only.
  std::vector<doc::Line> lines = {line("B", {10, 118, 50, 138}), line("A", {200, 100, 260, 122})};
  sort_lines_by_rows(lines);
  EXPECT_EQ(texts(lines), (std::vector<std::string>{"A", "B"}));
}

TEST(ReadingOrder, EmptyInputIsFine) {
  std::vector<doc::Line> lines;
  sort_lines_by_rows(lines);
  EXPECT_TRUE(lines.empty());
}

}  // namespace
}  // namespace textra::ocr
