#include "extract/totals_decoder.h"

#include <gtest/gtest.h>

#include "extract/total_candidates.h"
#include "page_builder.h"

namespace textra::extract {
namespace {

TotalCandidate cand(TotalRole role, double value, double evidence, std::size_t word) {
  TotalCandidate c{role, value, evidence, std::to_string(value), {}};
  c.source.words = {word};
  return c;
}

// The decoder chose all three totals, with these values.
void expect_triple(const TotalsChoice& t, double ht, double tva, double ttc) {
  ASSERT_TRUE(t.ht && t.tva && t.ttc);
  EXPECT_DOUBLE_EQ(t.ht->value, ht);
  EXPECT_DOUBLE_EQ(t.tva->value, tva);
  EXPECT_DOUBLE_EQ(t.ttc->value, ttc);
}

TEST(TotalsDecoder, ConsistentTripleWinsOverHigherScoredInconsistentOnes) {
  // The most confident HT is a line amount (175); the triple 690 + 138 = 828 adds up with TVA = 20 %.
  std::vector<TotalCandidate> c = {cand(TotalRole::kHt, 175, 0.95, 1), cand(TotalRole::kHt, 690, 0.5, 2),
                                   cand(TotalRole::kTva, 138, 0.6, 3), cand(TotalRole::kTtc, 828, 0.6, 4),
                                   cand(TotalRole::kTtc, 1000, 0.9, 5)};
  TotalsChoice t = decode_totals(c);
  ASSERT_NO_FATAL_FAILURE(expect_triple(t, 690, 138, 828));
  EXPECT_NE(t.reason.find("total_ht + total_tva = total_ttc"), std::string::npos) << t.reason;
  EXPECT_NE(t.reason.find("20 %"), std::string::npos) << t.reason;
}

TEST(TotalsDecoder, MoroccanRateAndRoundingToTheCent) {
  // 14 % (Morocco): 1 234,57 x 0.14 = 172.84; 1234.57 + 172.84 = 1407.41.
  std::vector<TotalCandidate> c = {cand(TotalRole::kHt, 1234.57, 0.4, 1), cand(TotalRole::kTva, 172.84, 0.4, 2),
                                   cand(TotalRole::kTtc, 1407.41, 0.4, 3), cand(TotalRole::kTtc, 1234.57, 0.8, 4)};
  TotalsChoice t = decode_totals(c);
  ASSERT_TRUE(t.ttc);
  EXPECT_DOUBLE_EQ(t.ttc->value, 1407.41);
  EXPECT_NE(t.reason.find("14 %"), std::string::npos) << t.reason;
}

TEST(TotalsDecoder, AnAmountWithoutEvidenceCompletesTheSum) {
  // HT and TTC were labelled; the TVA amount was not, but is printed on the page.
  std::vector<TotalCandidate> c = {cand(TotalRole::kHt, 3900, 0.8, 1), cand(TotalRole::kTtc, 4680, 0.8, 2),
                                   cand(TotalRole::kTva, 780, 0.05, 3), cand(TotalRole::kTva, 3900, 0.05, 1),
                                   cand(TotalRole::kTva, 12.5, 0.05, 4)};
  TotalsChoice t = decode_totals(c);
  ASSERT_TRUE(t.tva);
  EXPECT_EQ(t.tva->value, 780);
}

TEST(TotalsDecoder, AVatRateRecoversAnUnlabelledBase) {
  // "TVA 20 % 3 900,00 DH 780,00 DH": the CRF took the base for the TVA; the label gave 780, and
  // 780 = 20 % of an amount printed on the page.
  std::vector<TotalCandidate> c = {cand(TotalRole::kTva, 3900, 0.9, 1), cand(TotalRole::kTva, 780, 0.6, 2),
                                   cand(TotalRole::kHt, 3900, 0.05, 1), cand(TotalRole::kHt, 55, 0.05, 3)};
  TotalsChoice t = decode_totals(c);
  ASSERT_TRUE(t.tva && t.ht);
  EXPECT_EQ(t.tva->value, 780);
  EXPECT_EQ(t.ht->value, 3900);
  EXPECT_NE(t.reason.find("20 %"), std::string::npos) << t.reason;
}

TEST(TotalsDecoder, AmountsWithoutEvidenceAloneChooseNothingUnlessBothRulesHold) {
  // 100 + 20 = 120 but 20 is no VAT rate of 100 x 1.2: nothing (table cells add up by chance).
  std::vector<TotalCandidate> c = {cand(TotalRole::kHt, 100, 0.05, 1), cand(TotalRole::kTva, 21, 0.05, 2),
                                   cand(TotalRole::kTtc, 121, 0.05, 3)};
  TotalsChoice t = decode_totals(c);
  EXPECT_FALSE(t.ht || t.tva || t.ttc);
}

TEST(TotalsDecoder, TheLargestUnlabelledTripleWhereNoLabelledCombinationHolds) {
  // The labels were not read; printed amounts: a VAT breakdown line (1 000 + 200 = 1 200) and the totals
  // (3 191,67 + 638,33 = 3 830,00, 20 %); the only labelled amount (4 500, under a "Montant TTC" column) fits nothing.
  std::vector<TotalCandidate> c;
  std::size_t word = 1;
  for (double v : {1000.0, 200.0, 1200.0, 3191.67, 638.33, 3830.0}) {
    for (TotalRole role : {TotalRole::kHt, TotalRole::kTva, TotalRole::kTtc}) c.push_back(cand(role, v, 0.05, word));
    ++word;
  }
  c.push_back(cand(TotalRole::kTtc, 4500, 0.24, word));
  TotalsChoice t = decode_totals(c);
  ASSERT_NO_FATAL_FAILURE(expect_triple(t, 3191.67, 638.33, 3830.0));
  EXPECT_NE(t.reason.find("without their labels"), std::string::npos) << t.reason;
  // A labelled triple that holds is kept.
  c.push_back(cand(TotalRole::kHt, 1000, 0.7, 1));
  c.push_back(cand(TotalRole::kTtc, 1200, 0.7, 3));
  t = decode_totals(c);
  ASSERT_TRUE(t.ht && t.ttc);
  EXPECT_DOUBLE_EQ(t.ttc->value, 1200.0);
}

TEST(TotalsDecoder, WithoutAConsistentCombinationEachTotalKeepsItsBestCandidate) {
  std::vector<TotalCandidate> c = {cand(TotalRole::kHt, 100, 0.9, 1), cand(TotalRole::kHt, 90, 0.3, 2),
                                   cand(TotalRole::kTtc, 333, 0.8, 3)};
  TotalsChoice t = decode_totals(c);
  ASSERT_TRUE(t.ht && t.ttc);
  EXPECT_EQ(t.ht->value, 100);
  EXPECT_EQ(t.ttc->value, 333);
  EXPECT_FALSE(t.tva);
  EXPECT_NE(t.reason.find("no combination adds up"), std::string::npos);
}

TEST(TotalsDecoder, TtcBelowTheAmountDueIsRejected) {
  std::vector<TotalCandidate> c = {cand(TotalRole::kTtc, 50, 0.9, 1), cand(TotalRole::kTtc, 500, 0.5, 2)};
  TotalsChoice t = decode_totals(c, 400.0);
  ASSERT_TRUE(t.ttc);
  EXPECT_EQ(t.ttc->value, 500);
}

TEST(TotalsDecoder, OnePrintedAmountIsNeverTwoTotals) {
  // TVA 0: HT = TTC as values, but one printed word cannot be both.
  std::vector<TotalCandidate> c = {cand(TotalRole::kHt, 500, 0.9, 1), cand(TotalRole::kTtc, 500, 0.9, 1)};
  TotalsChoice t = decode_totals(c);
  EXPECT_TRUE(static_cast<bool>(t.ht) != static_cast<bool>(t.ttc));
}

TEST(TotalCandidates, KeywordLinesAndTablesGiveEvidence) {
  using testing::row;
  // A totals block: labels left, amounts right; then a table whose labels head the columns.
  doc::Document d = testing::one_page({
      row(100, {{100, "Désignation"}, {900, "Qté"}, {1300, "Montant HT"}}),
      row(140, {{100, "Audit"}, {900, "1"}, {1300, "175,00"}}),
      row(1500, {{900, "Total HT"}, {1300, "690,00"}}),
      row(1540, {{900, "TVA 20 %"}, {1300, "138,00"}}),
      row(1580, {{900, "Net à payer"}, {1300, "828,00 €"}}),
  });
  TotalsChoice t = decode_totals(total_candidates(d, {}, {}));
  ASSERT_NO_FATAL_FAILURE(expect_triple(t, 690, 138, 828));
  EXPECT_EQ(t.ttc->raw, "828,00 €");
  EXPECT_EQ(t.ttc->source.words.size(), 2u);
  auto due = printed_amount_due(d, {});
  ASSERT_TRUE(due);
  EXPECT_EQ(due->value, 828);
}

}  // namespace
}  // namespace textra::extract
