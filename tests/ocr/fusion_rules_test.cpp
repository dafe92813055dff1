// The fusion engine's rules: which letters Tesseract may restore in PP-OCR's reading, and the French gate.
#include "ocr/fusion_rules.h"

#include <gtest/gtest.h>

namespace textra::ocr::fusion {
namespace {

using Words = std::vector<std::string>;

TEST(FusionRules, AccentedLettersAndEuroReplaceTheirBareForms) {
  EXPECT_TRUE(restores(U'e', U'é'));
  EXPECT_TRUE(restores(U'C', U'Ç'));
  EXPECT_TRUE(restores(U'E', U'€'));
  EXPECT_FALSE(restores(U'e', U'e'));
  EXPECT_FALSE(restores(U'0', U'O'));  // a plain misreading is not a missing letter
  EXPECT_FALSE(restores(U'a', U'é'));
  EXPECT_EQ(bare_letter(U'ù'), U'u');
  EXPECT_EQ(bare_letter(U'x'), U'x');
}

TEST(FusionRules, LettersAreRestoredInPpocrsOwnWords) {
  EXPECT_EQ(restore_letters({"Designation", "Qte"}, {"Désignation", "Qté"}), (Words{"Désignation", "Qté"}));
  // Tesseract splits words differently and adds a colon: PP-OCR's words and other characters stay.
  EXPECT_EQ(restore_letters({"TotalTTC", "12,50E"}, {"Total", "TTC", "12,50€"}), (Words{"TotalTTC", "12,50€"}));
  EXPECT_EQ(restore_letters({"Reference"}, {"Référence:"}), (Words{"Référence"}));
  EXPECT_EQ(restore_letters({"INV0ICE", "N0"}, {"INVOICE", "NO"}), (Words{"INV0ICE", "N0"}));
  EXPECT_EQ(restore_letters({"Prix"}, {}), (Words{"Prix"}));
  EXPECT_EQ(restore_letters({}, {"été"}), (Words{}));
}

TEST(FusionRules, FrenchPagesAreToldFromEnglishReceipts) {
  EXPECT_TRUE(looks_french({"FACTURE", "N°", "2023-001", "Date", "de", "la", "TVA:", "Total", "TTC"}));
  EXPECT_FALSE(looks_french({"TOTAL", "CASH", "CHANGE", "GST", "6%", "THANK", "YOU", "SDN", "BHD", "DE"}));
}

TEST(FusionRules, LinesWithoutVowelsOrDigitsNeedNoSecondReading) {
  EXPECT_TRUE(may_need_letters({"12"}));
  EXPECT_TRUE(may_need_letters({"XYZ", "Cle"}));
  EXPECT_FALSE(may_need_letters({"XYZ", "---", "**"}));
}

}  // namespace
}  // namespace textra::ocr::fusion
