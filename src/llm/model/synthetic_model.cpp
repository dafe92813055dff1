#include "llm/model/synthetic_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include "llm/gguf/gguf_file.h"
#include "llm/gguf/gguf_writer.h"

namespace textra::llm {
namespace {

// ggml's use_more_bits(): the layers that Q4_K_M gives 6 bits for attn_v and ffn_down.
bool use_more_bits(int i, int n) { return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2; }

// A type that does not fit the row length falls back as llama.cpp does.
GgmlType fit_row(GgmlType type, int64_t n_cols) {
  if (n_cols % traits(type).block_size == 0) return type;
  switch (type) {
    case GgmlType::kQ4_K: type = GgmlType::kQ5_0; break;
    case GgmlType::kQ5_K: type = GgmlType::kQ5_1; break;
    case GgmlType::kQ6_K: type = GgmlType::kQ8_0; break;
    default: break;
  }
  return n_cols % traits(type).block_size == 0 ? type : GgmlType::kF16;
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// Fast deterministic random bytes.
class Random {
 public:
  explicit Random(uint64_t seed) : s_(seed * 0x9e3779b97f4a7c15ULL + 1) {}
  uint64_t next() {
    s_ ^= s_ << 13;
    s_ ^= s_ >> 7;
    s_ ^= s_ << 17;
    return s_;
  }
  void fill(uint8_t* p, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      const uint64_t v = next();
      std::memcpy(p + i, &v, 8);
    }
    for (; i < n; ++i) p[i] = static_cast<uint8_t>(next());
  }

 private:
  uint64_t s_;
};

// A small positive half (about 0.001..0.002) with random low mantissa bits, for block scales.
Fp16Bits small_scale(uint64_t r) { return static_cast<Fp16Bits>(0x1400 | (r & 0x3ff)); }

void put_half(uint8_t* p, Fp16Bits h) { std::memcpy(p, &h, 2); }

// Random blocks with sane scales so that activations stay finite through the layers.
void randomise_blocks(GgmlType type, uint8_t* data, size_t bytes, Random& rng) {
  rng.fill(data, bytes);
  const size_t bb = traits(type).type_size;
  switch (type) {
    case GgmlType::kF16:
      for (size_t off = 0; off < bytes; off += 2) {
        Fp16Bits h;
        std::memcpy(&h, data + off, 2);
        put_half(data + off, static_cast<Fp16Bits>((h & 0x83ff) | 0x2000));  // |x| in [1/128, 1/64)
      }
      break;
    case GgmlType::kQ8_0: case GgmlType::kQ4_0: case GgmlType::kQ5_0:
      for (size_t off = 0; off < bytes; off += bb) put_half(data + off, small_scale(rng.next()));
      break;
    case GgmlType::kQ4_1: case GgmlType::kQ5_1:
      for (size_t off = 0; off < bytes; off += bb) {
        put_half(data + off, small_scale(rng.next()));
        put_half(data + off + 2, small_scale(rng.next()) | 0x8000);
      }
      break;
    case GgmlType::kQ4_K: case GgmlType::kQ5_K:
      for (size_t off = 0; off < bytes; off += bb) {
        put_half(data + off, small_scale(rng.next()) - 0x800);  // super-block scales multiply 6-bit scales
        put_half(data + off + 2, small_scale(rng.next()) - 0x800);
      }
      break;
    case GgmlType::kQ6_K:
      for (size_t off = 0; off < bytes; off += bb) put_half(data + off + 208, small_scale(rng.next()) - 0xc00);
      break;
    default: break;
  }
}

struct TensorPlan {
  std::string name;
  GgmlType type;
  std::vector<int64_t> ne;
  enum class Fill { kRandom, kOnes, kValues } fill = Fill::kRandom;
  std::vector<float> values;
};

std::vector<TensorPlan> plan_tensors(const SynthOptions& o) {
  const SynthPreset& p = o.preset;
  const int64_t head_dim = p.n_embd / p.n_head, n_q = p.n_embd, n_kv = p.n_head_kv * head_dim;
  const int n_layer = static_cast<int>(p.n_layer);
  std::vector<TensorPlan> plan;
  auto matrix = [&](const std::string& name, int64_t cols, int64_t rows, int layer, bool is_output) {
    plan.push_back({name, synth_tensor_type(o.file_type, name, cols, layer, n_layer, is_output), {cols, rows},
                    TensorPlan::Fill::kRandom, {}});
  };
  auto vec = [&](const std::string& name, int64_t n, TensorPlan::Fill fill, std::vector<float> values = {}) {
    plan.push_back({name, GgmlType::kF32, {n}, fill, std::move(values)});
  };
  matrix("token_embd.weight", p.n_embd, p.n_vocab, -1, p.tied_embeddings);
  vec("output_norm.weight", p.n_embd, TensorPlan::Fill::kOnes);
  if (!p.tied_embeddings) matrix("output.weight", p.n_embd, p.n_vocab, -1, true);
  if (p.llama3_rope_freqs) {
    vec("rope_freqs.weight", head_dim / 2, TensorPlan::Fill::kValues, llama3_rope_freqs(head_dim, p.rope_freq_base, 8192));
  }
  for (int il = 0; il < n_layer; ++il) {
    const std::string b = "blk." + std::to_string(il) + ".";
    vec(b + "attn_norm.weight", p.n_embd, TensorPlan::Fill::kOnes);
    if (p.arch == Arch::kPhi3) {
      matrix(b + "attn_qkv.weight", p.n_embd, n_q + 2 * n_kv, il, false);
    } else {
      matrix(b + "attn_q.weight", p.n_embd, n_q, il, false);
      matrix(b + "attn_k.weight", p.n_embd, n_kv, il, false);
      matrix(b + "attn_v.weight", p.n_embd, n_kv, il, false);
    }
    if (p.arch == Arch::kQwen2) {
      vec(b + "attn_q.bias", n_q, TensorPlan::Fill::kRandom);
      vec(b + "attn_k.bias", n_kv, TensorPlan::Fill::kRandom);
      vec(b + "attn_v.bias", n_kv, TensorPlan::Fill::kRandom);
    }
    matrix(b + "attn_output.weight", n_q, p.n_embd, il, false);
    vec(b + "ffn_norm.weight", p.n_embd, TensorPlan::Fill::kOnes);
    if (p.arch == Arch::kPhi3) {
      matrix(b + "ffn_up.weight", p.n_embd, 2 * p.n_ff, il, false);
    } else {
      matrix(b + "ffn_gate.weight", p.n_embd, p.n_ff, il, false);
      matrix(b + "ffn_up.weight", p.n_embd, p.n_ff, il, false);
    }
    matrix(b + "ffn_down.weight", p.n_ff, p.n_embd, il, false);
  }
  return plan;
}

// llama.cpp's LLAMA_FTYPE values, written to general.file_type.
uint32_t ftype_id(SynthFileType t) {
  switch (t) {
    case SynthFileType::kF16: return 1;
    case SynthFileType::kQ4_0: return 2;
    case SynthFileType::kQ8_0: return 7;
    case SynthFileType::kQ4_K_M: return 15;
  }
  return 0;
}

// 256 byte tokens in GPT-2's byte-to-unicode spelling, filler tokens, and two control tokens at the end.
Status add_synthetic_vocab(GgufWriter& w, int64_t n_vocab) {
  std::vector<std::string> tokens;
  std::vector<int32_t> types;
  auto utf8 = [](uint32_t cp) {
    std::string s;
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else {
      s += static_cast<char>(0xc0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    }
    return s;
  };
  uint32_t shift = 0;
  for (uint32_t b = 0; b < 256; ++b) {
    const bool printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae);
    tokens.push_back(utf8(printable ? b : 256 + shift++));
    types.push_back(1);
  }
  while (static_cast<int64_t>(tokens.size()) < n_vocab - 2) {
    tokens.push_back("<synth_" + std::to_string(tokens.size()) + ">");
    types.push_back(1);
  }
  tokens.push_back("<|begin_of_text|>");
  tokens.push_back("<|end_of_text|>");
  types.push_back(3);
  types.push_back(3);
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("tokenizer.ggml.model", GgufValue::string("gpt2")));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("tokenizer.ggml.pre", GgufValue::string("default")));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("tokenizer.ggml.tokens", GgufValue::string_array(std::move(tokens))));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("tokenizer.ggml.token_type", GgufValue::i32_array(types)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("tokenizer.ggml.merges", GgufValue::string_array({})));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("tokenizer.ggml.bos_token_id", GgufValue::u32(static_cast<uint32_t>(n_vocab - 2))));
  return w.add_metadata("tokenizer.ggml.eos_token_id", GgufValue::u32(static_cast<uint32_t>(n_vocab - 1)));
}

