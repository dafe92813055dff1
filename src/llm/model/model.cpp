#include "llm/model/model.h"

#include <algorithm>
#include <cmath>

#include "llm/gguf/dequantize.h"
#include "llm/model/attention.h"
#include "llm/model/layer_ops.h"
#include "llm/model/rope.h"

namespace textra::llm {

Result<std::unique_ptr<Model>> Model::load(const std::string& path) {
  auto file = GgufFile::open(path, {}, FileMapping::kHugePages);
  if (!file.is_ok()) return file.status();
  return from_file(std::shared_ptr<const GgufFile>(std::move(file).value()));
}

Result<std::unique_ptr<Model>> Model::from_file(std::shared_ptr<const GgufFile> file) {
  std::unique_ptr<Model> model(new Model());
  model->file_ = std::move(file);
  auto config = read_model_config(*model->file_);
  if (!config.is_ok()) return config.status().with_context(model->file_->name());
  model->config_ = std::move(config).value();
  auto weights = bind_model_weights(*model->file_, model->config_);
  if (!weights.is_ok()) return weights.status().with_context(model->file_->name());
  model->weights_ = std::move(weights).value();
  return model;
}

namespace {

// Rope frequency factors as llama.cpp picks them: llama's rope_freqs; phi3's long factors when the
// session's context exceeds the original training context, else the short ones.
std::vector<float> rope_factors(const ModelWeights& w, const ModelConfig& c, int64_t n_ctx) {
  if (!w.rope_freqs.empty()) return w.rope_freqs;
  if (c.arch == Arch::kPhi3) return n_ctx > c.rope_orig_context ? w.rope_factors_long : w.rope_factors_short;
  return {};
}

// Runs f(t) for t in [0, n) spread over the pool (inline for a single item).
template <typename F>
void for_each_index(ComputePool& pool, int64_t n, F&& f) {
  if (n == 1) {
    f(0);
    return;
  }
  pool.run([&](int ith, int nth) {
    for (int64_t t = ith; t < n; t += nth) f(t);
  });
}

}  // namespace

struct Session::Impl {
  Impl(const Model& model, int64_t n_ctx, int64_t n_batch, int n_threads)
      : config(model.config()),
        weights(model.weights()),
        pool(n_threads),
        rope(config, rope_factors(weights, config, n_ctx)),
        kv(config, n_ctx, n_threads) {
    const int64_t e = config.n_embd, qkv = config.n_embd_q() + 2 * config.n_embd_kv();
    x.resize(n_batch * e);
    h.resize(n_batch * e);
    qkv_buf.resize(n_batch * qkv);
    attn_out.resize(n_batch * config.n_embd_q());
    ffn_buf.resize(n_batch * 2 * config.n_ff);
    cos_sin.resize(n_batch * config.n_rot);
  }

  void forward(std::span<const int32_t> tokens, int64_t n_past, float* logits, bool all_logits);
  void attention_block(const LayerWeights& l, int layer, int64_t n_tokens, int64_t n_past);
  void ffn_block(const LayerWeights& l, int64_t n_tokens);

