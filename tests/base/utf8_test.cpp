#include "base/utf8.h"

#include <gtest/gtest.h>

namespace textra::utf8 {
namespace {

TEST(Utf8, ValidatesAndSanitizes) {
  EXPECT_TRUE(is_valid("Facture n° 12 – 4 680,00 €"));
  EXPECT_FALSE(is_valid("\xC3"));          // truncated sequence
  EXPECT_FALSE(is_valid("\xC0\xAF"));      // overlong
  EXPECT_FALSE(is_valid("\xED\xA0\x80"));  // surrogate
  EXPECT_EQ(sanitize("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_TRUE(is_valid(sanitize("\xF5\x80\x80\x80 x")));
}

TEST(Utf8, CountsAndRoundTripsCodePoints) {
  std::string s = "é€\xF0\x9F\x98\x80";
  EXPECT_EQ(length(s), 3u);
  auto cps = decode(s);
  EXPECT_EQ(encode(std::u32string(cps.begin(), cps.end())), s);
}

TEST(Utf8, CaseFoldsFrenchLetters) {
  EXPECT_EQ(to_upper("échéance façade œuvre"), "ÉCHÉANCE FAÇADE ŒUVRE");
  EXPECT_EQ(to_lower("TÉLÉPHONE Ÿ"), "téléphone ÿ");
  EXPECT_EQ(strip_accents("Échéance reçu À payer"), "Echeance recu A payer");
}

}  // namespace
}  // namespace textra::utf8
