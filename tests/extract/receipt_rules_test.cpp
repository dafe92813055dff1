// The receipt total rules (extract/receipt_total.h) on crafted receipts.
#include <gtest/gtest.h>

#include "extract/receipt_total.h"
#include "page_builder.h"

namespace textra::extract {
namespace {

using testing::line_at;
using testing::one_page;
using testing::row;

const fields::NormalizeOptions kEnglish = fields::normalize_options_for_language("en");

doc::Page page_of(std::vector<doc::Line> lines) { return one_page(std::move(lines)).pages.front(); }

// The total the rules read on the lines, or -1 when none.
double total_of(std::vector<doc::Line> lines, std::optional<double> model = std::nullopt) {
  auto total = receipt_total(page_of(std::move(lines)), kEnglish.amounts, model);
  return total ? total->value : -1;
}

TEST(ReceiptTotal, PaidMinusChangeFindsTheRoundedTotalPrintedWithoutLabel) {
  std::vector<doc::Line> lines = {row(100, {{10, "TOTAL AMT. RM"}, {300, "60.31"}}),
                                  row(130, {{10, "ROUNDING ADJ."}, {300, "-0.01"}}),
                                  row(160, {{200, "RM"}, {300, "60.30"}}),
                                  row(190, {{10, "CASH.. RM"}, {300, "70.30"}}),
                                  row(220, {{10, "CHANGE RM"}, {300, "10.00"}})};
  auto total = receipt_total(page_of(lines), kEnglish.amounts);
  ASSERT_TRUE(total);
  EXPECT_DOUBLE_EQ(total->value, 60.30);
  EXPECT_TRUE(total->checked);
  EXPECT_EQ(total->raw, "60.30");
}

TEST(ReceiptTotal, PaidMinusChangeOverridesTheModel) {
  // The model took the change for the total; paid - change = 33.90 is printed on the "TOTAL ROUNDED" line.
  std::vector<doc::Line> lines = {row(100, {{10, "TOTAL RM"}, {300, "33.92"}}),
                                  row(130, {{10, "TOTAL ROUNDED RM"}, {300, "33.90"}}),
                                  row(160, {{10, "CASH RM"}, {300, "50.00"}}),
                                  row(190, {{10, "CHANGE RM"}, {300, "16.10"}})};
  auto schema = fields::builtin_schema("receipt");
  ASSERT_TRUE(schema.is_ok());
  fields::Extraction e = fields::new_extraction(*schema, "x.png", {"ner", "m", "1"});
  *e.fields.at("total") = fields::FieldNode::leaf({16.10, "16.10", 0.9, std::nullopt});
  fill_receipt_total(one_page(lines), *schema, kEnglish, e);
  EXPECT_DOUBLE_EQ(e.fields.at("total")->value.value.get<double>(), 33.90);
  ASSERT_TRUE(e.fields.at("total")->value.source);
  EXPECT_EQ(e.fields.at("total")->value.source->words, (std::vector<std::size_t>{6}));  // "33.90" of line 2
}

TEST(ReceiptTotal, WithoutChangeTheLastTotalLineAboveThePayment) {
  // Subtotal, tax and percentage lines are parts of the total; the OCR's "AI" is noise on the total line.
  std::vector<doc::Line> lines = {row(100, {{10, "SUB-TOTAL (EX)"}, {300, "26.00"}}),
                                  row(130, {{10, "TOTAL TAX :"}, {300, "1.56"}}),
                                  row(160, {{10, "Total 0% supplies:"}, {300, "9.36"}}),
                                  row(190, {{10, "TOTAL AI"}, {300, "27.55"}}),
                                  row(220, {{10, "CASH"}, {300, "30.00"}}),
                                  row(250, {{10, "TOTAL :"}, {200, "26.00"}, {300, "1.56"}})};
  EXPECT_DOUBLE_EQ(total_of(lines), 27.55);
}

TEST(ReceiptTotal, ModelKeptWhenItsValueIsOnATotalLine) {
  std::vector<doc::Line> lines = {row(100, {{10, "Total Sales (Incl GST)"}, {300, "5.00"}}),
                                  row(130, {{10, "Total Payable"}, {300, "5.30"}})};
  EXPECT_DOUBLE_EQ(total_of(lines, 5.00), 5.00);
  EXPECT_DOUBLE_EQ(total_of(lines, 9.99), 5.30);  // the model's value is on no total line
  EXPECT_DOUBLE_EQ(total_of(lines), 5.30);
}

TEST(ReceiptTotal, MisreadTotalWordAndAmountsCutAtTheDecimalPoint) {
  EXPECT_DOUBLE_EQ(total_of({row(100, {{10, "Totsl"}, {300, "12.37"}})}), 12.37);
  EXPECT_DOUBLE_EQ(total_of({row(100, {{10, "Total After Rounding"}, {300, "39. 90"}})}), 39.90);
  EXPECT_DOUBLE_EQ(total_of({row(100, {{10, "Net Total"}, {300, "RM28 .05"}})}), 28.05);
  // Not a total: a quantity, an item count, no amount with cents.
  EXPECT_EQ(total_of({row(100, {{10, "Total Qty"}, {300, "2.00"}}), row(130, {{10, "Total items"}, {300, "3"}})}), -1);
}

TEST(ReceiptTotal, AmountGluedToItsLabelOrCurrency) {
  std::vector<doc::Line> lines = {row(100, {{10, "Total (Incl GST)"}, {300, "RM21.83"}}),
                                  row(130, {{10, "Grand"}, {200, "TotaRM21.85"}}),
                                  row(160, {{10, "Total Paid"}, {300, "RM50.00"}}),
                                  row(190, {{10, "Change"}, {300, "RM28.15"}})};
  EXPECT_DOUBLE_EQ(total_of(lines), 21.85);
  EXPECT_DOUBLE_EQ(total_of({row(100, {{10, "Nett Total:"}, {300, "S8.20"}})}), 8.20);  // "$" read as S
}

TEST(ReceiptTotal, LabelAndAmountGivenAsTwoLinesSideBySide) {
  // SROIE's box files: each label and each amount is a line of its own, a few pixels apart in height,
  // amounts listed after the labels.
  std::vector<doc::Line> lines = {line_at(10, 100, {"TOTAL", "AMOUNT:"}), line_at(10, 130, {"NETT", "TOTAL:"}),
                                  line_at(10, 160, {"CASH"}),             line_at(10, 190, {"CHANGE"}),
                                  line_at(400, 96, {"RM7.72"}),           line_at(400, 126, {"RM7.70"}),
                                  line_at(400, 154, {"RM10.00"}),         line_at(400, 186, {"RM2.30"})};
  auto total = receipt_total(page_of(lines), kEnglish.amounts, 7.72);
  ASSERT_TRUE(total);
  EXPECT_DOUBLE_EQ(total->value, 7.70);
  EXPECT_TRUE(total->checked);
}

TEST(ReceiptTotal, TotalAfterRoundingUnderARoundingLabel) {
  std::vector<doc::Line> lines = {row(100, {{10, "Total Sales (Inclusive GST) RM"}, {400, "27.28"}}),
                                  row(130, {{10, "Rounding Adjustment RM"}, {400, "0.02"}}),
                                  row(160, {{10, "Rounding RM"}, {400, "27.30"}})};
  EXPECT_DOUBLE_EQ(total_of(lines), 27.30);
  EXPECT_DOUBLE_EQ(total_of({row(100, {{10, "Rounding"}, {300, "0.02"}})}), -1);  // an adjustment alone
}

}  // namespace
}  // namespace textra::extract