Status add_vocab_from(GgufWriter& w, const std::string& path, int64_t n_vocab) {
  TEXTRA_ASSIGN_OR_RETURN(auto vocab, GgufFile::open(path));
  TEXTRA_ASSIGN_OR_RETURN(auto tokens, vocab->get_string_array("tokenizer.ggml.tokens"));
  if (static_cast<int64_t>(tokens.size()) > n_vocab) {
    return invalid_argument(path + ": vocabulary of " + std::to_string(tokens.size()) +
                            " tokens does not fit the preset's " + std::to_string(n_vocab));
  }
  for (const GgufKeyValue& kv : vocab->metadata()) {
    if (kv.key.rfind("tokenizer.", 0) == 0) TEXTRA_RETURN_IF_ERROR(w.add_metadata(kv.key, kv.value));
  }
  return Status::ok();
}

Status add_hparams(GgufWriter& w, const SynthOptions& o) {
  const SynthPreset& p = o.preset;
  const std::string a = arch_name(p.arch);
  const auto u32 = [](int64_t v) { return GgufValue::u32(static_cast<uint32_t>(v)); };
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("general.architecture", GgufValue::string(a)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("general.name", GgufValue::string("synthetic " + p.name)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("general.file_type", GgufValue::u32(ftype_id(o.file_type))));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("general.quantization_version", GgufValue::u32(2)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".vocab_size", u32(p.n_vocab)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".context_length", u32(p.context_length)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".embedding_length", u32(p.n_embd)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".block_count", u32(p.n_layer)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".feed_forward_length", u32(p.n_ff)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".attention.head_count", u32(p.n_head)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".attention.head_count_kv", u32(p.n_head_kv)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".rope.freq_base", GgufValue::f32(p.rope_freq_base)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".rope.dimension_count", u32(p.n_embd / p.n_head)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".attention.layer_norm_rms_epsilon", GgufValue::f32(p.rms_eps)));
  if (p.sliding_window > 0) {
    TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + ".attention.sliding_window", u32(p.sliding_window)));
  }
  return Status::ok();
}

}  // namespace

