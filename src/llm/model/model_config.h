// Hyper-parameters of a supported model, read from GGUF metadata with llama.cpp's keys and defaults.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "llm/gguf/gguf_file.h"

namespace textra::llm {

enum class Arch { kLlama, kPhi3, kQwen2 };

// "normal": rotate adjacent pairs (x[2i], x[2i+1]) (llama, whose Q/K rows the converter permutes);
// "neox": rotate (x[i], x[i + n_rot/2]) (phi3, qwen2).
enum class RopeStyle { kNormal, kNeox };

struct ModelConfig {
  Arch arch = Arch::kLlama;
  std::string arch_name;
  int64_t n_vocab = 0;
  int64_t n_embd = 0;
  int64_t n_ff = 0;
  int64_t n_layer = 0;
  int64_t n_head = 0;
  int64_t n_head_kv = 0;
  int64_t head_dim = 0;
  int64_t n_rot = 0;
  int64_t context_length = 0;     // the training context (metadata)
  int64_t rope_orig_context = 0;  // rope.scaling.original_context_length (default: context_length)
  int64_t sliding_window = 0;     // 0 = full attention
  float rope_freq_base = 10000.0f;
  float rope_freq_scale = 1.0f;   // 1 / rope.scaling.factor (linear scaling)
  float rope_attn_factor = 1.0f;  // multiplies cos and sin (Phi-3 long-context models)
  float rms_eps = 1e-5f;
  RopeStyle rope_style = RopeStyle::kNormal;

  int64_t n_embd_q() const { return n_head * head_dim; }
  int64_t n_embd_kv() const { return n_head_kv * head_dim; }
};

// Reads and checks the configuration; refuses unsupported architectures and inconsistent dimensions.
// n_vocab comes from the token embedding's shape.
Result<ModelConfig> read_model_config(const GgufFile& file);

const char* arch_name(Arch arch);

}  // namespace textra::llm
