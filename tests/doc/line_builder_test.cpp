#include <gtest/gtest.h>

#include "doc/line_builder.h"

namespace textra::doc {
namespace {

Word word(const char* text, int x0, int y0, int x1, int y1) { return {text, {x0, y0, x1, y1}, 1.0f}; }

TEST(SameRow, NeedsHalfTheSmallerHeight) {
  EXPECT_TRUE(same_row({0, 100, 10, 120}, {50, 105, 60, 125}));   // 15 of 20
  EXPECT_TRUE(same_row({0, 100, 10, 140}, {50, 110, 60, 120}));   // small word inside a tall one
  EXPECT_FALSE(same_row({0, 100, 10, 120}, {50, 115, 60, 135}));  // 5 of 20
  EXPECT_FALSE(same_row({0, 100, 10, 100}, {0, 100, 10, 120}));   // an empty box is on no row
}

TEST(GroupWordsIntoLines, ReadingOrderTopToBottomLeftToRight) {
  // Shuffled: the value of a row first, as a PDF that stores columns separately would give it.
  std::vector<Word> words = {word("120,00", 400, 202, 460, 220), word("Facture", 10, 10, 100, 40),
                             word("Total", 10, 200, 60, 220),    word("TTC", 70, 201, 100, 221),
                             word("N°7", 110, 12, 150, 40)};
  std::vector<Line> lines = group_words_into_lines(words);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text(), "Facture N°7");
  EXPECT_EQ(lines[1].text(), "Total TTC 120,00");
  EXPECT_EQ(lines[1].box, (Box{10, 200, 460, 221}));
}

TEST(GroupWordsIntoLines, ATallWordDoesNotSwallowTheNextRow) {
  std::vector<Word> words = {word("LOGO", 10, 0, 200, 60), word("Name", 220, 20, 280, 40),
                             word("Street", 220, 50, 300, 70), word("1", 310, 50, 320, 70)};
  std::vector<Line> lines = group_words_into_lines(words);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text(), "LOGO Name");
  EXPECT_EQ(lines[1].text(), "Street 1");
}

TEST(GroupWordsIntoLines, NoWordsNoLines) { EXPECT_TRUE(group_words_into_lines({}).empty()); }

}  // namespace
}  // namespace textra::doc
