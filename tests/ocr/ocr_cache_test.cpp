#include "ocr/ocr_cache.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/files.h"
#include "test_support.h"

namespace textra::ocr {
namespace {

doc::Document one_word_document() {
  doc::Document document;
  document.file = "scan.png";
  document.type = "image/png";
  doc::Page page;
  page.width = 100;
  page.height = 50;
  page.lines.push_back({{1, 2, 30, 12}, {{"Facture", {1, 2, 30, 12}, 0.75f}}});
  document.pages.push_back(page);
  return document;
}

TEST(OcrCache, KeepsADocumentUnderItsImageStem) {
  const std::string folder = testing::temp_dir("ocr_cache_round_trip") + "/fusion";
  const OcrCache cache(folder);
  EXPECT_FALSE(cache.find("/data/img/scan.png").has_value());
  ASSERT_TRUE(cache.store("/data/img/scan.png", one_word_document()).is_ok());
  EXPECT_TRUE(std::filesystem::exists(folder + "/scan.json"));
  // Any image with the same stem is the same entry: the cache is per image set.
  auto found = cache.find("/elsewhere/scan.jpg");
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->is_ok()) << found->status().message();
  EXPECT_EQ(found->value().pages, one_word_document().pages);
}

TEST(OcrCache, AnUnreadableEntryIsAnErrorNamingIt) {
  const std::string folder = testing::temp_dir("ocr_cache_corrupt");
  ASSERT_TRUE(write_file(folder + "/scan.json", "{\"pages\": [").is_ok());
  auto found = OcrCache(folder).find("scan.png");
  ASSERT_TRUE(found.has_value());
  ASSERT_FALSE(found->is_ok());
  EXPECT_NE(found->status().message().find("scan.json"), std::string::npos) << found->status().message();
}

TEST(OcrCache, NoFolderKeepsNothing) {
  const OcrCache cache("");
  EXPECT_TRUE(cache.store("scan.png", one_word_document()).is_ok());
  EXPECT_FALSE(cache.find("scan.png").has_value());
}

}  // namespace
}  // namespace textra::ocr
