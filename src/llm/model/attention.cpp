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
  const int64_t group = config.n_head / config.n_head_kv;
  scratch_.resize(std::max(1, n_threads));
  for (ThreadScratch& s : scratch_) {
    s.q.resize(group * config.head_dim);
    s.p.resize(group * n_ctx);
  }
}

void KvAttention::store(int layer, int64_t pos0, int64_t n_tokens, const float* k, const float* v, int64_t stride,
                        ComputePool& pool) {
  const KernelSet& kernels = active_kernels();
  const QuantizeRowFn to_f16 = kernels.quantize[static_cast<int>(GgmlType::kF16)];
  const int64_t hd = config_.head_dim;
  uint16_t* kl = k_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  uint16_t* vl = v_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  pool.run([&](int ith, int nth) {
    for (int64_t t = ith; t < n_tokens; t += nth) {
      for (int64_t h = 0; h < config_.n_head_kv; ++h) to_f16(k + t * stride + h * hd, kl + key_offset(h, pos0 + t), hd);
    }
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
                         float* out, ComputePool& pool, const KernelSet& kernels) {
  const int64_t hd = config_.head_dim, n_head = config_.n_head, n_head_kv = config_.n_head_kv;
  const int64_t group = n_head / n_head_kv;
  const uint16_t* kl = k_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  const uint16_t* vl = v_.data() + static_cast<size_t>(layer) * n_ctx_ * n_kv_;
  const int64_t window = config_.sliding_window;
  // One item: the `group` query heads of one KV head at one token, so that each key and value row is read
  // and converted once for all of them; a KV head's tokens are neighbours, so its rows are still in cache
  // for the next token. Items never share a sum, so the thread count changes no result.
  pool.run([&](int ith, int nth) {
    ThreadScratch& s = scratch_[ith];
    for (int64_t item = ith; item < n_tokens * n_head_kv; item += nth) {
      const int64_t kv_head = item / n_tokens, t = item % n_tokens;
      const int64_t pos = pos0 + t, n_keys = pos + 1;
      const int64_t first = window > 0 ? std::max<int64_t>(0, pos - window + 1) : 0;
      kernels.round_to_f16(q + t * q_stride + kv_head * group * hd, s.q.data(), group * hd);
      float* p = s.p.data();  // row g: query head kv_head * group + g, n_ctx_ apart
      kernels.f16_rows_dot(hd, kl + key_offset(kv_head, first), hd, n_keys - first, s.q.data(), hd, group, p + first, n_ctx_);
      for (int64_t g = 0; g < group; ++g) {
        float* scores = p + g * n_ctx_;
        for (int64_t j = first; j < n_keys; ++j) scores[j] *= kq_scale;
        kernels.softmax(scores + first, n_keys - first);
        std::fill(scores, scores + first, 0.0f);
        kernels.round_to_f16(scores, scores, n_keys);
      }
      kernels.f16_rows_dot(n_keys, vl + kv_head * hd * n_ctx_, n_ctx_, hd, p, n_ctx_, group,
                           out + t * n_head * hd + kv_head * group * hd, hd);
    }
  });
}

template <typename F>
void KvAttention::for_each_prefix_piece(int64_t n, int64_t stored, F&& f) const {
  const int64_t hd = config_.head_dim;
  for (int64_t layer = 0; layer < config_.n_layer; ++layer) {
    const size_t base = static_cast<size_t>(layer) * n_ctx_ * n_kv_;
    for (int64_t pos = 0; pos < n; ++pos) {
      for (int64_t h = 0; h < config_.n_head_kv; ++h) {
        f(true, base + key_offset(h, pos), (layer * stored + pos) * n_kv_ + h * hd, hd);
      }
    }
    for (int64_t d = 0; d < n_kv_; ++d) f(false, base + d * n_ctx_, (layer * n_kv_ + d) * stored, n);
  }
}

void KvAttention::save_prefix(int64_t n, uint16_t* k, uint16_t* v) const {
  for_each_prefix_piece(n, n, [&](bool key, size_t cache, int64_t compact, int64_t count) {
    std::copy_n((key ? k_ : v_).data() + cache, count, (key ? k : v) + compact);
  });
}

void KvAttention::load_prefix(int64_t n, int64_t stored, const uint16_t* k, const uint16_t* v) {
  for_each_prefix_piece(n, stored, [&](bool key, size_t cache, int64_t compact, int64_t count) {
    std::copy_n((key ? k : v) + compact, count, (key ? k_ : v_).data() + cache);
  });
}

}  // namespace textra::llm
