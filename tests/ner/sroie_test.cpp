#include <algorithm>

#include <gtest/gtest.h>

#include "base/files.h"
#include "ner/sroie.h"
#include "ner/training_data.h"
#include "test_support.h"

namespace textra::ner {
namespace {

std::vector<std::string> words_with(const LabelledPage& p, const std::string& label) {
  std::vector<std::string> out;
  p.page.for_each_word([&](std::size_t id, const doc::Line&, const doc::Word& w) {
    if (p.labels[id] == label) out.push_back(w.text);
  });
  return out;
}

TEST(SroieBoxes, SplitsLinesIntoWordsProportionally) {
  auto page = parse_sroie_boxes("110,144,383,144,383,163,110,163,NO.53 55,57 & 59, JALAN SAGU 18,\n", "x.csv");
  ASSERT_TRUE(page.is_ok());
  ASSERT_EQ(page->lines.size(), 1u);
  const auto& words = page->lines[0].words;
  ASSERT_EQ(words.size(), 7u);
  EXPECT_EQ(words[1].text, "55,57");
  EXPECT_EQ(words[0].box.x0, 110);
  EXPECT_EQ(words.back().box.x1, 383);
  EXPECT_LT(words[0].box.x1, words[1].box.x0);
  EXPECT_FALSE(parse_sroie_boxes("1,2,3,x\n", "bad.csv").is_ok());
}

// Real files: 000 has the box line "BOOK TA .K(TAMAN DAYA) SDN BND" for the key "... SDN BHD".
TEST(SroieLabels, DerivedFromRealKeys) {
  TEXTRA_REQUIRE_SHARED();
  const std::string dir = textra::testing::shared_dir() + "/data/sroie";
  auto d = load_sroie_document(dir, "000");
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  LabelledPage p = sroie_labelled_page(*d);
  EXPECT_EQ(words_with(p, "company"), (std::vector<std::string>{"BOOK", "TA", ".K(TAMAN", "DAYA)", "SDN", "BND"}));
  EXPECT_EQ(words_with(p, "date"), std::vector<std::string>{"25/12/2018"});
  auto total = words_with(p, "total");
  ASSERT_FALSE(total.empty());
  for (const std::string& w : total) EXPECT_EQ(w, "9.00");
  auto address = words_with(p, "address");
  ASSERT_GE(address.size(), 10u);
  EXPECT_EQ(address.front(), "NO.53");
  EXPECT_EQ(address.back(), "JOHOR.");

  auto train = sroie_split(dir, "train");
  ASSERT_TRUE(train.is_ok());
  EXPECT_EQ(train->size(), 501u);
}

// The rule must find the company, date and total in nearly every training document (the data README
// counts the verbatim ones: company 563/626, date 622, total 624).
TEST(SroieLabels, CoverMostTrainingDocuments) {
  TEXTRA_REQUIRE_SHARED();
  const std::string dir = textra::testing::shared_dir() + "/data/sroie";
  auto ids = sroie_split(dir, "train");
  ASSERT_TRUE(ids.is_ok());
  std::map<std::string, int> found;
  for (const std::string& id : *ids) {
    auto d = load_sroie_document(dir, id);
    ASSERT_TRUE(d.is_ok()) << d.status().message();
    LabelledPage p = sroie_labelled_page(*d);
    for (const char* f : {"company", "date", "address", "total"}) found[f] += !words_with(p, f).empty();
  }
  EXPECT_GE(found["company"], 480);
  EXPECT_GE(found["date"], 490);
  EXPECT_GE(found["total"], 490);
  EXPECT_GE(found["address"], 440);
  RecordProperty("address_found", found["address"]);
}

// --sroie-images: each split image is recognised once and its page labelled from the same key; a
// split's receipts without an image add nothing, and the other split's images are never asked for.
TEST(SroieTrainingData, AddsTheOcrOfTheSplitsImages) {
  TEXTRA_REQUIRE_SHARED();
  const std::string dir = textra::testing::shared_dir() + "/data/sroie";
  auto test_ids = sroie_split(dir, "test");
  ASSERT_TRUE(test_ids.is_ok());
  TrainingDataOptions options;
  options.split = "train";
  options.sroie_images = true;
  std::vector<std::string> asked;
  // Stands in for the OCR: the receipt's own box lines, read from the image's id.
  options.recognise = [&](const std::string& image) -> Result<doc::Document> {
    asked.push_back(image);
    std::string id = image.substr(image.rfind('/') + 1, 3);
    TEXTRA_ASSIGN_OR_RETURN(SroieDocument d, load_sroie_document(dir, id));
    return doc::Document{image, "image/jpeg", {d.page}};
  };
  auto pages = load_training_data(dir, options);
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_FALSE(asked.empty());
  EXPECT_EQ(pages->size(), 501u + asked.size());
  for (const std::string& image : asked) {
    std::string id = image.substr(image.rfind('/') + 1, 3);
    EXPECT_EQ(image, sroie_image_path(dir, id));
    EXPECT_EQ(std::count(test_ids->begin(), test_ids->end(), id), 0) << id << " is a test receipt";
  }
  const LabelledPage& ocr = pages->back();
  EXPECT_FALSE(words_with(ocr, "total").empty()) << ocr.id;

  options.recognise = nullptr;
  EXPECT_FALSE(load_training_data(dir, options).is_ok());  // images need OCR
}

}  // namespace
}  // namespace textra::ner
