#include "llm/sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace textra::llm {

int32_t argmax(const float* logits, int64_t n) {
  int64_t best = 0;
  for (int64_t i = 1; i < n; ++i) {
    if (logits[i] > logits[best]) best = i;
  }
  return static_cast<int32_t>(best);
}

Sampler::Sampler(const SamplingParams& params) : params_(params), rng_(params.seed) {}

void Sampler::accept(int32_t token) {
  if (params_.repeat_last_n <= 0) return;
  recent_.push_back(token);
  while (static_cast<int>(recent_.size()) > params_.repeat_last_n) recent_.pop_front();
}

// llama.cpp's penalty: a positive logit is divided by the penalty, a negative one multiplied, once per
// distinct recent token.
void Sampler::apply_penalty(std::vector<Candidate>& c) const {
  if (params_.repeat_penalty == 1.0f || recent_.empty()) return;
  const std::unordered_set<int32_t> seen(recent_.begin(), recent_.end());
  for (Candidate& cand : c) {
    if (seen.count(cand.id) == 0) continue;
    cand.logit = cand.logit > 0 ? cand.logit / params_.repeat_penalty : cand.logit * params_.repeat_penalty;
  }
}

int32_t Sampler::sample(const float* logits, int64_t n_vocab) {
  candidates_.resize(static_cast<size_t>(n_vocab));
  for (int64_t i = 0; i < n_vocab; ++i) candidates_[i] = {static_cast<int32_t>(i), logits[i], 0.0f};
  apply_penalty(candidates_);
  auto by_logit = [](const Candidate& a, const Candidate& b) {
    return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
  };
  if (params_.temperature <= 0.0f) {
    return std::min_element(candidates_.begin(), candidates_.end(), by_logit)->id;
  }
  size_t keep = candidates_.size();
  if (params_.top_k > 0 && static_cast<size_t>(params_.top_k) < keep) keep = static_cast<size_t>(params_.top_k);
  std::partial_sort(candidates_.begin(), candidates_.begin() + keep, candidates_.end(), by_logit);
  // Tokens a constraint forbade (-inf) are never drawn, even when rounding leaves the draw past the end.
  while (keep > 1 && std::isinf(candidates_[keep - 1].logit) && candidates_[keep - 1].logit < 0) --keep;
  candidates_.resize(keep);

  // Probabilities at temperature 1 for the top-p / min-p cuts (as llama.cpp's chain does).
  auto normalise = [this](float temperature) {
    const float max = candidates_.front().logit;
    double sum = 0;
    for (Candidate& c : candidates_) {
      c.p = std::exp((c.logit - max) / temperature);
      sum += c.p;
    }
    for (Candidate& c : candidates_) c.p = static_cast<float>(c.p / sum);
  };
  normalise(1.0f);
  if (params_.top_p < 1.0f) {
    double cumulative = 0;
    size_t n = 0;
    while (n < candidates_.size()) {
      cumulative += candidates_[n++].p;
      if (cumulative >= params_.top_p) break;
    }
    candidates_.resize(std::max<size_t>(n, 1));
  }
  if (params_.min_p > 0.0f) {
    const float threshold = candidates_.front().p * params_.min_p;
    size_t n = 1;
    while (n < candidates_.size() && candidates_[n].p >= threshold) ++n;
    candidates_.resize(n);
  }
  normalise(params_.temperature);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  double r = uniform(rng_);
  for (const Candidate& c : candidates_) {
    r -= c.p;
    if (r <= 0) return c.id;
  }
  return candidates_.back().id;
}

}  // namespace textra::llm
