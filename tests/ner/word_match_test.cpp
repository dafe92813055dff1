#include <gtest/gtest.h>

#include "ner/word_match.h"

namespace textra::ner {
namespace {

TEST(WordMatch, ApproximateSubstring) {
  auto m = best_substring_match("XXBOOKTAKTAMANDAYASDNBNDYY", "BOOKTAKTAMANDAYASDNBHD");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->begin, 2u);
  EXPECT_EQ(m->end, 24u);
  EXPECT_EQ(m->distance, 1);
  EXPECT_FALSE(best_substring_match("", "A").has_value());
}

TEST(WordMatch, FuzzyFindCoversWordsAndPunctuationBetweenThem) {
  MatchIndex index({"TEL:", "BOOK", "TA", ".K(TAMAN", "DAYA)", "&", "SDN", "BND", "RECEIPT"});
  EXPECT_EQ(fuzzy_find(index, "BOOK TA .K (TAMAN DAYA) & SDN BHD", 0.2),
            (std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7}));
  EXPECT_TRUE(fuzzy_find(index, "SOMETHING ELSE ENTIRELY", 0.2).empty());
}

TEST(WordMatch, ExactOccurrencesRespectDigitRunsInsideWords) {
  MatchIndex index({"19/10/2018", "20:49:59", "TOTAL", "19:00", "DATE:19/10/2018"});
  auto found = exact_find_all(index, "19/10/2018");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], std::vector<std::size_t>{0});
  EXPECT_EQ(found[1], std::vector<std::size_t>{4});  // 8 of its 12 characters
  EXPECT_TRUE(exact_find_all(index, "9:00").empty());  // "900" sits inside the digit run "1900"
}

}  // namespace
}  // namespace textra::ner
