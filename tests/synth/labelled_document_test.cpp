#include "ner/labelled_document.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/files.h"
#include "test_support.h"
#include "ner/training_data.h"

namespace textra::ner {
namespace {

LabelledPage sample_page() {
  LabelledPage p;
  p.id = "a.png";
  p.page.width = 100;
  p.page.height = 50;
  p.page.lines.push_back({{0, 0, 60, 10}, {{"Total", {0, 0, 20, 10}, 1.0f}, {"TTC", {22, 0, 30, 10}, 1.0f}, {"12,00", {40, 0, 60, 10}, 1.0f}}});
  p.page.lines.push_back({{0, 20, 30, 30}, {{"FV1", {0, 20, 30, 30}, 1.0f}}});
  p.labels = {"", "", "TTC", "InvNum"};
  return p;
}

TEST(LabelledDocument, RoundTripKeepsLinesWordsAndLabels) {
  LabelledPage page = sample_page();
  nlohmann::json j = to_labelled_document(page, "invoice");
  ASSERT_TRUE(is_labelled_document(j));
  auto back = parse_labelled_document(j, "x.json");
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->page, page.page);
  EXPECT_EQ(back->labels, page.labels);
  EXPECT_EQ(back->id, "a.png");
}

TEST(LabelledDocument, RejectsNonStringLabelAndSeveralPages) {
  nlohmann::json j = to_labelled_document(sample_page(), "invoice");
  j["pages"][0]["lines"][0]["words"][2]["label"] = 3;
  auto bad = parse_labelled_document(j, "x.json");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("x.json"), std::string::npos);
  nlohmann::json two = to_labelled_document(sample_page(), "invoice");
  two["pages"].push_back(two["pages"][0]);
  EXPECT_FALSE(parse_labelled_document(two, "y.json").is_ok());
}

TEST(LabelledDocument, TrainingDataLoadsAFolderOfThem) {
  const std::string dir = testing::temp_dir("labelled_documents");
  for (const char* name : {"a.json", "b.json"}) {
    ASSERT_TRUE(write_file(dir + "/" + name, to_labelled_document(sample_page(), "invoice").dump()).is_ok());
  }
  TrainingDataOptions options;
  options.exclude = {"b"};
  auto pages = load_training_data(dir, options);
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].labels, sample_page().labels);
}

}  // namespace
}  // namespace textra::ner
