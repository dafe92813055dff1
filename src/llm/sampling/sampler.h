// Picking the next token from logits, in llama.cpp's default order: repetition penalty, top-k, top-p,
// min-p, temperature, then a seeded draw. Temperature <= 0 means greedy (argmax, lowest id on ties).
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <vector>

namespace textra::llm {

struct SamplingParams {
  float temperature = 0.8f;
  int top_k = 40;            // <= 0: off
  float top_p = 0.95f;       // >= 1: off
  float min_p = 0.05f;       // <= 0: off
  float repeat_penalty = 1.0f;  // 1: off
  int repeat_last_n = 64;    // tokens the penalty looks back over
  uint64_t seed = 0;
};

class Sampler {
 public:
  explicit Sampler(const SamplingParams& params);

  // Chooses a token from n_vocab logits (not modified).
  int32_t sample(const float* logits, int64_t n_vocab);
  // Whether sample() is a pure function of the logits and the recorded context (temperature <= 0).
  bool greedy() const { return params_.temperature <= 0.0f; }
  // Records a token of the context (prompt or generated) for the repetition penalty.
  void accept(int32_t token);

 private:
  struct Candidate {
    int32_t id;
    float logit;
    float p;
  };
  void apply_penalty(std::vector<Candidate>& c) const;

  SamplingParams params_;
  std::mt19937_64 rng_;
  std::deque<int32_t> recent_;
  std::vector<Candidate> candidates_;
};

int32_t argmax(const float* logits, int64_t n);

}  // namespace textra::llm
