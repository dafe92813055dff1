#include <gtest/gtest.h>

#include "base/files.h"
#include "ner/textra_format.h"
#include "test_support.h"

namespace textra::ner {
namespace {

std::vector<std::string> labelled_words(const LabelledPage& p, const std::string& label) {
  std::vector<std::string> out;
  p.page.for_each_word([&](std::size_t id, const doc::Line&, const doc::Word& w) {
    if (p.labels[id] == label) out.push_back(w.text);
  });
  return out;
}

// The original project's only annotation file (README: Ex1 has 24 segments, one each of labels 0-3;
// Ex2 has Fourni x3 "Your I", "Business", "Name"; "201/09.14" is Ex1's InvDate).
TEST(TextraFormat, ReadsTheOriginalExampleFile) {
  TEXTRA_REQUIRE_SHARED();
  const std::string path = textra::testing::shared_dir() + "/data/invoices-fr/textra-format/Exemple_Training.json";
  auto text = read_file(path);
  ASSERT_TRUE(text.is_ok());
  auto j = nlohmann::json::parse(*text);
  ASSERT_TRUE(is_textra_format(j));
  auto pages = parse_textra_format(j, *builtin_label_set("invoice"), path);
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 2u);
  const LabelledPage& ex1 = (*pages)[0];
  EXPECT_EQ(ex1.id, "Ex1.png");
  EXPECT_EQ(ex1.page.width, 875);
  EXPECT_EQ(labelled_words(ex1, "InvDate"), std::vector<std::string>{"201/09.14"});
  EXPECT_EQ(labelled_words(ex1, "InvNum"), std::vector<std::string>{"142"});
  EXPECT_EQ(labelled_words(ex1, "Fourni"), std::vector<std::string>{"CRYDENT"});
  // The README's worked example: box 20.457..% of 875 px = 179 px, 4.8235..% of 850 px = 41 px.
  const doc::Word* crydent = nullptr;
  ex1.page.for_each_word([&](std::size_t, const doc::Line&, const doc::Word& w) {
    if (w.text == "CRYDENT") crydent = &w;
  });
  ASSERT_NE(crydent, nullptr);
  EXPECT_EQ(crydent->box, (doc::Box{179, 41, 308, 68}));
  std::vector<std::string> fourni = labelled_words((*pages)[1], "Fourni");
  EXPECT_EQ(fourni, (std::vector<std::string>{"Your", "I", "Business", "Name"}));
}

TEST(TextraFormat, RefusesBadAnnotations) {
  auto set = *builtin_label_set("invoice");
  auto bad_label = nlohmann::json::parse(R"([{"file_name":"a.png","width":10,"height":10,
      "annotations":[{"box":[0,0,50,50],"text":"x","label":9}]}])");
  EXPECT_FALSE(parse_textra_format(bad_label, set, "a.json").is_ok());
  auto bad_box = nlohmann::json::parse(R"([{"file_name":"a.png","width":10,"height":10,
      "annotations":[{"box":[0,0,50],"text":"x","label":1}]}])");
  EXPECT_FALSE(parse_textra_format(bad_box, set, "a.json").is_ok());
}

}  // namespace
}  // namespace textra::ner
