// The tensors of a model, as views into the memory-mapped GGUF file (matrices) or small float copies
// (norm weights, biases, rope factors). Every tensor's presence, type and shape is checked at load, and a
// refusal names the tensor.
#pragma once

#include <vector>

#include "base/status.h"
#include "llm/gguf/gguf_file.h"
#include "llm/kernels/kernels.h"
#include "llm/model/model_config.h"

namespace textra::llm {

struct LayerWeights {
  std::vector<float> attn_norm;
  MatrixView wq, wk, wv;  // separate projections (llama, qwen2)
  MatrixView wqkv;        // fused [q; k; v] rows (phi3)
  std::vector<float> bq, bk, bv;  // biases (qwen2)
  MatrixView wo;
  std::vector<float> ffn_norm;
  MatrixView w_gate, w_up;  // separate (llama, qwen2)
  MatrixView w_gate_up;     // fused [gate; up] rows (phi3)
  MatrixView w_down;
};

struct ModelWeights {
  MatrixView token_embd;  // n_vocab rows of n_embd
  std::vector<float> output_norm;
  MatrixView output;      // token_embd when the file has no output.weight (tied embeddings)
  std::vector<float> rope_freqs;         // llama 3.1+ frequency divisors (n_rot/2), empty when absent
  std::vector<float> rope_factors_long;  // phi3 long-context divisors
  std::vector<float> rope_factors_short;
  std::vector<LayerWeights> layers;
};

// Binds every tensor the architecture needs; fills config.n_vocab from token_embd.
Result<ModelWeights> bind_model_weights(const GgufFile& file, ModelConfig& config);

}  // namespace textra::llm
