#include <gtest/gtest.h>

#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::ner {
namespace {

TEST(Patterns, Dates) {
  for (const char* d : {"25/12/2018", "25-12-18", "2018-12-25", "01-Jan-2023", "19/AVRIL/2023", "(25/12/2018)", "9.3.2023"}) {
    EXPECT_TRUE(looks_like_date(d)) << d;
  }
  for (const char* d : {"12/25", "32/01/2018", "25/13/2018", "25/12-2018", "1.234,56", "07-3507405"}) {
    EXPECT_FALSE(looks_like_date(d)) << d;
  }
  EXPECT_TRUE(is_month_name("Décembre"));
  EXPECT_TRUE(is_month_name("FEB"));
  EXPECT_FALSE(is_month_name("TOTAL"));
}

TEST(Patterns, Amounts) {
  EXPECT_DOUBLE_EQ(*amount_value("9.00"), 9.0);
  EXPECT_DOUBLE_EQ(*amount_value("1,007.50"), 1007.5);
  EXPECT_DOUBLE_EQ(*amount_value("4.680,00"), 4680.0);
  EXPECT_DOUBLE_EQ(*amount_value("RM3.90"), 3.9);
  EXPECT_DOUBLE_EQ(*amount_value("$8.20"), 8.2);
  EXPECT_DOUBLE_EQ(*amount_value("916,67DH"), 916.67);
  EXPECT_DOUBLE_EQ(*amount_value("-1.73"), -1.73);
  EXPECT_DOUBLE_EQ(*amount_value("43.7"), 43.7);
  EXPECT_DOUBLE_EQ(*amount_value("25.000"), 25000.0);
  for (const char* w : {"725", "TOTAL", "12:30", "07-3507405", "1.2345", "9."}) EXPECT_FALSE(amount_value(w)) << w;
  EXPECT_TRUE(looks_like_time("20:49:59"));
  EXPECT_TRUE(looks_like_time("9:05PM"));
  EXPECT_FALSE(looks_like_time("9.05"));
  EXPECT_EQ(short_shape("FV230009"), "XX00");
  EXPECT_EQ(short_shape("Total:"), "Xxx:");
}

TEST(Keywords, FrenchAndEnglishPhrasesShareTags) {
  auto tags = [](const char* line) {
    std::vector<std::string> out;
    for (const KeywordHit& h : find_keywords(keyword_tokens(line))) out.push_back(h.tag);
    return out;
  };
  EXPECT_EQ(tags("Net à payer"), std::vector<std::string>{"TTC"});
  EXPECT_EQ(tags("AMOUNT DUE:"), std::vector<std::string>{"TTC"});
  EXPECT_EQ(tags("Total TTC"), std::vector<std::string>{"TTC"});
  EXPECT_EQ(tags("N°Facture"), (std::vector<std::string>{"NUM", "INV"}));
  EXPECT_EQ(tags("T.V.A 20%"), std::vector<std::string>{"TVA"});
  EXPECT_EQ(tags("Date : 12/01/2023"), std::vector<std::string>{"DATE"});
  EXPECT_EQ(tags("BOOK TA .K SDN BHD"), std::vector<std::string>{"CO"});
  EXPECT_TRUE(tags("4 680,00").empty());
}

}  // namespace
}  // namespace textra::ner
