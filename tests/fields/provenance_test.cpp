#include <gtest/gtest.h>

#include "fields/provenance.h"

namespace textra::fields {
namespace {

// A page whose lines are given as text; words are 10 px per character plus a space, lines 30 px apart.
doc::Document make_document(const std::vector<std::string>& lines, float confidence = 0.9f) {
  doc::Document document;
  doc::Page page;
  page.width = 1000;
  page.height = 1000;
  int y = 10;
  for (const std::string& text : lines) {
    doc::Line line;
    int x = 10;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t space = text.find(' ', start);
      std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
      if (!word.empty()) {
        int w = static_cast<int>(word.size()) * 10;
        line.words.push_back({word, {x, y, x + w, y + 20}, confidence});
        line.box = line.box.united({x, y, x + w, y + 20});
        x += w + 10;
      }
      if (space == std::string::npos) break;
      start = space + 1;
    }
    page.lines.push_back(line);
    y += 30;
  }
  document.pages.push_back(page);
  return document;
}

const doc::Document kInvoice = make_document({
    "FACTURE N° 30423",                    // words 0-2
    "Date : 26/04/2023",                   // 3-5
    "Umbrella Corp S.A.R.LAU",             // 6-8
    "17, lot Al FARAH, Etage RDC",         // 9-14
    "Total HT 4 583,33 Dhs",               // 15-19
    "Total TTC 5 500,00 Dhs",              // 20-24
});

TEST(Provenance, ExactTextGivesWordsBoxesAndConfidence) {
  FieldSpec spec;
  spec.kind = ValueKind::kText;
  auto match = locate(kInvoice, spec, {"Umbrella Corp S.A.R.LAU", "Umbrella Corp S.A.R.LAU", {}, {}});
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->source.page, 1);
  EXPECT_EQ(match->source.words, (std::vector<std::size_t>{6, 7, 8}));
  ASSERT_EQ(match->source.boxes.size(), 1u);
  EXPECT_EQ(match->source.boxes[0], (doc::Box{10, 70, 240, 90}));
  EXPECT_DOUBLE_EQ(match->similarity, 1.0);
  EXPECT_NEAR(match->ocr_confidence, 0.9, 1e-6);
}

TEST(Provenance, ToleratesOcrErrorsAndSpansLines) {
  FieldSpec spec;
  spec.kind = ValueKind::kText;
  auto match = locate(kInvoice, spec, {"Umbrela Corp SARLAU 17 lot Al FARAH", std::nullopt, {}, {}});
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->source.words, (std::vector<std::size_t>{6, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(match->source.boxes.size(), 2u);
  EXPECT_LT(match->similarity, 1.0);
  EXPECT_GT(match->similarity, 0.9);
}

TEST(Provenance, NumbersAndDatesMatchByValue) {
  FieldSpec amount;
  amount.type = FieldType::kNumber;
  amount.kind = ValueKind::kAmount;
  auto total = locate(kInvoice, amount, {5500.0, std::nullopt, {}, {}});
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(total->source.words, (std::vector<std::size_t>{22, 23}));
  auto with_raw = locate(kInvoice, amount, {4583.33, "4583.33 DH", {}, {}});
  ASSERT_TRUE(with_raw.has_value());
  EXPECT_EQ(with_raw->source.words, (std::vector<std::size_t>{17, 18}));

  FieldSpec date;
  date.type = FieldType::kDate;
  auto d = locate(kInvoice, date, {"2023-04-26", std::nullopt, {}, {}});
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->source.words, (std::vector<std::size_t>{5}));
}

TEST(Provenance, NothingSimilarEnough) {
  FieldSpec spec;
  spec.kind = ValueKind::kText;
  EXPECT_FALSE(locate(kInvoice, spec, {"MAROC TELECOM", std::nullopt, {}, {}}).has_value());
  EXPECT_FALSE(locate(kInvoice, spec, {nullptr, std::nullopt, {}, {}}).has_value());
  FieldSpec amount;
  amount.type = FieldType::kNumber;
  EXPECT_FALSE(locate(kInvoice, amount, {1234.0, std::nullopt, {}, {}}).has_value());
}

TEST(Provenance, SourceOfWordsIgnoresUnknownIds) {
  const std::size_t ids[] = {0, 1, 999};
  Source s = source_of_words(kInvoice.pages[0], ids);
  EXPECT_EQ(s.words, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(s.boxes.size(), 1u);
}

}  // namespace
}  // namespace textra::fields
