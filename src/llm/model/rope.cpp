#include "llm/model/rope.h"

#include <cmath>

namespace textra::llm {

Rope::Rope(const ModelConfig& config, std::vector<float> factors)
    : style_(config.rope_style),
      n_rot_(config.n_rot),
      head_dim_(config.head_dim),
      theta_scale_(std::pow(config.rope_freq_base, -2.0f / static_cast<float>(config.n_rot))),
      freq_scale_(config.rope_freq_scale),
      attn_factor_(config.rope_attn_factor),
      factors_(std::move(factors)) {}

void Rope::angles(int64_t pos, float* cos_sin) const {
  float theta = static_cast<float>(pos);
  for (int64_t i = 0; i < n_rot_ / 2; ++i) {
    const float factor = factors_.empty() ? 1.0f : factors_[i];
    const float angle = freq_scale_ * (theta / factor);
    cos_sin[2 * i] = std::cos(angle) * attn_factor_;
    cos_sin[2 * i + 1] = std::sin(angle) * attn_factor_;
    theta *= theta_scale_;
  }
}

void Rope::apply(float* x, int64_t n_heads, const float* cos_sin) const {
  const int64_t half = n_rot_ / 2;
  for (int64_t h = 0; h < n_heads; ++h) {
    float* v = x + h * head_dim_;
    for (int64_t i = 0; i < half; ++i) {
      const float c = cos_sin[2 * i], s = cos_sin[2 * i + 1];
      // normal: the pair (2i, 2i+1); neox: the pair (i, i + n_rot/2).
      const int64_t a = style_ == RopeStyle::kNormal ? 2 * i : i;
      const int64_t b = style_ == RopeStyle::kNormal ? 2 * i + 1 : i + half;
      const float x0 = v[a], x1 = v[b];
      v[a] = x0 * c - x1 * s;
      v[b] = x0 * s + x1 * c;
    }
  }
}

}  // namespace textra::llm
