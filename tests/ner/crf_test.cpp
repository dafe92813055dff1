#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "ner/crf.h"
#include "ner/crf_train.h"

namespace textra::ner {
namespace {

CrfSequence sequence(const std::vector<std::vector<std::uint32_t>>& attrs, const std::vector<int>& labels) {
  CrfSequence s;
  for (const auto& a : attrs) s.add_position(a);
  s.labels = labels;
  return s;
}

TEST(Crf, GradientMatchesFiniteDifferences) {
  // 3 labels, 4 attributes, two short sequences, random non-zero weights.
  std::vector<CrfSequence> data = {sequence({{0, 1}, {2}, {1, 3}}, {0, 2, 1}), sequence({{3}, {0, 2}}, {1, 1})};
  const int labels = 3;
  const std::size_t attributes = 4;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<double> w(attributes * labels + labels * labels);
  for (double& v : w) v = dist(rng);
  ThreadPool pool(2);
  std::vector<double> grad;
  crf_objective(data, labels, attributes, 0.3, w, grad, pool);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const double h = 1e-5;
    std::vector<double> plus = w, minus = w, unused;
    plus[i] += h;
    minus[i] -= h;
    double numeric = (crf_objective(data, labels, attributes, 0.3, plus, unused, pool) -
                      crf_objective(data, labels, attributes, 0.3, minus, unused, pool)) / (2 * h);
    EXPECT_NEAR(grad[i], numeric, 1e-6) << "parameter " << i;
  }
}

TEST(Crf, MarginalsSumToOneAndMatchBruteForce) {
  CrfWeights w(2, 2);
  w.state = {0.5, -0.2, 0.1, 0.7};
  w.transition = {0.3, -0.4, 0.2, 0.0};
  CrfSequence s = sequence({{0}, {1}, {0, 1}}, {});
  std::vector<double> m = marginals(params_of(w), s);
  // Brute force over the 8 label sequences.
  double z = 0.0, p_first_is_1 = 0.0;
  for (int code = 0; code < 8; ++code) {
    int y[3] = {code & 1, (code >> 1) & 1, (code >> 2) & 1};
    double score = 0.0;
    for (int t = 0; t < 3; ++t) {
      for (std::uint32_t k = s.offsets[t]; k < s.offsets[t + 1]; ++k) score += w.state[s.attributes[k] * 2 + y[t]];
      if (t > 0) score += w.transition[y[t - 1] * 2 + y[t]];
    }
    z += std::exp(score);
    if (y[0] == 1) p_first_is_1 += std::exp(score);
  }
  EXPECT_NEAR(m[1], p_first_is_1 / z, 1e-12);
  for (int t = 0; t < 3; ++t) EXPECT_NEAR(m[t * 2] + m[t * 2 + 1], 1.0, 1e-12);
}

// A task only the transitions can solve: the label of a neutral word copies the previous label, which
// the first word announces with attribute 1 (label 1) or 2 (label 0).
TEST(Crf, LearnsAToyTaskThatNeedsTransitions) {
  std::vector<CrfSequence> data;
  std::mt19937 rng(3);
  for (int n = 0; n < 60; ++n) {
    int label = static_cast<int>(rng() % 2);
    std::vector<std::vector<std::uint32_t>> attrs = {{label == 1 ? 1u : 2u}};
    std::vector<int> labels = {label};
    for (int t = 0; t < 4; ++t) {
      attrs.push_back({0});
      labels.push_back(label);
    }
    data.push_back(sequence(attrs, labels));
  }
  ThreadPool pool(2);
  CrfTrainOptions options;
  options.l2 = 0.1;
  auto w = train_crf(data, 2, 3, options, pool);
  ASSERT_TRUE(w.is_ok()) << w.status().message();
  EXPECT_EQ(viterbi(params_of(*w), sequence({{1}, {0}, {0}, {0}}, {})), (std::vector<int>{1, 1, 1, 1}));
  EXPECT_EQ(viterbi(params_of(*w), sequence({{2}, {0}, {0}}, {})), (std::vector<int>{0, 0, 0}));
  std::vector<double> m = marginals(params_of(*w), sequence({{1}, {0}}, {}));
  EXPECT_GT(m[1 * 2 + 1], 0.9);
}

TEST(Crf, TrainingRefusesBadInput) {
  ThreadPool pool(1);
  EXPECT_FALSE(train_crf({}, 2, 1, {}, pool).is_ok());
  EXPECT_FALSE(train_crf({sequence({{0}}, {5})}, 2, 1, {}, pool).is_ok());
  EXPECT_FALSE(train_crf({sequence({{9}}, {0})}, 2, 1, {}, pool).is_ok());
  EXPECT_FALSE(train_crf({sequence({{0}}, {0, 1})}, 2, 1, {}, pool).is_ok());
}

}  // namespace
}  // namespace textra::ner