  const ModelConfig& config;
  const ModelWeights& weights;
  ComputePool pool;
  MatmulScratch scratch;
  Rope rope;
  KvAttention kv;
  std::vector<float> x, h, qkv_buf, attn_out, ffn_buf, cos_sin;
};

void Session::Impl::attention_block(const LayerWeights& l, int layer, int64_t n_tokens, int64_t n_past) {
  const ModelConfig& c = config;
  const int64_t e = c.n_embd, nq = c.n_embd_q(), nkv = c.n_embd_kv(), stride = nq + 2 * nkv;
  for_each_index(pool, n_tokens, [&](int64_t t) { rms_norm(&x[t * e], l.attn_norm.data(), &h[t * e], e, c.rms_eps); });
  float* q = qkv_buf.data();
  float* k = q + nq;
  float* v = k + nkv;
  if (c.arch == Arch::kPhi3) {
    matmul({{&l.wqkv, q, stride}}, h.data(), e, n_tokens, pool, scratch);
  } else {
    matmul({{&l.wq, q, stride}, {&l.wk, k, stride}, {&l.wv, v, stride}}, h.data(), e, n_tokens, pool, scratch);
  }
  const float q_scale = 1.0f / std::sqrt(static_cast<float>(c.head_dim));
  for_each_index(pool, n_tokens, [&](int64_t t) {
    float* qt = q + t * stride;
    float* kt = k + t * stride;
    float* vt = v + t * stride;
    if (!l.bq.empty()) {
      add_in_place(qt, l.bq.data(), nq);
      add_in_place(kt, l.bk.data(), nkv);
      add_in_place(vt, l.bv.data(), nkv);
    }
    rope.apply(qt, c.n_head, &cos_sin[t * c.n_rot]);
    rope.apply(kt, c.n_head_kv, &cos_sin[t * c.n_rot]);
    // phi3 scales Q before the product (llama.cpp's graph); the others scale inside the softmax.
    if (c.arch == Arch::kPhi3) {
      for (int64_t i = 0; i < nq; ++i) qt[i] *= q_scale;
    }
  });
  kv.store(layer, n_past, n_tokens, k, v, stride, pool);
  const float kq_scale = c.arch == Arch::kPhi3 ? 1.0f : q_scale;
  kv.attend(layer, n_past, n_tokens, q, stride, kq_scale, attn_out.data(), pool);
  matmul({{&l.wo, h.data(), e}}, attn_out.data(), nq, n_tokens, pool, scratch);
  for_each_index(pool, n_tokens, [&](int64_t t) { add_in_place(&x[t * e], &h[t * e], e); });
}

void Session::Impl::ffn_block(const LayerWeights& l, int64_t n_tokens) {
  const ModelConfig& c = config;
  const int64_t e = c.n_embd, ff = c.n_ff;
  for_each_index(pool, n_tokens, [&](int64_t t) { rms_norm(&x[t * e], l.ffn_norm.data(), &h[t * e], e, c.rms_eps); });
  float* gate = ffn_buf.data();
  float* up = gate + ff;
  if (c.arch == Arch::kPhi3) {
    matmul({{&l.w_gate_up, gate, 2 * ff}}, h.data(), e, n_tokens, pool, scratch);  // rows [gate; up]
  } else {
    matmul({{&l.w_gate, gate, 2 * ff}, {&l.w_up, up, 2 * ff}}, h.data(), e, n_tokens, pool, scratch);
  }
  const KernelSet& kernels = active_kernels();
  for_each_index(pool, n_tokens, [&](int64_t t) { kernels.silu_mul(gate + t * 2 * ff, up + t * 2 * ff, ff); });
  matmul({{&l.w_down, h.data(), e}}, gate, 2 * ff, n_tokens, pool, scratch);
  for_each_index(pool, n_tokens, [&](int64_t t) { add_in_place(&x[t * e], &h[t * e], e); });
}

void Session::Impl::forward(std::span<const int32_t> tokens, int64_t n_past, float* logits, bool all_logits) {
  const ModelConfig& c = config;
  const int64_t n = static_cast<int64_t>(tokens.size()), e = c.n_embd;
  const MatrixView& embd = weights.token_embd;
  for_each_index(pool, n, [&](int64_t t) {
    const auto* row = static_cast<const uint8_t*>(embd.data) + tokens[t] * embd.row_stride;
    (void)dequantize(embd.type, {row, embd.row_stride}, {&x[t * e], static_cast<size_t>(e)});
    rope.angles(n_past + t, &cos_sin[t * c.n_rot]);
  });
  for (int il = 0; il < c.n_layer; ++il) {
    attention_block(weights.layers[il], il, n, n_past);
    ffn_block(weights.layers[il], n);
  }
  const int64_t first = all_logits ? 0 : n - 1;
  for_each_index(pool, n - first, [&](int64_t i) {
    rms_norm(&x[(first + i) * e], weights.output_norm.data(), &h[(first + i) * e], e, c.rms_eps);
  });
  matmul({{&weights.output, logits, c.n_vocab}}, &h[first * e], e, n - first, pool, scratch);
}

Session::Session(const Model& model, const SessionOptions& options) : model_(model) {
  const ModelConfig& c = model.config();
  n_ctx_ = options.n_ctx > 0 ? options.n_ctx : std::min<int64_t>(c.context_length, 4096);
  n_batch_ = std::clamp<int64_t>(options.n_batch, 1, n_ctx_);
  impl_ = std::make_unique<Impl>(model, n_ctx_, n_batch_, std::max(1, options.n_threads));
}

Session::~Session() = default;

uint64_t kv_cache_bytes(const ModelConfig& c, int64_t n_ctx) {
  return static_cast<uint64_t>(2 * c.n_layer * n_ctx * c.n_embd_kv()) * sizeof(uint16_t);
}

uint64_t Session::kv_cache_bytes() const { return llm::kv_cache_bytes(config(), n_ctx_); }

const float* Session::last_logits() const {
  return n_logit_rows_ == 0 ? nullptr : logits(n_logit_rows_ - 1);
}

void Session::truncate(int64_t n) { n_past_ = std::clamp<int64_t>(n, 0, n_past_); }

KvSnapshot Session::snapshot(int64_t n) const {
  KvSnapshot out;
  out.n_tokens = std::clamp<int64_t>(n, 0, n_past_);
  const size_t size = static_cast<size_t>(config().n_layer * out.n_tokens * config().n_embd_kv());
  out.k.resize(size);
  out.v.resize(size);
  impl_->kv.save_prefix(out.n_tokens, out.k.data(), out.v.data());
  return out;
}

Status Session::restore(const KvSnapshot& snapshot, int64_t n) {
  const size_t size = static_cast<size_t>(config().n_layer * snapshot.n_tokens * config().n_embd_kv());
  if (snapshot.k.size() != size || snapshot.v.size() != size) {
    return invalid_argument("KV snapshot: its size does not match this model's cache of " +
                            std::to_string(snapshot.n_tokens) + " positions");
  }
  if (n < 0 || n > snapshot.n_tokens || n > n_ctx_) {
    return invalid_argument("KV snapshot: " + std::to_string(n) + " positions asked of " +
                            std::to_string(snapshot.n_tokens) + " (context " + std::to_string(n_ctx_) + ")");
  }
  impl_->kv.load_prefix(n, snapshot.n_tokens, snapshot.k.data(), snapshot.v.data());
  n_past_ = n;
  n_logit_rows_ = 0;
  return Status::ok();
}

Status Session::eval(std::span<const int32_t> tokens, bool all_logits) {
  if (tokens.empty()) return invalid_argument("no tokens to evaluate");
  const ModelConfig& c = config();
  if (n_past_ + static_cast<int64_t>(tokens.size()) > n_ctx_) {
    return limit_exceeded("context full: " + std::to_string(n_past_) + " + " + std::to_string(tokens.size()) +
                          " tokens exceed the context of " + std::to_string(n_ctx_));
  }
  for (int32_t id : tokens) {
    if (id < 0 || id >= c.n_vocab) return invalid_argument("token id " + std::to_string(id) + " is out of the vocabulary");
  }
  const int64_t rows = all_logits ? static_cast<int64_t>(tokens.size()) : 1;
  logits_.resize(static_cast<size_t>(rows * c.n_vocab));
  n_logit_rows_ = rows;
  for (size_t start = 0; start < tokens.size(); start += n_batch_) {
    const auto chunk = tokens.subspan(start, std::min<size_t>(n_batch_, tokens.size() - start));
    // Without all_logits only the last token's row is kept: each chunk overwrites row 0.
    float* out = all_logits ? logits_.data() + start * c.n_vocab : logits_.data();
    impl_->forward(chunk, n_past_, out, all_logits);
    n_past_ += static_cast<int64_t>(chunk.size());
  }
  return Status::ok();
}

}  // namespace textra::llm
