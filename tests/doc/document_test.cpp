#include <gtest/gtest.h>

#include "base/files.h"
#include "test_support.h"
#include "doc/document.h"
#include "doc/json.h"

namespace textra::doc {
namespace {

Document sample() {
  Document d;
  d.file = "facture.png";
  d.type = "image/png";
  Page p;
  p.width = 1000;
  p.height = 1400;
  p.dpi = 300;
  p.lines.push_back({{10, 10, 300, 40}, {{"Facture", {10, 10, 120, 40}, 0.96f}, {"N°", {130, 10, 160, 40}, 0.9f}}});
  p.lines.push_back({{10, 60, 300, 90}, {{"Total", {10, 60, 90, 90}, 0.99f}, {"4 680,00", {200, 60, 300, 90}, 0.8f}}});
  d.pages.push_back(p);
  return d;
}

TEST(Document, WordIdsCountThroughLinesInOrder) {
  Document d = sample();
  EXPECT_EQ(d.pages[0].word_count(), 4u);
  ASSERT_NE(d.pages[0].word_by_id(2), nullptr);
  EXPECT_EQ(d.pages[0].word_by_id(2)->text, "Total");
  EXPECT_EQ(d.pages[0].word_by_id(4), nullptr);
  EXPECT_EQ(d.text(), "Facture N°\nTotal 4 680,00");
  EXPECT_EQ((Box{0, 0, 10, 10}.united({5, 5, 20, 8})), (Box{0, 0, 20, 10}));
}

TEST(DocumentJson, RoundTrips) {
  Document d = sample();
  auto back = document_from_json(to_json(d));
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(*back, d);
}

TEST(DocumentJson, RejectsMalformedInputWithReason) {
  nlohmann::json j = to_json(sample());
  j["pages"][0]["lines"][0]["words"][0]["box"] = {1, 2, 3};
  auto r = document_from_json(j);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("box"), std::string::npos);

  j = to_json(sample());
  j["file"] = 42;  // wrong type deep inside must not throw
  EXPECT_FALSE(document_from_json(j).is_ok());

  j = to_json(sample());
  j["version"] = 99;
  EXPECT_EQ(document_from_json(j).status().code(), ErrorCode::kUnsupported);
  // Numbers no int holds are refused, not converted (the fuzzer's 1.7e22 was undefined behaviour).
  for (const char* huge : {"1.6e22", "16666666666666666666", "-3000000000", "2.5"}) {
    j["version"] = nlohmann::json::parse(huge);
    auto huge_version = document_from_json(j);
    ASSERT_FALSE(huge_version.is_ok()) << huge;
    EXPECT_NE(huge_version.status().message().find("document.version"), std::string::npos) << huge;
  }
  j = to_json(sample());
  j["pages"][0]["width"] = 5000000000LL;
  EXPECT_NE(document_from_json(j).status().message().find("page.width is out of range"), std::string::npos);
  EXPECT_FALSE(document_from_json(nlohmann::json::array()).is_ok());
}

TEST(DocumentJson, ReadsAFileAndNamesItInErrors) {
  const std::string dir = testing::temp_dir("doc_read_document_file");
  const std::string good = dir + "/good.json", not_json = dir + "/not.json", bad_box = dir + "/bad.json";
  ASSERT_TRUE(write_file(good, to_json(sample()).dump()).is_ok());
  ASSERT_TRUE(write_file(not_json, "{\"version\": 1,").is_ok());
  nlohmann::json j = to_json(sample());
  j["pages"][0]["lines"][0]["box"] = "wide";
  ASSERT_TRUE(write_file(bad_box, j.dump()).is_ok());

  auto read = read_document_file(good);
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_EQ(*read, sample());
  for (const std::string& path : {not_json, bad_box, dir + "/missing.json"}) {
    auto refused = read_document_file(path);
    ASSERT_FALSE(refused.is_ok()) << path;
    EXPECT_NE(refused.status().message().find(path), std::string::npos) << refused.status().message();
  }
  EXPECT_NE(read_document_file(not_json).status().message().find("not JSON"), std::string::npos);
}

}  // namespace
}  // namespace textra::doc
