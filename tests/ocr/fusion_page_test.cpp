// The fusion rules that take more than letters from Tesseract: word breaks next to punctuation, whole lines
// of small print, and both on one crafted page (PP-OCR lines as the pipeline gives them, Tesseract's readings
// handed in by a fake re-reader, so no network or image is needed).
#include <gtest/gtest.h>

#include <map>

#include "ocr/fusion_alignment.h"
#include "ocr/fusion_line_choice.h"
#include "ocr/fusion_page.h"
#include "ocr/fusion_word_breaks.h"

namespace textra::ocr::fusion {
namespace {

using Words = std::vector<std::string>;
using Offsets = std::vector<std::vector<std::size_t>>;

std::vector<doc::Word> words(const Words& texts, float confidence) {
  std::vector<doc::Word> out;
  int x = 0;
  for (const std::string& t : texts) {
    out.push_back({t, {x, 0, x + 10 * static_cast<int>(t.size()), 10}, confidence});
    x += 10 * static_cast<int>(t.size()) + 5;
  }
  return out;
}

Words texts_of(const doc::Line& line) {
  Words out;
  for (const doc::Word& w : line.words) out.push_back(w.text);
  return out;
}

TEST(FusionAlignment, FullWidthPunctuationReadsAsItsAsciiForm) {
  EXPECT_TRUE(same_reading(U'：', U':'));
  EXPECT_TRUE(same_reading(U'e', U'é'));
  EXPECT_FALSE(same_reading(U'0', U'O'));
  const std::vector<std::size_t> aligned = align(U"AB:12", U"AB12");
  EXPECT_EQ(aligned, (std::vector<std::size_t>{0, 1, kUnaligned, 2, 3}));
}

TEST(FusionWordBreaks, GluedLabelsAndValuesAreCutWhereTesseractReadsSpacesNextToPunctuation) {
  EXPECT_EQ(word_breaks({"ICE:001853220000025-CNSS:4528876"},
                        {"ICE", ":", "001853220000025", "-", "CNSS", ":", "4528876"}),
            (Offsets{{3, 4, 19, 20, 24, 25}}));
  EXPECT_EQ(word_breaks({"N°", "IF：40189465"}, {"N°", "IF", ":", "40189465"}), (Offsets{{}, {2, 3}}));
  // A space between two letters or two digits is not taken ("Ta rif", "4,431 .00" would be too).
  EXPECT_EQ(word_breaks({"Tarif", "0522917027"}, {"Ta", "rif", "05", "22917027"}), (Offsets{{}, {}}));
  // Characters the two engines read differently give no break.
  EXPECT_EQ(word_breaks({"CNSS:1180736"}, {"CNSS", "31180736"}), (Offsets{{}}));
  EXPECT_EQ(word_breaks({"RC:261469"}, {}), (Offsets{{}}));
  EXPECT_EQ(cut_word("ICE:0015", {3, 4}), (Words{"ICE", ":", "0015"}));
  EXPECT_EQ(cut_word("Qté", {}), (Words{"Qté"}));
}

TEST(FusionLineChoice, SmallPrintGoesToTesseractWhenItReadsMoreAndIsSurer) {
  const LineChoice choice;
  const auto ours = words({"nelle2556525NSn961CE00250066"}, 0.72f);
  const auto theirs = words({"nelle", "25561525", "-", "CNSS", "n°", "6079611-ICE", ":", "001522", "585000066"}, 0.90f);
  EXPECT_TRUE(takes_tesseract_line(choice, 40, 75, ours, theirs));
  // A line taller than the page's median keeps PP-OCR's reading, however sure Tesseract is.
  EXPECT_FALSE(takes_tesseract_line(choice, 90, 75, ours, theirs));
  // Small print that Tesseract reads with less confidence, or with no more characters, stays PP-OCR's.
  EXPECT_FALSE(takes_tesseract_line(choice, 40, 75, words({"nelle2556525NSn961CE00250066"}, 0.95f), theirs));
  EXPECT_FALSE(takes_tesseract_line(choice, 40, 75, ours, words({"nelle", "2556525"}, 0.95f)));
  EXPECT_FALSE(takes_tesseract_line(choice, 40, 75, ours, {}));
  EXPECT_NEAR(mean_confidence(words({"ab", "-"}, 0.5f)), 0.5, 1e-6);
  EXPECT_EQ(letters_and_digits(words({"n°", "6079611-ICE"}, 1)), 1u + 10u);
}

// A French invoice page: body lines 40 px high, one footer line 20 px high that PP-OCR reads without letters.
TEST(FusionPage, SmallFooterTakesTesseractsWordsAndBodyLinesKeepPpocrsWithItsAccentsAndBreaks) {
  std::vector<ppocr::ReadLine> lines;
  std::map<int, std::vector<doc::Word>> tesseract;  // by the line's top, in page pixels
  auto add = [&](int top, int height, const std::vector<doc::Word>& ours, const std::vector<doc::Word>& theirs) {
    ppocr::ReadLine line;
    line.line.quad = {{{0, float(top)}, {600, float(top)}, {600, float(top + height)}, {0, float(top + height)}}};
    line.line.width = 600, line.line.height = height;
    for (doc::Word w : ours) {
      w.box.y0 = top, w.box.y1 = top + height;
      line.segment.words.push_back(w);
      line.segment.box = line.segment.box.united(w.box);
    }
    tesseract[top] = theirs;
    lines.push_back(std::move(line));
  };
  add(0, 40, words({"Facture", "de", "la", "societe"}, 0.98f), words({"Facture", "de", "la", "société"}, 0.93f));
  add(50, 40, words({"Designation", "Qte"}, 0.97f), words({"Désignation", "Qté"}, 0.95f));
  add(100, 40, words({"ICE:001853220000025"}, 0.97f), words({"ICE", ":", "001853220000025"}, 0.93f));
  add(150, 40, words({"Total", "TTC", "TVA"}, 0.99f), words({"Total", "TTC", "TVA"}, 0.99f));
  add(200, 20, words({"nelle2556525NSn961CE00250066"}, 0.72f),
      words({"nelle", "25561525", "-", "CNSS", "n°", "6079611", "-", "ICE", ":", "001522"}, 0.90f));
  int rereads = 0;
  auto fused = fuse_page(std::move(lines), [&](const ppocr::ReadLine& line) -> Result<std::vector<doc::Word>> {
    ++rereads;
    return tesseract.at(static_cast<int>(line.line.quad[0].y));
  });
  ASSERT_TRUE(fused.is_ok()) << fused.status().message();
  ASSERT_EQ(fused->size(), 5u);
  EXPECT_EQ(rereads, 5);
  EXPECT_EQ(texts_of((*fused)[0]), (Words{"Facture", "de", "la", "société"}));
  EXPECT_EQ(texts_of((*fused)[1]), (Words{"Désignation", "Qté"}));
  // The glued label is cut; the pieces share the word's box in proportion to their characters.
  ASSERT_EQ(texts_of((*fused)[2]), (Words{"ICE", ":", "001853220000025"}));
  EXPECT_EQ((*fused)[2].words[0].box.x0, 0);
  EXPECT_EQ((*fused)[2].words[2].box.x1, 190);
  EXPECT_LT((*fused)[2].words[0].box.x1, (*fused)[2].words[2].box.x0);
  EXPECT_EQ(texts_of((*fused)[4]), (Words{"nelle", "25561525", "-", "CNSS", "n°", "6079611", "-", "ICE", ":", "001522"}));
  for (const doc::Word& w : (*fused)[4].words) EXPECT_GE(w.box.y0, 200) << w.text;
}

TEST(FusionPage, PagesThatDoNotReadAsFrenchAreNeverReread) {
  std::vector<ppocr::ReadLine> lines(1);
  lines[0].line.quad = {{{0, 0}, {300, 0}, {300, 10}, {0, 10}}};
  lines[0].line.width = 300, lines[0].line.height = 10;
  lines[0].segment.words = words({"TOTAL:", "12.50", "CASH", "THANK", "YOU"}, 0.5f);
  int rereads = 0;
  auto fused = fuse_page(std::move(lines), [&](const ppocr::ReadLine&) -> Result<std::vector<doc::Word>> {
    ++rereads;
    return words({"TOTAL", ":", "12.50"}, 0.99f);
  });
  ASSERT_TRUE(fused.is_ok());
  EXPECT_EQ(rereads, 0);
  EXPECT_EQ(texts_of(fused->at(0)), (Words{"TOTAL:", "12.50", "CASH", "THANK", "YOU"}));
}

}  // namespace
}  // namespace textra::ocr::fusion
