#include "ocr/scoring.h"

#include <gtest/gtest.h>

namespace textra::ocr {
namespace {

TEST(Scoring, NormalizesWithNfkcAndUpperCase) {
  // U+FB01 (fi ligature) decomposes under NFKC; é upper-cases to É.
  EXPECT_EQ(normalize_for_scoring("\xEF\xAC\x81" "ché"), U"FICHÉ");
}

TEST(Scoring, CerIgnoresWhiteSpaceAndCase) {
  EXPECT_DOUBLE_EQ(character_error_rate("total  amt\n60.31", "TOTAL AMT 60.31"), 0.0);
}

TEST(Scoring, CerCountsEditsOverTruthLength) {
  // "TOTAL" vs "T0TAL": one substitution over 5 characters; a missing character is one deletion.
  EXPECT_DOUBLE_EQ(character_error_rate("T0TAL", "TOTAL"), 0.2);
  EXPECT_DOUBLE_EQ(character_error_rate("TOTA", "TOTAL"), 0.2);
  EXPECT_DOUBLE_EQ(character_error_rate("", "TOTAL"), 1.0);
  EXPECT_DOUBLE_EQ(character_error_rate("", ""), 0.0);
}

TEST(Scoring, CerDependsOnOrder) {
  EXPECT_GT(character_error_rate("AMT TOTAL", "TOTAL AMT"), 0.0);
}

TEST(Scoring, WordScoresAreOrderFreeMultisets) {
  WordScores same = word_scores("amt total", "TOTAL AMT");
  EXPECT_DOUBLE_EQ(same.f1, 1.0);
  // OCR: RM RM 10.00 (3 words); truth: RM 10.00 10.00 (3 words); matched: RM once, 10.00 once.
  WordScores partial = word_scores("RM RM 10.00", "RM 10.00 10.00");
  EXPECT_DOUBLE_EQ(partial.precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(partial.recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(partial.f1, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(word_scores("", "TOTAL").f1, 0.0);
}

}  // namespace
}  // namespace textra::ocr
