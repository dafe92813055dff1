// Normalisation rules beyond the table of real spellings: ambiguity, rejects, white space variants.
#include <gtest/gtest.h>

#include "fields/normalize.h"

namespace textra::fields {
namespace {

TEST(Dates, DayFirstFallsBackToMonthFirstOnlyWhenImpossible) {
  EXPECT_EQ(parse_date("03/04/2023")->iso(), "2023-04-03");
  EXPECT_EQ(parse_date("03/04/2023", DateOrder::kMonthFirst)->iso(), "2023-03-04");
  EXPECT_EQ(parse_date("12/25/2023")->iso(), "2023-12-25");
}

TEST(Dates, MonthNamesBothLanguagesWithAccentsAndAbbreviations) {
  EXPECT_EQ(parse_date("1er mars 2023")->iso(), "2023-03-01");
  EXPECT_EQ(parse_date("15 août 2022")->iso(), "2022-08-15");
  EXPECT_EQ(parse_date("15 AOUT 2022")->iso(), "2022-08-15");
  EXPECT_EQ(parse_date("3 févr. 2023")->iso(), "2023-02-03");
  EXPECT_EQ(parse_date("Lundi 5 déc. 2022")->iso(), "2022-12-05");
  EXPECT_EQ(parse_date("March 3rd, 2021")->iso(), "2021-03-03");
  EXPECT_EQ(parse_date("Invoice date: 14 September 2021")->iso(), "2021-09-14");
  EXPECT_EQ(parse_date("juil. 4 2020")->iso(), "2020-07-04");
}

TEST(Dates, SkipsNumbersThatAreNotDates) {
  EXPECT_EQ(parse_date("Facture N° 12345 du 26/04/2023")->iso(), "2023-04-26");
  EXPECT_EQ(parse_date("16:30 26/04/2023")->iso(), "2023-04-26");
}

TEST(Dates, RejectsImpossibleDatesAndNonDates) {
  EXPECT_FALSE(parse_date("31/02/2023").has_value());
  EXPECT_FALSE(parse_date("30/13/2023").has_value());
  EXPECT_FALSE(parse_date("4 680,00 DH").has_value());
  EXPECT_FALSE(parse_date("").has_value());
  EXPECT_FALSE(parse_date("TOTAL").has_value());
  EXPECT_TRUE(parse_date("29/02/2024").has_value());
  EXPECT_FALSE(parse_date("29/02/2023").has_value());
}

TEST(Dates, TwoDigitYearsPivotAtSeventy) {
  EXPECT_EQ(parse_date("01/01/69")->year, 2069);
  EXPECT_EQ(parse_date("01/01/70")->year, 1970);
}

TEST(Amounts, NbspAndThinSpacesGroupThousands) {
  EXPECT_DOUBLE_EQ(parse_amount("4\u00A0680,00")->value, 4680.0);
  EXPECT_DOUBLE_EQ(parse_amount("4\u202F680,00 €")->value, 4680.0);
  EXPECT_DOUBLE_EQ(parse_amount("1\u2009234\u2009567,89")->value, 1234567.89);
  EXPECT_DOUBLE_EQ(parse_amount("1'234.50 CHF")->value, 1234.5);
  EXPECT_EQ(parse_amount("4\u202F680,00 €")->currency, "EUR");
}

TEST(Amounts, SpaceJoinsOnlyThreeDigitGroups) {
  // "Qté 2 450,00": the 2 is a quantity, not thousands.
  EXPECT_DOUBLE_EQ(parse_amount("2 45,00")->value, 2.0);
  EXPECT_DOUBLE_EQ(parse_amount("12 345 678")->value, 12345678.0);
}

TEST(Amounts, AmbiguousThreeDigitsUseTheDocumentsDecimalMark) {
  EXPECT_DOUBLE_EQ(parse_amount("1,234")->value, 1234.0);
  EXPECT_DOUBLE_EQ(parse_amount("1,234", {.decimal_mark = ','})->value, 1.234);
  EXPECT_DOUBLE_EQ(parse_amount("25.000", {.decimal_mark = ','})->value, 25000.0);
  EXPECT_DOUBLE_EQ(parse_amount("25.000", {.decimal_mark = '.'})->value, 25.0);
  EXPECT_DOUBLE_EQ(parse_amount("0,500")->value, 0.5);
}

TEST(Amounts, SignsAndDecimalsCount) {
  EXPECT_DOUBLE_EQ(parse_amount("(12,50)")->value, -12.5);
  EXPECT_DOUBLE_EQ(parse_amount("1.234,00-")->value, -1234.0);
  EXPECT_DOUBLE_EQ(parse_amount("- 50,00 DH")->value, -50.0);
  EXPECT_DOUBLE_EQ(parse_amount("X-RAY 25")->value, 25.0);
  EXPECT_EQ(parse_amount("5 620,8750")->decimals, 4);
  EXPECT_EQ(parse_amount("725")->decimals, 0);
  EXPECT_FALSE(parse_amount("TOTAL TTC").has_value());
  EXPECT_FALSE(parse_amount("").has_value());
}

TEST(Amounts, DollarMeaningIsTheCallers) {
  EXPECT_EQ(parse_amount("$8.20", {.dollar_currency = "MYR"})->currency, "MYR");
  EXPECT_EQ(*find_currency("US$ 12"), "USD");
  EXPECT_FALSE(find_currency("MADAME DHL").has_value());
}

TEST(Percent, Rates) {
  EXPECT_DOUBLE_EQ(*parse_percent("20 %"), 20.0);
  EXPECT_DOUBLE_EQ(*parse_percent("TVA 20,00%"), 20.0);
  EXPECT_DOUBLE_EQ(*parse_percent("5.5%"), 5.5);
}

TEST(Text, KeysAndIds) {
  EXPECT_EQ(text_key("BOOK TA .K (TAMAN DAYA) SDN BHD"), "BOOKTAKTAMANDAYASDNBHD");
  EXPECT_EQ(text_key("Umbrella Corp S.A.R.LAU"), "UMBRELLACORPSARLAU");
  EXPECT_EQ(text_key("fenêtre sur cour"), "FENÊTRESURCOUR");
  EXPECT_EQ(remove_white_space("001 523\u00A0800 000 047"), "001523800000047");
  EXPECT_EQ(collapse_white_space("  64 BD MOHAMED TAIEB NACIRI, Rdpt\nChahdia "),
            "64 BD MOHAMED TAIEB NACIRI, Rdpt Chahdia");
  EXPECT_EQ(to_cents(5620.875), 562088);
  EXPECT_EQ(normalize_company_id("RC", "Casa : 43503"), "43503");
  EXPECT_EQ(normalize_company_id("RCS", "Tarascon B 314 360 629"), "314360629");
  EXPECT_EQ(normalize_company_id("ICE", "001 523 800 000 047"), "001523800000047");
  EXPECT_EQ(normalize_company_id("TP", "Casa 12"), "Casa12");
}

}  // namespace
}  // namespace textra::fields
