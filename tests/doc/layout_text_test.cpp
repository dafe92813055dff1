#include <gtest/gtest.h>

#include "doc/layout_text.h"

namespace textra::doc {
namespace {

// Words 10 px per character, 20 px tall, at the given x and row y.
Word word(const std::string& text, int x, int y) {
  return {text, {x, y, x + 10 * static_cast<int>(text.size()), y + 20}, 0.9f};
}

Line line(std::vector<Word> words) {
  Line l;
  for (const Word& w : words) l.box = l.box.united(w.box);
  l.words = std::move(words);
  return l;
}

TEST(LayoutText, PlacesWordsByTheirXPosition) {
  Page page;
  page.lines = {line({word("Designation", 100, 100), word("Qte", 300, 100), word("Montant", 400, 100)}),
                line({word("Maintenance", 100, 125), word("1", 320, 125), word("850,00", 410, 125)})};
  EXPECT_EQ(layout_text(page),
            "Designation         Qte       Montant\n"
            "Maintenance           1        850,00");
}

TEST(LayoutText, MergesSeparateLinesOnOneRowLabelThenValue) {
  // OCR returned the label column and the value column as separate blocks: values come last.
  Page page;
  page.lines = {line({word("Total", 100, 100)}), line({word("TVA", 100, 125)}),
                line({word("120,00", 500, 101)}), line({word("20,00", 510, 126)})};
  EXPECT_EQ(layout_text(page),
            "Total                                   120,00\n"
            "TVA                                      20,00");
}

TEST(LayoutText, OverlappingWordsKeepOneSpace) {
  Page page;
  page.lines = {line({word("ABCDEFGH", 0, 0), word("X", 30, 0)})};
  EXPECT_EQ(layout_text(page), "ABCDEFGH X");
}

TEST(LayoutText, WordsOfALargeFontPhraseKeepSingleSpaces) {
  // A title at twice the body's character width: by x alone "DUVAL" would land 15 cells to the right.
  Page page;
  page.lines = {line({{"ATELIER", {0, 0, 140, 40}, 1.0f}, {"DUVAL", {155, 0, 255, 40}, 1.0f}}),
                line({word("rue", 0, 50), word("des", 40, 50), word("Tanneurs", 80, 50)})};
  EXPECT_EQ(layout_text(page), "ATELIER DUVAL\nrue des Tanneurs");
}

TEST(LayoutText, LargeVerticalGapsBecomeBlankLinesUpToTheLimit) {
  Page page;
  page.lines = {line({word("A", 0, 0)}), line({word("B", 0, 25)}), line({word("C", 0, 90)}),
                line({word("D", 0, 1000)})};
  EXPECT_EQ(layout_text(page), "A\nB\n\n\nC\n\n\nD");
  LayoutOptions tight;
  tight.max_blank_lines = 0;
  EXPECT_EQ(layout_text(page, tight), "A\nB\nC\nD");
}

TEST(LayoutText, WidePagesAreCompressedToTheMaximumWidth) {
  Page page;
  page.lines = {line({word("left", 0, 0), word("right", 5000, 0)})};
  LayoutOptions narrow;
  narrow.max_width = 50;
  const std::string text = layout_text(page, narrow);
  EXPECT_LE(text.size(), 56u);
  EXPECT_EQ(text.substr(0, 5), "left ");
  EXPECT_EQ(text.substr(text.size() - 5), "right");
}

TEST(LayoutText, CountsCharactersNotBytes) {
  Page page;
  page.lines = {line({{"Qté", {0, 0, 30, 20}, 1.0f}, {"€", {40, 0, 50, 20}, 1.0f}})};
  EXPECT_EQ(layout_text(page), "Qté €");
}

TEST(LayoutText, DocumentPagesAreSeparatedByAFormFeed) {
  Document document;
  document.pages.resize(2);
  document.pages[0].lines = {line({word("one", 0, 0)})};
  document.pages[1].lines = {line({word("two", 0, 0)})};
  EXPECT_EQ(layout_text(document), "one\n\f\ntwo");
  EXPECT_EQ(layout_text(Page{}), "");
}

}  // namespace
}  // namespace textra::doc
