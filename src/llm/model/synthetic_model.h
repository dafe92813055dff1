// Synthetic models for benchmarks: real dimensions, random weights (speed does not depend on values),
// llama.cpp's default per-tensor type mix for the chosen file type, and a real-sized vocabulary (copied
// from a vocabulary GGUF when given, else synthetic), written as a GGUF file that llama.cpp loads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/gguf/tensor_types.h"
#include "llm/model/model_config.h"

namespace textra::llm {

// llama.cpp's file types ("ftype") that synth writes.
enum class SynthFileType { kF16, kQ8_0, kQ4_0, kQ4_K_M };

struct SynthPreset {
  std::string name;
  Arch arch;
  int64_t n_vocab, n_embd, n_layer, n_head, n_head_kv, n_ff, context_length;
  float rope_freq_base, rms_eps;
  bool tied_embeddings;
  bool llama3_rope_freqs;  // Llama 3.1/3.2 rope_freqs.weight
  int64_t sliding_window;  // phi3
};

const std::vector<SynthPreset>& synth_presets();
Result<SynthPreset> find_synth_preset(const std::string& name);
Result<SynthFileType> parse_synth_file_type(const std::string& name);

// The type llama.cpp's default mix gives a tensor (2-D weights only) of row length n_cols.
// layer is the block index (-1 for tensors outside blocks).
GgmlType synth_tensor_type(SynthFileType ftype, const std::string& name, int64_t n_cols, int layer, int n_layer,
                           bool is_output);

struct SynthOptions {
  SynthPreset preset;
  SynthFileType file_type = SynthFileType::kQ4_0;
  std::string vocab_path;  // GGUF whose tokenizer.* keys are copied; empty: synthetic vocabulary
  uint64_t seed = 12345;
};

Status write_synthetic_model(const SynthOptions& options, const std::string& path);

// Llama 3 rope frequency divisors (factor 32, low 1, high 4) for the given original context.
std::vector<float> llama3_rope_freqs(int64_t n_rot, float base, int64_t original_context);

}  // namespace textra::llm
