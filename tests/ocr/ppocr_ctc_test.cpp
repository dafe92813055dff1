// CTC greedy decoding with frame positions, and words split at the space class (read, or likely enough on a
// gap) and at wide frame gaps.
#include "ocr/ppocr/ctc.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.h"

namespace textra::ocr::ppocr {
namespace {

const Keys& abc() {
  static const Keys keys({"A", "B", "C", "é"});  // classes: 0 blank, 1..4, 5 space
  return keys;
}

// One frame per class index in `path` (0 = blank), each with probability 0.9 on that class.
std::vector<float> frames_of(const std::vector<int>& path, int classes) {
  std::vector<float> p(path.size() * classes, 0.1f / (classes - 1));
  for (std::size_t t = 0; t < path.size(); ++t) p[t * classes + path[t]] = 0.9f;
  return p;
}

std::vector<std::string> texts(const std::vector<DecodedWord>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.text);
  return out;
}

TEST(PpocrCtc, RepeatsMergeBlanksSeparateAndFramesAreKept) {
  std::vector<float> p = frames_of({1, 1, 0, 1, 2, 2, 0, 0}, 6);
  std::vector<DecodedChar> chars = ctc_greedy(p.data(), 8, 6);
  ASSERT_EQ(chars.size(), 3u);
  EXPECT_EQ(chars[0].cls, 1);
  EXPECT_EQ(chars[0].first_frame, 0);
  EXPECT_EQ(chars[0].last_frame, 1);
  EXPECT_EQ(chars[1].first_frame, 3);
  EXPECT_EQ(chars[2].cls, 2);
  EXPECT_EQ(chars[2].last_frame, 5);
  EXPECT_NEAR(chars[2].confidence, 0.9f, 1e-6);
}

// The blank frame `t` of `p` also gives the space class (5) probability `space`, still under the blank's.
void give_space(std::vector<float>& p, int t, float space) {
  p[t * 6 + 5] = space;
  p[t * 6 + 0] = 0.9f - space;
}

TEST(PpocrCtc, AGapWhereTheSpaceClassIsLikelyEnoughSplitsThoughBlankWins) {
  // A B | C A: the blank wins every gap frame; the space class gets 0.2 at frame 3 only.
  std::vector<float> p = frames_of({1, 0, 2, 0, 3, 0, 1}, 6);
  give_space(p, 3, 0.2f);
  give_space(p, 5, 0.01f);
  std::vector<DecodedChar> chars = ctc_greedy(p.data(), 7, 6);
  ASSERT_EQ(chars.size(), 4u);
  EXPECT_NEAR(chars[2].space_before, 0.2f, 1e-6);
  EXPECT_NEAR(chars[3].space_before, 0.01f, 1e-6);
  WordSplit split;
  split.space_probability = 0.1f;
  EXPECT_EQ(texts(split_words(chars, abc(), split)), (std::vector<std::string>{"AB", "CA"}));
  split.space_probability = 0.3f;
  EXPECT_EQ(texts(split_words(chars, abc(), split)), (std::vector<std::string>{"ABCA"}));
}

TEST(PpocrCtc, AWideGapBetweenCharactersSplitsWordsWithoutASpace) {
  // A..B..C close together, then a gap of 8 frames, then A.B: two words though no space was read.
  std::vector<float> p = frames_of({1, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2}, 6);
  WordSplit gaps;
  gaps.min_gap = 3;
  std::vector<DecodedWord> words = split_words(ctc_greedy(p.data(), 15, 6), abc(), gaps);
  EXPECT_EQ(texts(words), (std::vector<std::string>{"ABC", "AB"}));
  EXPECT_EQ(words[0].first_frame, 0);
  EXPECT_EQ(words[0].last_frame, 4);
  EXPECT_EQ(words[1].first_frame, 12);
  EXPECT_EQ(words[1].last_frame, 14);
}

TEST(PpocrCtc, TheSpaceClassSplitsAndEvenlySpacedCharactersStayOneWord) {
  std::vector<float> spaced = frames_of({1, 0, 5, 0, 2, 0, 4}, 6);
  EXPECT_EQ(texts(split_words(ctc_greedy(spaced.data(), 7, 6), abc(), WordSplit{})),
            (std::vector<std::string>{"A", "Bé"}));
  std::vector<float> even = frames_of({1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 1}, 6);
  WordSplit gaps;
  gaps.min_gap = 3;
  EXPECT_EQ(texts(split_words(ctc_greedy(even.data(), 13, 6), abc(), gaps)),
            (std::vector<std::string>{"ABCA"}));
}

TEST(PpocrCtc, EmptyOrBlankOutputGivesNoWords) {
  std::vector<float> blank = frames_of({0, 0, 0}, 6);
  EXPECT_TRUE(split_words(ctc_greedy(blank.data(), 3, 6), abc(), WordSplit{}).empty());
  EXPECT_TRUE(ctc_greedy(nullptr, 0, 6).empty());
}

TEST(PpocrCtc, KeysCoverOnlyTheirCharacters) {
  EXPECT_EQ(abc().class_count(), 6);
  EXPECT_EQ(abc().text(4), "é");
  EXPECT_EQ(abc().text(5), " ");
  EXPECT_EQ(abc().text(0), "");
  EXPECT_TRUE(abc().covers("AB é"));
  EXPECT_FALSE(abc().covers("AÇ"));
}

TEST(PpocrCtc, KeysFileLoadsOneKeyPerLineAndRefusesEmptyLines) {
  std::string dir = testing::temp_dir("ppocr_keys");
  std::ofstream(dir + "/good.txt") << "a\nb\n€";
  auto keys = Keys::load(dir + "/good.txt");
  ASSERT_TRUE(keys.is_ok()) << keys.status().message();
  EXPECT_EQ(keys->class_count(), 5);
  EXPECT_EQ(keys->text(3), "€");
  std::ofstream(dir + "/bad.txt") << "a\n\nb\n";
  auto bad = Keys::load(dir + "/bad.txt");
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
}

}  // namespace
}  // namespace textra::ocr::ppocr
