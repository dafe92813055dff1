#include "llm/model/model_config.h"

namespace textra::llm {
namespace {

Result<Arch> parse_arch(const std::string& name) {
  if (name == "llama") return Arch::kLlama;
  if (name == "phi3") return Arch::kPhi3;
  if (name == "qwen2") return Arch::kQwen2;
  return unsupported("architecture '" + name + "' is not supported (supported: llama, phi3, qwen2)");
}

Result<int64_t> positive(const GgufFile& file, const std::string& key, int64_t limit) {
  TEXTRA_ASSIGN_OR_RETURN(int64_t v, file.get_int(key));
  if (v <= 0 || v > limit) return corrupt(key + " = " + std::to_string(v) + " is out of range");
  return v;
}

Result<int64_t> positive_or(const GgufFile& file, const std::string& key, int64_t fallback, int64_t limit) {
  if (!file.has(key)) return fallback;
  return positive(file, key, limit);
}

}  // namespace

const char* arch_name(Arch arch) {
  switch (arch) {
    case Arch::kLlama: return "llama";
    case Arch::kPhi3: return "phi3";
    case Arch::kQwen2: return "qwen2";
  }
  return "?";
}

Result<ModelConfig> read_model_config(const GgufFile& file) {
  ModelConfig c;
  TEXTRA_ASSIGN_OR_RETURN(c.arch_name, file.get_string("general.architecture"));
  TEXTRA_ASSIGN_OR_RETURN(c.arch, parse_arch(c.arch_name));
  const std::string p = c.arch_name + ".";
  constexpr int64_t kMaxDim = 1 << 20;
  TEXTRA_ASSIGN_OR_RETURN(c.n_embd, positive(file, p + "embedding_length", kMaxDim));
  TEXTRA_ASSIGN_OR_RETURN(c.n_ff, positive(file, p + "feed_forward_length", kMaxDim));
  TEXTRA_ASSIGN_OR_RETURN(c.n_layer, positive(file, p + "block_count", 4096));
  TEXTRA_ASSIGN_OR_RETURN(c.n_head, positive(file, p + "attention.head_count", 4096));
  TEXTRA_ASSIGN_OR_RETURN(c.n_head_kv, positive_or(file, p + "attention.head_count_kv", c.n_head, 4096));
  TEXTRA_ASSIGN_OR_RETURN(c.context_length, positive(file, p + "context_length", int64_t{1} << 24));
  if (c.n_embd % c.n_head != 0) return corrupt("embedding_length is not a multiple of attention.head_count");
  TEXTRA_ASSIGN_OR_RETURN(c.head_dim, positive_or(file, p + "attention.key_length", c.n_embd / c.n_head, kMaxDim));
  TEXTRA_ASSIGN_OR_RETURN(int64_t value_length, positive_or(file, p + "attention.value_length", c.head_dim, kMaxDim));
  if (value_length != c.head_dim) return unsupported("attention.value_length differs from attention.key_length");
  TEXTRA_ASSIGN_OR_RETURN(c.n_rot, positive_or(file, p + "rope.dimension_count", c.head_dim, kMaxDim));
  if (c.n_rot > c.head_dim || c.n_rot % 2 != 0) return corrupt("rope.dimension_count must be even and <= head size");
  if (c.n_head % c.n_head_kv != 0) return corrupt("attention.head_count is not a multiple of head_count_kv");
  TEXTRA_ASSIGN_OR_RETURN(c.rope_orig_context,
                          positive_or(file, p + "rope.scaling.original_context_length", c.context_length, int64_t{1} << 24));
  TEXTRA_ASSIGN_OR_RETURN(double base, file.get_float_or(p + "rope.freq_base", 10000.0));
  TEXTRA_ASSIGN_OR_RETURN(double eps, file.get_float(p + "attention.layer_norm_rms_epsilon"));
  TEXTRA_ASSIGN_OR_RETURN(double attn_factor, file.get_float_or(p + "rope.scaling.attn_factor", 1.0));
  TEXTRA_ASSIGN_OR_RETURN(double scale, file.get_float_or(p + "rope.scaling.factor", 0.0));
  TEXTRA_ASSIGN_OR_RETURN(std::string scaling_type, file.get_string_or(p + "rope.scaling.type", "linear"));
  if (scaling_type != "linear" && scaling_type != "none") {
    return unsupported("rope.scaling.type '" + scaling_type + "' is not supported");
  }
  if (!(base > 0) || !(eps > 0) || !(attn_factor > 0) || scale < 0) return corrupt("invalid rope or norm parameters");
  c.rope_freq_base = static_cast<float>(base);
  c.rms_eps = static_cast<float>(eps);
  c.rope_attn_factor = static_cast<float>(attn_factor);
  c.rope_freq_scale = scale == 0.0 ? 1.0f : static_cast<float>(1.0 / scale);
  c.rope_style = c.arch == Arch::kLlama ? RopeStyle::kNormal : RopeStyle::kNeox;
  if (c.arch == Arch::kPhi3) {
    TEXTRA_ASSIGN_OR_RETURN(c.sliding_window, file.get_int_or(p + "attention.sliding_window", 0));
    if (c.sliding_window < 0) return corrupt("attention.sliding_window is negative");
  }
  return c;
}

}  // namespace textra::llm
