// Prompt-lookup drafts: which tokens are proposed after the answer so far.
#include "llm/sampling/prompt_lookup.h"

#include <gtest/gtest.h>

#include <vector>

namespace textra::llm {
namespace {

using Ids = std::vector<int32_t>;

PromptLookup with_answer(const Ids& source, const Ids& answer, size_t max_ngram = 3) {
  PromptLookup lookup(source, max_ngram);
  for (int32_t id : answer) lookup.push(id);
  return lookup;
}

TEST(PromptLookup, ProposesWhatFollowedTheAnswersEndInTheSource) {
  // The answer has copied 10 11 of "10 11 12 13 14": the rest follows.
  EXPECT_EQ(with_answer({1, 10, 11, 12, 13, 14, 2}, {10, 11}).propose(3), (Ids{12, 13, 14}));
  EXPECT_EQ(with_answer({1, 10, 11, 12, 13, 14, 2}, {10, 11}).propose(10), (Ids{12, 13, 14, 2, 10, 11, 12, 13, 14, 2}))
      << "past the source's end the answer follows, then the copy runs on";
}

TEST(PromptLookup, TheLongestSuffixWinsOverALaterShorterOne) {
  // "5 6" occurs early followed by 7; "6" alone occurs later followed by 9.
  const Ids source = {5, 6, 7, 0, 6, 9};
  EXPECT_EQ(with_answer(source, {5, 6}).propose(1), (Ids{7}));
  EXPECT_EQ(with_answer(source, {4, 6}).propose(1), (Ids{9})) << "only the 1-gram matches: its latest occurrence";
  EXPECT_EQ(with_answer(source, {5, 6}, 1).propose(1), (Ids{9})) << "max_ngram 1 sees only the last token";
}

TEST(PromptLookup, ARepeatInTheAnswerRunsOn) {
  // The answer loops "8 9": the latest earlier "8 9" is 2 tokens back; the copy continues from itself.
  EXPECT_EQ(with_answer({1, 2}, {8, 9, 8, 9}).propose(5), (Ids{8, 9, 8, 9, 8}));
}

TEST(PromptLookup, NothingWithoutAnAnswerOrAMatch) {
  EXPECT_TRUE(with_answer({1, 2, 3}, {}).propose(4).empty()) << "the prompt's own end is not looked up";
  EXPECT_TRUE(with_answer({1, 2, 3}, {7}).propose(4).empty());
  EXPECT_TRUE(with_answer({1, 2, 3}, {2}).propose(0).empty());
}

// A pass with a draft costs about twice one without: once kProbePasses drafts were checked, drafting goes
// on only while they confirmed at least kMinAcceptedPerPass tokens a pass.
TEST(PromptLookup, StopsProposingWhenDraftsAreRarelyConfirmed) {
  static_assert(PromptLookup::kProbePasses == 8 && PromptLookup::kMinAcceptedPerPass == 1);
  PromptLookup paying = with_answer({1, 10, 11, 12}, {10});
  PromptLookup losing = with_answer({1, 10, 11, 12}, {10});
  for (int pass = 0; pass < 8; ++pass) {
    EXPECT_FALSE(losing.propose(2).empty()) << "still probing at pass " << pass;
    paying.record(2, pass % 2 == 0 ? 2 : 0);  // 8 tokens in 8 passes: one a pass
    losing.record(2, pass < 3 ? 2 : (pass == 3 ? 1 : 0));  // 7 tokens in 8 passes
  }
  EXPECT_EQ(paying.propose(2), (Ids{11, 12}));
  EXPECT_TRUE(losing.propose(2).empty());
  paying.record(0, 0);  // no draft, no pass counted
  EXPECT_FALSE(paying.propose(2).empty());
  paying.record(3, 0);  // 8 tokens in 9 passes
  EXPECT_TRUE(paying.propose(2).empty());
}

}  // namespace
}  // namespace textra::llm