const std::vector<SynthPreset>& synth_presets() {
  static const std::vector<SynthPreset> presets = {
      {"llama-3.2-1b", Arch::kLlama, 128256, 2048, 16, 32, 8, 8192, 131072, 500000.0f, 1e-5f, true, true, 0},
      {"llama-3.2-3b", Arch::kLlama, 128256, 3072, 28, 24, 8, 8192, 131072, 500000.0f, 1e-5f, true, true, 0},
      {"llama-3-8b", Arch::kLlama, 128256, 4096, 32, 32, 8, 14336, 8192, 500000.0f, 1e-5f, false, false, 0},
      {"phi-3-mini", Arch::kPhi3, 32064, 3072, 32, 32, 32, 8192, 4096, 10000.0f, 1e-5f, false, false, 2047},
      {"qwen2.5-0.5b", Arch::kQwen2, 151936, 896, 24, 14, 2, 4864, 32768, 1000000.0f, 1e-6f, true, false, 0},
  };
  return presets;
}

Result<SynthPreset> find_synth_preset(const std::string& name) {
  std::string known;
  for (const SynthPreset& p : synth_presets()) {
    if (p.name == name) return p;
    known += (known.empty() ? "" : ", ") + p.name;
  }
  return invalid_argument("unknown preset '" + name + "' (known: " + known + ")");
}

Result<SynthFileType> parse_synth_file_type(const std::string& name) {
  if (name == "f16") return SynthFileType::kF16;
  if (name == "q8_0") return SynthFileType::kQ8_0;
  if (name == "q4_0") return SynthFileType::kQ4_0;
  if (name == "q4_k_m") return SynthFileType::kQ4_K_M;
  return invalid_argument("unknown type '" + name + "' (known: f16, q8_0, q4_0, q4_k_m)");
}

