#include "llm/model/attention.h"

#include <algorithm>
#include <cmath>

#include "llm/model/layer_ops.h"

namespace textra::llm {

KvAttention::KvAttention(const ModelConfig& config, int64_t n_ctx, int n_threads)
    : config_(config), n_ctx_(n_ctx), n_kv_(config.n_embd_kv()) {
  const size_t per_layer = static_cast<size_t>(n_ctx * n_kv_);
  k_.assign(per_layer * config.n_layer, 0);
  v_.assign(per_layer * config.n_layer, 0);
  scratch_.resize(std::max(1, n_threads));
  for (ThreadScratch& s : scratch_) {
    s.q16.resize(config.head_dim);
    s.scores.resize(n_ctx);
    s.p16.resize(n_ctx);
  }
}

void KvAttention::store(int layer, int64_t pos0, int64_t n_tokens, const float* k, const float* v, int64_t stride,
                        ComputePool& pool) {
  const KernelSet& kernels = active_kernels();
  const QuantizeRowFn to_f16 = kernels.quantize[static_cast<int>(GgmlType::kF16)];
  uint16_t* kl = k_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  uint16_t* vl = v_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  pool.run([&](int ith, int nth) {
    for (int64_t t = ith; t < n_tokens; t += nth) to_f16(k + t * stride, kl + (pos0 + t) * n_kv_, n_kv_);
    // V transposed: thread-split by value dimension so that rows are written by one thread each.
    for (int64_t d = ith; d < n_kv_; d += nth) {
      for (int64_t t = 0; t < n_tokens; ++t) {
        float value = v[t * stride + d];
        uint16_t h;
        to_f16(&value, &h, 1);
        vl[d * n_ctx_ + pos0 + t] = h;
      }
    }
  });
}

void KvAttention::attend(int layer, int64_t pos0, int64_t n_tokens, const float* q, int64_t q_stride, float kq_scale,
                         float* out, ComputePool& pool) {
  const KernelSet& kernels = active_kernels();
  const QuantizeRowFn to_f16 = kernels.quantize[static_cast<int>(GgmlType::kF16)];
  const VecDotFn dot_f16 = kernels.vec_dot[static_cast<int>(GgmlType::kF16)];
  const int64_t hd = config_.head_dim, n_head = config_.n_head, group = n_head / config_.n_head_kv;
  const uint16_t* kl = k_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  const uint16_t* vl = v_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  const int64_t window = config_.sliding_window;
  pool.run([&](int ith, int nth) {
    ThreadScratch& s = scratch_[ith];
    for (int64_t item = ith; item < n_tokens * n_head; item += nth) {
      const int64_t t = item / n_head, head = item % n_head, kv_head = head / group;
      const int64_t pos = pos0 + t, n_keys = pos + 1;
      const int64_t first = window > 0 ? std::max<int64_t>(0, pos - window + 1) : 0;
      to_f16(q + t * q_stride + head * hd, s.q16.data(), hd);
      float* scores = s.scores.data();
      kernels.f16_rows_dot(hd, kl + first * n_kv_ + kv_head * hd, n_kv_, n_keys - first, s.q16.data(), scores + first);
      for (int64_t j = first; j < n_keys; ++j) scores[j] *= kq_scale;
      kernels.softmax(s.scores.data() + first, n_keys - first);
      std::fill(s.scores.begin(), s.scores.begin() + first, 0.0f);
      to_f16(s.scores.data(), s.p16.data(), n_keys);
      float* o = out + t * n_head * hd + head * hd;
      for (int64_t d = 0; d < hd; ++d) o[d] = dot_f16(n_keys, vl + (kv_head * hd + d) * n_ctx_, s.p16.data());
    }
  });
}

void KvAttention::save_prefix(int64_t n, uint16_t* k, uint16_t* v) const {
  for (int64_t layer = 0; layer < config_.n_layer; ++layer) {
    const size_t base = static_cast<size_t>(layer) * n_ctx_ * n_kv_;
    std::copy_n(k_.data() + base, n * n_kv_, k + layer * n * n_kv_);
    for (int64_t d = 0; d < n_kv_; ++d) std::copy_n(v_.data() + base + d * n_ctx_, n, v + (layer * n_kv_ + d) * n);
  }
}

void KvAttention::load_prefix(int64_t n, int64_t stored, const uint16_t* k, const uint16_t* v) {
  for (int64_t layer = 0; layer < config_.n_layer; ++layer) {
    const size_t base = static_cast<size_t>(layer) * n_ctx_ * n_kv_;
    std::copy_n(k + layer * stored * n_kv_, n * n_kv_, k_.data() + base);
    for (int64_t d = 0; d < n_kv_; ++d) std::copy_n(v + (layer * n_kv_ + d) * stored, n, v_.data() + base + d * n_ctx_);
  }
}

}  // namespace textra::llm
