// Table-driven normalisation test: real spellings from ../shared/data (not copied into the project as
// files; the strings below are the values printed on those documents). Expected values come from the
// hand-made ground truth (invoices-fr/gt "fields") or, for SROIE, from reading the key by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "fields/normalize.h"

namespace textra::fields {
namespace {

struct DateCase {
  const char* printed;
  const char* iso;
  const char* from;  // file in ../shared/data it was printed in
};

const DateCase kDates[] = {
    {"26/04/2023", "2023-04-26", "invoices-fr/gt/170.json raw.invoice_date"},
    {"13/01/2023", "2023-01-13", "invoices-fr/gt/2.json raw.invoice_date"},
    {"02/03/2023", "2023-03-02", "invoices-fr/gt/7.json raw.invoice_date"},
    {"21/03/2023", "2023-03-21", "invoices-fr/gt/7.json raw.due_date"},
    {"21 Décembre 2022", "2022-12-21", "invoices-fr/gt/12.json raw.invoice_date"},
    {"31-10-2022", "2022-10-31", "invoices-fr/gt/14.json raw.invoice_date"},
    {"7 février 2023", "2023-02-07", "invoices-fr/gt/25.json raw.invoice_date"},
    {"09/03/23", "2023-03-09", "invoices-fr/gt/76.json raw.invoice_date"},
    {"10/03/23", "2023-03-10", "invoices-fr/gt/76.json raw.due_date"},
    {"18 Avril 2023", "2023-04-18", "invoices-fr/gt/81.json raw.invoice_date"},
    {"09/05/2023", "2023-05-09", "invoices-fr/gt/81.json raw.due_date"},
    {"30-07-2022", "2022-07-30", "invoices-fr/gt/130.json raw.invoice_date"},
    {"19/AVRIL/2023", "2023-04-19", "invoices-fr/gt/184.json raw.invoice_date"},
    {"01-Jan-2023", "2023-01-01", "invoices-fr/gt/414.json raw.invoice_date"},
    {"02/01/2023", "2023-01-02", "invoices-fr/gt/415.json raw.invoice_date"},
    {"Imprimé le: 26/04/2023 16:30", "2023-04-26", "invoices-fr/gt/170.json notes (print timestamp)"},
    {"25/12/2018", "2018-12-25", "sroie/key/000.json"},
    {"19/10/2018", "2018-10-19", "sroie/key/001.json"},
    {"12-01-19", "2019-01-12", "sroie/key/002.json"},
    {"18-11-18", "2018-11-18", "sroie/key/004.json"},
    {"23-01-2019", "2019-01-23", "sroie/key/007.json"},
    {"29-12-2017", "2017-12-29", "sroie/key/010.json"},
    {"18/03/18", "2018-03-18", "sroie/key/019.json"},
    {"05 MAR 2018", "2018-03-05", "sroie/key/030.json"},
    {"5/3/2018", "2018-03-05", "sroie/key/042.json"},
    {"2018-03-23", "2018-03-23", "sroie/key/050.json"},
    {"28 MAR 18", "2018-03-28", "sroie/key/061.json"},
    {"30 DEC 17", "2017-12-30", "sroie/key/104.json"},
    {"20180304", "2018-03-04", "sroie/key/068.json"},
    {"25032018", "2018-03-25", "sroie/key/152.json"},
    {"4/02/2017", "2017-02-04", "sroie/key/091.json"},
    {"17/1/2018", "2018-01-17", "sroie/key/156.json"},
    {"2018/02/22", "2018-02-22", "sroie/key/161.json"},
    {"24-MAR-2018", "2018-03-24", "sroie/key/206.json"},
    {"05-AUG-2017", "2017-08-05", "sroie/key/341.json"},
    {"11.02.18", "2018-02-11", "sroie/key/209.json"},
    {"02/JAN/2017", "2017-01-02", "sroie/key/234.json"},
    {"25/FEB/2017", "2017-02-25", "sroie/key/241.json"},
    {"15/APR/2017", "2017-04-15", "sroie/key/254.json"},
    {"(06/12/2016)", "2016-12-06", "sroie/key/381.json"},
    {"OCT 3, 2016", "2016-10-03", "sroie/key/414.json"},
};

struct AmountCase {
  const char* printed;
  double value;
  const char* currency;  // "" when the text names none
  const char* from;
};

const AmountCase kAmounts[] = {
    {"4 680,00 DH", 4680.00, "MAD", "invoices-fr/gt/102.json raw.total_ttc"},
    {"780,00 DH", 780.00, "MAD", "invoices-fr/gt/102.json raw.total_tva"},
    {"489.00", 489.00, "", "invoices-fr/gt/2.json raw.total_ht"},
    {"97.80", 97.80, "", "invoices-fr/gt/2.json raw.total_tva"},
    {"15,56", 15.56, "", "invoices-fr/gt/7.json raw.total_tva"},
    {"3 000,00", 3000.00, "", "invoices-fr/gt/9.json raw.total_ht"},
    {"3 650,00 MAD", 3650.00, "MAD", "invoices-fr/gt/9.json raw.total_ttc"},
    {"2416,667 MAD", 2416.667, "MAD", "invoices-fr/gt/25.json raw.total_ht"},
    {"2 900,000 MAD", 2900.000, "MAD", "invoices-fr/gt/25.json raw.total_ttc"},
    {"25.000,00", 25000.00, "", "invoices-fr/gt/26.json raw.total_ht"},
    {"5000,00", 5000.00, "", "invoices-fr/gt/26.json raw.total_tva"},
    {"30.000,00", 30000.00, "", "invoices-fr/gt/26.json raw.total_ttc"},
    {"3,625.00", 3625.00, "", "invoices-fr/gt/54.json raw.total_ht"},
    {"725", 725, "", "invoices-fr/gt/54.json raw.total_tva"},
    {"2 522.04", 2522.04, "", "invoices-fr/gt/58.json raw.total_ht"},
    {"10 400,00 DH", 10400.00, "MAD", "invoices-fr/gt/78.json raw.total_ttc"},
    {"4,461.00", 4461.00, "", "invoices-fr/gt/114.json raw.total_ttc"},
    {"5 620,8750", 5620.875, "", "invoices-fr/gt/130.json raw.total_ht"},
    {"1 124,1750", 1124.175, "", "invoices-fr/gt/130.json raw.total_tva"},
    {"170 000,00", 170000.00, "", "invoices-fr/gt/143.json raw.total_ht"},
    {"204 000,00 MAD", 204000.00, "MAD", "invoices-fr/gt/143.json raw.total_ttc"},
    {"4 583,33 Dhs", 4583.33, "MAD", "invoices-fr/gt/170.json raw.total_ht"},
    {"1 536.75", 1536.75, "", "invoices-fr/gt/172.json raw.total_ht"},
    {"2565.00", 2565.00, "", "invoices-fr/gt/184.json raw.total_ttc"},
    {"4.051.584,00", 4051584.00, "", "invoices-fr/gt/351.json raw.total_ttc"},
    {"8 000,00MAD", 8000.00, "MAD", "invoices-fr/gt/414.json raw.total_ht"},
    {"59 332,77", 59332.77, "", "invoices-fr/gt/415.json raw.total_ttc"},
    {"9.00", 9.00, "", "sroie/key/000.json"},
    {"RM4.00", 4.00, "MYR", "sroie/key/112.json"},
    {"RM 3.90", 3.90, "MYR", "sroie/key/081.json"},
    {"RM41.45", 41.45, "MYR", "sroie/key/152.json"},
    {"$8.20", 8.20, "USD", "sroie/key/030.json (a bare $ is USD unless the caller says otherwise)"},
    {"-1.73", -1.73, "", "sroie/key/347.json"},
    {"1,007.50", 1007.50, "", "sroie/key/350.json"},
    {"43.7", 43.7, "", "sroie/key/474.json"},
};

struct CurrencyCase {
  const char* printed;
  const char* code;
  const char* from;
};

const CurrencyCase kCurrencies[] = {
    {"Dirhams", "MAD", "invoices-fr/gt/2.json raw.currency"},   {"Dhs", "MAD", "invoices-fr/gt/7.json raw.currency"},
    {"DIRHAMS", "MAD", "invoices-fr/gt/12.json raw.currency"},  {"Dirham", "MAD", "invoices-fr/gt/39.json raw.currency"},
    {"DHs", "MAD", "invoices-fr/gt/58.json raw.currency"},      {"DH", "MAD", "invoices-fr/gt/78.json raw.currency"},
    {"DIRHAM", "MAD", "invoices-fr/gt/130.json raw.currency"},  {"dirham", "MAD", "invoices-fr/gt/184.json raw.currency"},
    {"EURO", "EUR", "invoices-fr/gt/351.json raw.currency"},    {"MAD", "MAD", "invoices-fr/gt/9.json raw.currency"},
    {"DIRHAM MAROCAIN", "MAD", "data README currency list"},    {"MOROCCAN DIRHAM", "MAD", "data README currency list"},
};

TEST(NormalizeTable, HasAtLeastSixtyRealSpellings) {
  EXPECT_GE(std::size(kDates) + std::size(kAmounts), 60u);
}

TEST(NormalizeTable, Dates) {
  for (const DateCase& c : kDates) {
    auto date = parse_date(c.printed);
    ASSERT_TRUE(date.has_value()) << c.printed << " (" << c.from << ")";
    EXPECT_EQ(date->iso(), c.iso) << c.printed << " (" << c.from << ")";
  }
}

TEST(NormalizeTable, Amounts) {
  for (const AmountCase& c : kAmounts) {
    auto amount = parse_amount(c.printed);
    ASSERT_TRUE(amount.has_value()) << c.printed << " (" << c.from << ")";
    EXPECT_NEAR(amount->value, c.value, 1e-9) << c.printed << " (" << c.from << ")";
    EXPECT_EQ(amount->currency, c.currency) << c.printed << " (" << c.from << ")";
  }
}

TEST(NormalizeTable, Currencies) {
  for (const CurrencyCase& c : kCurrencies) {
    auto code = find_currency(c.printed);
    ASSERT_TRUE(code.has_value()) << c.printed << " (" << c.from << ")";
    EXPECT_EQ(*code, c.code) << c.printed << " (" << c.from << ")";
  }
}

}  // namespace
}  // namespace textra::fields