GgmlType synth_tensor_type(SynthFileType ftype, const std::string& name, int64_t n_cols, int layer, int n_layer,
                           bool is_output) {
  switch (ftype) {
    case SynthFileType::kF16: return GgmlType::kF16;
    case SynthFileType::kQ8_0: return GgmlType::kQ8_0;
    case SynthFileType::kQ4_0:
      if (is_output) return n_cols % kQK_K == 0 ? GgmlType::kQ6_K : GgmlType::kQ8_0;
      return fit_row(GgmlType::kQ4_0, n_cols);
    case SynthFileType::kQ4_K_M: break;
  }
  if (is_output) return n_cols % kQK_K == 0 ? GgmlType::kQ6_K : GgmlType::kQ8_0;
  GgmlType type = GgmlType::kQ4_K;
  if (contains(name, "attn_v.weight") || contains(name, "ffn_down")) {
    if (use_more_bits(layer, n_layer)) type = GgmlType::kQ6_K;
  } else if (contains(name, "attn_qkv.weight")) {
    type = GgmlType::kQ5_K;
  }
  return fit_row(type, n_cols);
}

std::vector<float> llama3_rope_freqs(int64_t n_rot, float base, int64_t original_context) {
  const double factor = 32, low_freq_factor = 1, high_freq_factor = 4;
  const double low_wavelen = original_context / low_freq_factor, high_wavelen = original_context / high_freq_factor;
  std::vector<float> out;
  for (int64_t i = 0; i < n_rot; i += 2) {
    const double freq = std::pow(static_cast<double>(base), -static_cast<double>(i) / static_cast<double>(n_rot));
    const double wavelen = 2 * std::numbers::pi / freq;
    double f = 1;
    if (wavelen > low_wavelen) {
      f = factor;
    } else if (wavelen >= high_wavelen) {
      const double smooth = (original_context / wavelen - low_freq_factor) / (high_freq_factor - low_freq_factor);
      f = 1 / ((1 - smooth) / factor + smooth);
    }
    out.push_back(static_cast<float>(f));
  }
  return out;
}

Status write_synthetic_model(const SynthOptions& o, const std::string& path) {
  GgufWriter w;
  TEXTRA_RETURN_IF_ERROR(add_hparams(w, o));
  if (o.vocab_path.empty()) {
    TEXTRA_RETURN_IF_ERROR(add_synthetic_vocab(w, o.preset.n_vocab));
  } else {
    TEXTRA_RETURN_IF_ERROR(add_vocab_from(w, o.vocab_path, o.preset.n_vocab));
  }
  const std::vector<TensorPlan> plan = plan_tensors(o);
  for (const TensorPlan& t : plan) TEXTRA_RETURN_IF_ERROR(w.add_tensor(t.name, t.type, t.ne));
  TEXTRA_ASSIGN_OR_RETURN(auto out, w.begin(path));
  Random rng(o.seed);
  std::vector<uint8_t> chunk;
  for (const TensorPlan& t : plan) {
    const int64_t cols = t.ne[0], rows = t.ne.size() > 1 ? t.ne[1] : 1;
    const uint64_t row = *row_bytes(t.type, cols);
    if (t.fill != TensorPlan::Fill::kRandom || t.type == GgmlType::kF32) {
      std::vector<float> values(cols * rows, 1.0f);
      if (t.fill == TensorPlan::Fill::kValues) values = t.values;
      if (t.fill == TensorPlan::Fill::kRandom) {
        for (float& v : values) v = static_cast<float>(static_cast<int64_t>(rng.next() % 2001) - 1000) * 2e-5f;
      }
      TEXTRA_RETURN_IF_ERROR(out->write({reinterpret_cast<const uint8_t*>(values.data()), values.size() * 4}));
      continue;
    }
    const int64_t rows_per_chunk = std::max<int64_t>(1, (8 << 20) / static_cast<int64_t>(row));
    for (int64_t r = 0; r < rows; r += rows_per_chunk) {
      const int64_t n = std::min(rows_per_chunk, rows - r);
      chunk.resize(static_cast<size_t>(n * row));
      randomise_blocks(t.type, chunk.data(), chunk.size(), rng);
      TEXTRA_RETURN_IF_ERROR(out->write(chunk));
    }
  }
  return out->finish();
}

}  // namespace textra::llm
