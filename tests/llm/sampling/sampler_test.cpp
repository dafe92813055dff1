#include "llm/sampling/sampler.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <vector>

namespace textra::llm {
namespace {

TEST(Sampler, GreedyTakesArgmaxLowestIdOnTies) {
  Sampler s({.temperature = 0.0f});
  const std::vector<float> logits = {0.5f, 2.0f, -1.0f, 2.0f};
  EXPECT_EQ(s.sample(logits.data(), 4), 1);
}

// A constraint (llm/runner/grammar_constraint.h) forbids tokens with -infinity: however the draw falls, they
// never come out, even when fewer tokens are allowed than top-k keeps.
TEST(Sampler, NeverDrawsForbiddenTokens) {
  constexpr float kForbidden = -std::numeric_limits<float>::infinity();
  std::vector<float> logits(100, kForbidden);
  logits[17] = 0.3f;
  logits[64] = 0.1f;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    Sampler s({.temperature = 1.5f, .top_k = 40, .top_p = 1.0f, .min_p = 0.0f, .seed = seed});
    int32_t id = s.sample(logits.data(), 100);
    EXPECT_TRUE(id == 17 || id == 64) << "seed " << seed << " drew " << id;
  }
}

TEST(Sampler, SameSeedSameDraws) {
  const std::vector<float> logits = {1.0f, 1.1f, 0.9f, 1.05f, 0.2f};
  Sampler a({.temperature = 1.0f, .top_k = 0, .top_p = 1.0f, .min_p = 0.0f, .seed = 42});
  Sampler b({.temperature = 1.0f, .top_k = 0, .top_p = 1.0f, .min_p = 0.0f, .seed = 42});
  for (int i = 0; i < 50; ++i) EXPECT_EQ(a.sample(logits.data(), 5), b.sample(logits.data(), 5));
}

TEST(Sampler, DrawFrequenciesFollowSoftmax) {
  const std::vector<float> logits = {0.0f, std::log(3.0f)};  // probabilities 1/4 and 3/4
  Sampler s({.temperature = 1.0f, .top_k = 0, .top_p = 1.0f, .min_p = 0.0f, .seed = 7});
  int ones = 0;
  for (int i = 0; i < 4000; ++i) ones += s.sample(logits.data(), 2);
  EXPECT_NEAR(ones / 4000.0, 0.75, 0.03);
}

TEST(Sampler, TopKAndTopPAndMinPCut) {
  const std::vector<float> logits = {5.0f, 4.9f, 0.0f, -3.0f};
  std::map<int, int> counts;
  Sampler k({.temperature = 1.0f, .top_k = 1, .top_p = 1.0f, .min_p = 0.0f, .seed = 1});
  for (int i = 0; i < 100; ++i) EXPECT_EQ(k.sample(logits.data(), 4), 0);
  Sampler p({.temperature = 5.0f, .top_k = 0, .top_p = 0.5f, .min_p = 0.0f, .seed = 1});
  for (int i = 0; i < 100; ++i) EXPECT_EQ(p.sample(logits.data(), 4), 0);  // token 0 alone holds > 50 %
  Sampler m({.temperature = 5.0f, .top_k = 0, .top_p = 1.0f, .min_p = 0.5f, .seed = 1});
  for (int i = 0; i < 200; ++i) counts[m.sample(logits.data(), 4)]++;
  EXPECT_EQ(counts.count(2) + counts.count(3), 0u);  // far below half of the top probability
  EXPECT_GT(counts[1], 0);
}

TEST(Sampler, RepetitionPenaltyDemotesRecentTokens) {
  const std::vector<float> logits = {2.0f, 1.9f};
  Sampler s({.temperature = 0.0f, .repeat_penalty = 1.5f});
  EXPECT_EQ(s.sample(logits.data(), 2), 0);
  s.accept(0);
  EXPECT_EQ(s.sample(logits.data(), 2), 1);  // 2.0 / 1.5 < 1.9
}

}  // namespace
}  // namespace textra::llm
