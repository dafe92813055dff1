// Rotary position embedding as ggml computes it: theta_i = pos * base^(-2i/n_rot) (the power taken by
// repeated float multiplication, like ggml), divided by a per-frequency factor where the model has one,
// times the linear frequency scale; cos and sin are multiplied by attn_factor.
#pragma once

#include <cstdint>
#include <vector>

#include "llm/model/model_config.h"

namespace textra::llm {

class Rope {
 public:
  // factors: n_rot/2 divisors of the frequencies, or empty.
  Rope(const ModelConfig& config, std::vector<float> factors);

  // cos/sin of the n_rot/2 angles for one position, interleaved (cos0, sin0, cos1, sin1, ...).
  void angles(int64_t pos, float* cos_sin) const;
  // Rotates the first n_rot values of each of n_heads heads (head_dim apart) in place.
  void apply(float* x, int64_t n_heads, const float* cos_sin) const;

 private:
  RopeStyle style_;
  int64_t n_rot_, head_dim_;
  float theta_scale_, freq_scale_, attn_factor_;
  std::vector<float> factors_;
};

}  // namespace textra::llm
