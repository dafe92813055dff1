// KvAttention computes the query heads of a KV head together (grouped-query attention). Its outputs must be
// those of the per-head computation from the F16 dot products (bit for bit, every kernel set), and must not
// depend on how many tokens a pass holds nor on the thread count (drafts must give greedy's answers).
#include "llm/model/attention.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "llm/kernels/kernels.h"

namespace textra::llm {
namespace {

ModelConfig attention_config(int64_t n_head, int64_t n_head_kv, int64_t head_dim, int64_t sliding_window = 0) {
  ModelConfig c;
  c.n_layer = 2;
  c.n_head = n_head;
  c.n_head_kv = n_head_kv;
  c.head_dim = head_dim;
  c.n_embd = n_head * head_dim;
  c.sliding_window = sliding_window;
  return c;
}

float score_scale(const ModelConfig& c) { return 1.0f / std::sqrt(static_cast<float>(c.head_dim)); }

// Q, K and V rows of n_tokens tokens as the model lays them out: [q | k | v] per token.
struct Activations {
  int64_t stride = 0;
  std::vector<float> qkv;
  const float* q(int64_t t) const { return qkv.data() + t * stride; }
};

Activations random_activations(const ModelConfig& c, int64_t n_tokens, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.5f);
  Activations a;
  a.stride = c.n_embd_q() + 2 * c.n_embd_kv();
  a.qkv.resize(static_cast<size_t>(n_tokens * a.stride));
  for (float& v : a.qkv) v = normal(rng);
  return a;
}

void store_all(KvAttention& kv, const ModelConfig& c, const Activations& a, int64_t n_tokens, ComputePool& pool) {
  for (int layer = 0; layer < c.n_layer; ++layer) {
    kv.store(layer, 0, n_tokens, a.q(0) + c.n_embd_q(), a.q(0) + c.n_embd_q() + c.n_embd_kv(), a.stride, pool);
  }
}

// A cache of n_ctx positions holding all of `a`'s keys and values, with scratch for the pool's threads.
std::unique_ptr<KvAttention> filled_cache(const ModelConfig& c, const Activations& a, int64_t n_ctx, ComputePool& pool) {
  auto kv = std::make_unique<KvAttention>(c, n_ctx, pool.size());
  store_all(*kv, c, a, n_ctx, pool);
  return kv;
}

// Query head by query head, as llama.cpp's graph computes it: Q through F16, one F16 dot product per key,
// softmax, probabilities through F16, one F16 dot product per value dimension (cache read back with save_prefix).
std::vector<float> per_head_reference(const KvAttention& kv, const ModelConfig& c, int layer, int64_t pos0,
                                      int64_t n_tokens, const Activations& a, const KernelSet& ks) {
  const float scale = score_scale(c);
  const int64_t n = pos0 + n_tokens, n_kv = c.n_embd_kv(), hd = c.head_dim;
  std::vector<uint16_t> k(static_cast<size_t>(c.n_layer * n * n_kv)), v(k.size());
  kv.save_prefix(n, k.data(), v.data());
  const uint16_t* kl = k.data() + layer * n * n_kv;
  const uint16_t* vl = v.data() + layer * n * n_kv;
  const QuantizeRowFn to_f16 = ks.quantize[static_cast<int>(GgmlType::kF16)];
  const VecDotFn dot = ks.vec_dot[static_cast<int>(GgmlType::kF16)];
  std::vector<float> out(static_cast<size_t>(n_tokens * c.n_embd_q()));
  std::vector<uint16_t> q16(hd), p16(n);
  std::vector<float> scores(n);
  for (int64_t t = 0; t < n_tokens; ++t) {
    const int64_t pos = pos0 + t, n_keys = pos + 1;
    const int64_t first = c.sliding_window > 0 ? std::max<int64_t>(0, pos - c.sliding_window + 1) : 0;
    for (int64_t head = 0; head < c.n_head; ++head) {
      const int64_t kv_head = head / (c.n_head / c.n_head_kv);
      to_f16(a.q(pos) + head * hd, q16.data(), hd);
      std::fill(scores.begin(), scores.end(), 0.0f);
      for (int64_t j = first; j < n_keys; ++j) scores[j] = dot(hd, kl + j * n_kv + kv_head * hd, q16.data()) * scale;
      ks.softmax(scores.data() + first, n_keys - first);
      to_f16(scores.data(), p16.data(), n_keys);
      for (int64_t d = 0; d < hd; ++d) {
        out[t * c.n_embd_q() + head * hd + d] = dot(n_keys, vl + (kv_head * hd + d) * n, p16.data());
      }
    }
  }
  return out;
}

// attend() of tokens [pos0, pos0 + n_tokens) of `a` (the cache holding all of `a`), in passes of `per_pass`.
std::vector<float> attend_in_passes(KvAttention& kv, const ModelConfig& c, int layer, int64_t pos0, int64_t n_tokens,
                                    int64_t per_pass, const Activations& a, ComputePool& pool, const KernelSet& ks) {
  const float scale = score_scale(c);
  std::vector<float> out(static_cast<size_t>(n_tokens * c.n_embd_q()));
  for (int64_t t = 0; t < n_tokens; t += per_pass) {
    const int64_t n = std::min(per_pass, n_tokens - t);
    kv.attend(layer, pos0 + t, n, a.q(pos0 + t), a.stride, scale, out.data() + t * c.n_embd_q(), pool, ks);
  }
  return out;
}

struct Shape {
  const char* name;
  int64_t n_head, n_head_kv, head_dim, sliding_window;
};

// Llama 3.2 1B's grouping (4 query heads a KV head, head_dim 64), 3B's (3 a KV head), plain multi-head
// attention, a head_dim that leaves vector tails, and a sliding window shorter than the context.
const Shape kShapes[] = {{"group4", 8, 2, 64, 0},  {"group3", 6, 2, 128, 0}, {"mha", 4, 4, 64, 0},
                         {"odd_dim", 6, 3, 40, 0}, {"window", 8, 2, 64, 23}};

std::vector<KernelChoice> runnable_kernel_sets() {
  std::vector<KernelChoice> out;
  for (KernelChoice k : {KernelChoice::kScalar, KernelChoice::kAvx2, KernelChoice::kAvx512}) {
    if (kernel_set(k) != nullptr) out.push_back(k);
  }
  return out;
}

TEST(KvAttention, GroupedEqualsPerHeadReferenceBitForBit) {
  const int64_t depth = 117, n_tokens = 5, n_ctx = depth + n_tokens;
  for (const Shape& s : kShapes) {
    const ModelConfig c = attention_config(s.n_head, s.n_head_kv, s.head_dim, s.sliding_window);
    const Activations a = random_activations(c, n_ctx, 11);
    for (KernelChoice choice : runnable_kernel_sets()) {
      const KernelSet& ks = *kernel_set(choice);
      ComputePool pool(2);
      const auto kv = filled_cache(c, a, n_ctx, pool);
      for (int layer = 0; layer < c.n_layer; ++layer) {
        const auto got = attend_in_passes(*kv, c, layer, depth, n_tokens, n_tokens, a, pool, ks);
        const auto want = per_head_reference(*kv, c, layer, depth, n_tokens, a, ks);
        ASSERT_EQ(got.size(), want.size());
        for (size_t i = 0; i < got.size(); ++i) {
          ASSERT_EQ(got[i], want[i]) << s.name << ", " << ks.name << " kernels, layer " << layer << ", value " << i;
        }
      }
    }
  }
}

TEST(KvAttention, ResultsIgnoreTokensPerPassAndThreadCount) {
  const int64_t depth = 61, n_tokens = 9, n_ctx = depth + n_tokens;
  for (const Shape& s : kShapes) {
    const ModelConfig c = attention_config(s.n_head, s.n_head_kv, s.head_dim, s.sliding_window);
    const Activations a = random_activations(c, n_ctx, 12);
    std::vector<float> one_token_one_thread;
    for (int threads : {1, 2, 3}) {
      ComputePool pool(threads);
      const auto kv = filled_cache(c, a, n_ctx, pool);
      for (int64_t per_pass : {1, 2, 4, 9}) {
        const auto got = attend_in_passes(*kv, c, 1, depth, n_tokens, per_pass, a, pool, active_kernels());
        if (one_token_one_thread.empty()) one_token_one_thread = got;
        EXPECT_EQ(got, one_token_one_thread) << s.name << ": " << per_pass << " tokens a pass, " << threads << " threads";
      }
    }
  }
}

// With a window of W positions, keys older than W positions before the query get no weight: changing them
// changes nothing, and changing a key inside the window changes the output.
TEST(KvAttention, SlidingWindowIgnoresKeysBeforeIt) {
  const int64_t window = 16, n_ctx = 50, pos = n_ctx - 1;
  const ModelConfig c = attention_config(8, 2, 64, window);
  Activations a = random_activations(c, n_ctx, 13);
  ComputePool pool(2);
  auto attend_last = [&](const Activations& acts) {
    const auto kv = filled_cache(c, acts, n_ctx, pool);
    return attend_in_passes(*kv, c, 0, pos, 1, 1, acts, pool, active_kernels());
  };
  const auto base = attend_last(a);
  Activations outside = a, inside = a;
  const int64_t k_off = c.n_embd_q();
  for (int64_t i = 0; i < 2 * c.n_embd_kv(); ++i) {
    outside.qkv[(pos - window) * a.stride + k_off + i] += 3.0f;  // the newest position outside the window
    inside.qkv[(pos - window + 1) * a.stride + k_off + i] += 3.0f;  // the oldest inside it
  }
  EXPECT_EQ(attend_last(outside), base);
  EXPECT_NE(attend_last(inside), base);
}

// The compact copy (the prompt cache's form) brings back the same cache: a session restored from the first
// n of `stored` saved positions attends exactly as the one that computed them.
TEST(KvAttention, PrefixCopyRestoresTheSameAttention) {
  const ModelConfig c = attention_config(8, 2, 64);
  const int64_t stored = 40, n = 33, n_ctx = 48;
  const Activations a = random_activations(c, n_ctx, 14);
  ComputePool pool(2);
  const auto computed = filled_cache(c, a, n_ctx, pool);
  KvAttention restored(c, n_ctx, pool.size());
  std::vector<uint16_t> k(static_cast<size_t>(c.n_layer * stored * c.n_embd_kv())), v(k.size());
  computed->save_prefix(stored, k.data(), v.data());
  restored.load_prefix(n, stored, k.data(), v.data());
  for (int layer = 0; layer < c.n_layer; ++layer) {
    restored.store(layer, n, n_ctx - n, a.q(n) + c.n_embd_q(), a.q(n) + c.n_embd_q() + c.n_embd_kv(), a.stride, pool);
  }
  for (int layer = 0; layer < c.n_layer; ++layer) {
    EXPECT_EQ(attend_in_passes(restored, c, layer, n - 3, 6, 6, a, pool, active_kernels()),
              attend_in_passes(*computed, c, layer, n - 3, 6, 6, a, pool, active_kernels()))
        << "layer " << layer;
  }
}

}  // namespace
}  // namespace textra::llm
