// A loaded model (configuration + weights mapped from the GGUF file) and sessions that run it.
//
//   TEXTRA_ASSIGN_OR_RETURN(auto model, Model::load("model.gguf"));
//   Session session(*model, {.n_ctx = 2048, .n_threads = 4});
//   TEXTRA_RETURN_IF_ERROR(session.eval(prompt_ids));   // batched prompt processing
//   const float* logits = session.last_logits();         // n_vocab values
//   TEXTRA_RETURN_IF_ERROR(session.eval({next_id}));     // one token at a time
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/gguf/gguf_file.h"
#include "llm/kernels/kernels.h"
#include "llm/model/model_config.h"
#include "llm/model/model_weights.h"

namespace textra::llm {

class Model {
 public:
  static Result<std::unique_ptr<Model>> load(const std::string& path);
  // Takes an already opened file (e.g. one the tokenizer also reads).
  static Result<std::unique_ptr<Model>> from_file(std::shared_ptr<const GgufFile> file);

  const ModelConfig& config() const { return config_; }
  const ModelWeights& weights() const { return weights_; }
  const GgufFile& file() const { return *file_; }
  uint64_t file_bytes() const { return file_->bytes().size(); }

 private:
  Model() = default;
  std::shared_ptr<const GgufFile> file_;
  ModelConfig config_;
  ModelWeights weights_;
};

struct SessionOptions {
  int64_t n_ctx = 0;      // KV cache cells; 0 = the model's context length capped at 4096
  int n_threads = 1;
  int64_t n_batch = 512;  // prompt tokens per forward pass
};

// Bytes of an f16 KV cache of n_ctx cells.
uint64_t kv_cache_bytes(const ModelConfig& config, int64_t n_ctx);

// The KV cache of a session's first n_tokens positions (f16, compact: k [layer][pos][n_kv], v
// [layer][n_kv][pos]): what another session of the same model needs to continue after that prefix.
struct KvSnapshot {
  int64_t n_tokens = 0;
  std::vector<uint16_t> k, v;
  uint64_t bytes() const { return (k.size() + v.size()) * sizeof(uint16_t); }
};

// One conversation: the KV cache (f16, sized from n_ctx), scratch buffers and the compute threads.
class Session {
 public:
  Session(const Model& model, const SessionOptions& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Appends tokens at positions n_past()..; keeps the logits of the last token, or of every token when
  // all_logits is set (then logits(i) is the i-th token of this call).
  Status eval(std::span<const int32_t> tokens, bool all_logits = false);

  const float* last_logits() const;
  const float* logits(int64_t i) const { return logits_.data() + i * config().n_vocab; }
  int64_t n_past() const { return n_past_; }
  int64_t n_ctx() const { return n_ctx_; }
  // Forgets positions >= n (keeps the cache of a shared prefix, e.g. the previous chat turns).
  void truncate(int64_t n);
  // A copy of positions [0, n) of the cache (n <= n_past()).
  KvSnapshot snapshot(int64_t n) const;
  // Replaces the cache by the first n positions of a snapshot of the same model: n_past() becomes n and no
  // logits are kept (evaluate the next token). An error when the snapshot's shape or n does not fit.
  Status restore(const KvSnapshot& snapshot, int64_t n);

  const ModelConfig& config() const { return model_.config(); }
  uint64_t kv_cache_bytes() const;

 private:
  struct Impl;

  const Model& model_;
  int64_t n_ctx_;
  int64_t n_batch_;
  int64_t n_past_ = 0;
  int64_t n_logit_rows_ = 0;
  std::vector<float> logits_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace textra::llm
