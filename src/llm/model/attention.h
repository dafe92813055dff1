// Causal self-attention over an f16 KV cache, computed as llama.cpp's CPU graph does without flash
// attention: Q rounded to f16 for the K·Q products, softmax in f32, probabilities rounded to f16 for the
// product with V (stored transposed, one row per value dimension, so both products are f16 dot products).
// The query heads that share a KV head (grouped-query attention) are computed together, so that each key and
// value row is converted once per KV head and token rather than once per query head.
#pragma once

#include <cstdint>
#include <vector>

#include "llm/kernels/kernels.h"
#include "llm/model/model_config.h"

namespace textra::llm {

class KvAttention {
 public:
  KvAttention(const ModelConfig& config, int64_t n_ctx, int n_threads);

  // Stores K and V of n_tokens tokens at positions pos0.. (rows `stride` floats apart).
  void store(int layer, int64_t pos0, int64_t n_tokens, const float* k, const float* v, int64_t stride,
             ComputePool& pool);
  // out[t] (n_head * head_dim) = attention of q[t] (rows `q_stride` apart) at position pos0 + t over the
  // cached positions 0..pos0+t (within the sliding window, if any); scores are multiplied by kq_scale.
  // Each (token, head)'s values depend on neither n_tokens nor the thread count.
  void attend(int layer, int64_t pos0, int64_t n_tokens, const float* q, int64_t q_stride, float kq_scale,
              float* out, ComputePool& pool, const KernelSet& kernels = active_kernels());

  // The cache of positions [0, n) in compact form (k: [layer][pos][n_kv], v: [layer][n_kv][pos], n positions
  // a row), and back: load_prefix takes the first n positions of such a copy holding `stored` >= n positions.
  void save_prefix(int64_t n, uint16_t* k, uint16_t* v) const;
  void load_prefix(int64_t n, int64_t stored, const uint16_t* k, const uint16_t* v);

 private:
  const ModelConfig& config_;
  int64_t n_ctx_;
  int64_t n_kv_;  // n_head_kv * head_dim
  // Each KV head's keys are contiguous, so that its queries stream them (rows of the [pos][n_kv] layout are
  // 1-2 KiB apart, a stride the hardware prefetchers do not follow across pages).
  std::vector<uint16_t> k_;  // [layer][kv_head][pos][head_dim]
  std::vector<uint16_t> v_;  // [layer][n_kv][pos] (transposed)
  int64_t key_offset(int64_t kv_head, int64_t pos) const { return (kv_head * n_ctx_ + pos) * config_.head_dim; }
  // f(is_key, offset in k_ or v_, offset in the compact form of `stored` positions, count) for every piece
  // of positions [0, n): what save_prefix and load_prefix copy, one way or the other.
  template <typename F>
  void for_each_prefix_piece(int64_t n, int64_t stored, F&& f) const;
  // One KV head's queries and their probabilities, as floats holding F16 values (the products' operands).
  struct ThreadScratch {
    std::vector<float> q;  // [group][head_dim]
    std::vector<float> p;  // [group][n_ctx]
  };
  std::vector<ThreadScratch> scratch_;
};

}  // namespace textra::llm
