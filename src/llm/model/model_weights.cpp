#include "llm/model/model_weights.h"

#include <string>

#include "llm/gguf/dequantize.h"

namespace textra::llm {
namespace {

class Binder {
 public:
  explicit Binder(const GgufFile& file) : file_(file) {}

  // A matrix of `rows` rows of `cols` elements whose type has a dot-product kernel.
  Result<MatrixView> matrix(const std::string& name, int64_t cols, int64_t rows) const {
    TEXTRA_ASSIGN_OR_RETURN(const GgufTensorInfo* t, find(name));
    if (t->n_dims != 2 || t->ne[0] != cols || t->ne[1] != rows) {
      return corrupt("tensor '" + name + "' has shape " + t->shape_string() + ", expected [" + std::to_string(cols) +
                     ", " + std::to_string(rows) + "]");
    }
    if (!has_matmul_kernel(t->type)) {
      return unsupported("tensor '" + name + "' has type " + std::string(type_name(t->type)) +
                         ", which has no matrix kernel");
    }
    return MatrixView{t->type, rows, cols, t->data.data(), static_cast<size_t>(t->row_bytes())};
  }

  // A vector of n values, converted to float.
  Result<std::vector<float>> vector(const std::string& name, int64_t n) const {
    TEXTRA_ASSIGN_OR_RETURN(const GgufTensorInfo* t, find(name));
    if (t->n_elements != static_cast<uint64_t>(n) || t->ne[0] != n) {
      return corrupt("tensor '" + name + "' has shape " + t->shape_string() + ", expected [" + std::to_string(n) + "]");
    }
    auto values = dequantize_tensor(*t);
    if (!values.is_ok()) return values.status().with_context("tensor '" + name + "'");
    return std::move(values).value();
  }

  Result<std::vector<float>> optional_vector(const std::string& name, int64_t n) const {
    if (file_.find_tensor(name) == nullptr) return std::vector<float>{};
    return vector(name, n);
  }

  bool has(const std::string& name) const { return file_.find_tensor(name) != nullptr; }
  const GgufTensorInfo* info(const std::string& name) const { return file_.find_tensor(name); }

 private:
  Result<const GgufTensorInfo*> find(const std::string& name) const {
    const GgufTensorInfo* t = file_.find_tensor(name);
    if (t == nullptr) return not_found("tensor '" + name + "' is missing");
    return t;
  }

  const GgufFile& file_;
};

Status bind_layer(const Binder& b, const ModelConfig& c, int il, LayerWeights& l) {
  const std::string p = "blk." + std::to_string(il) + ".";
  const int64_t e = c.n_embd, q = c.n_embd_q(), kv = c.n_embd_kv();
  TEXTRA_ASSIGN_OR_RETURN(l.attn_norm, b.vector(p + "attn_norm.weight", e));
  TEXTRA_ASSIGN_OR_RETURN(l.ffn_norm, b.vector(p + "ffn_norm.weight", e));
  TEXTRA_ASSIGN_OR_RETURN(l.wo, b.matrix(p + "attn_output.weight", q, e));
  TEXTRA_ASSIGN_OR_RETURN(l.w_down, b.matrix(p + "ffn_down.weight", c.n_ff, e));
  if (c.arch == Arch::kPhi3) {
    TEXTRA_ASSIGN_OR_RETURN(l.wqkv, b.matrix(p + "attn_qkv.weight", e, q + 2 * kv));
    TEXTRA_ASSIGN_OR_RETURN(l.w_gate_up, b.matrix(p + "ffn_up.weight", e, 2 * c.n_ff));
    return Status::ok();
  }
  TEXTRA_ASSIGN_OR_RETURN(l.wq, b.matrix(p + "attn_q.weight", e, q));
  TEXTRA_ASSIGN_OR_RETURN(l.wk, b.matrix(p + "attn_k.weight", e, kv));
  TEXTRA_ASSIGN_OR_RETURN(l.wv, b.matrix(p + "attn_v.weight", e, kv));
  TEXTRA_ASSIGN_OR_RETURN(l.w_gate, b.matrix(p + "ffn_gate.weight", e, c.n_ff));
  TEXTRA_ASSIGN_OR_RETURN(l.w_up, b.matrix(p + "ffn_up.weight", e, c.n_ff));
  if (c.arch == Arch::kQwen2) {
    TEXTRA_ASSIGN_OR_RETURN(l.bq, b.vector(p + "attn_q.bias", q));
    TEXTRA_ASSIGN_OR_RETURN(l.bk, b.vector(p + "attn_k.bias", kv));
    TEXTRA_ASSIGN_OR_RETURN(l.bv, b.vector(p + "attn_v.bias", kv));
  }
  return Status::ok();
}

}  // namespace

Result<ModelWeights> bind_model_weights(const GgufFile& file, ModelConfig& c) {
  const Binder b(file);
  ModelWeights w;
  const GgufTensorInfo* embd = b.info("token_embd.weight");
  if (embd == nullptr) return not_found("tensor 'token_embd.weight' is missing");
  if (embd->n_dims != 2 || embd->ne[0] != c.n_embd || embd->ne[1] < 1) {
    return corrupt("tensor 'token_embd.weight' has shape " + embd->shape_string() + ", expected [" +
                   std::to_string(c.n_embd) + ", n_vocab]");
  }
  c.n_vocab = embd->ne[1];
  TEXTRA_ASSIGN_OR_RETURN(w.token_embd, b.matrix("token_embd.weight", c.n_embd, c.n_vocab));
  TEXTRA_ASSIGN_OR_RETURN(w.output_norm, b.vector("output_norm.weight", c.n_embd));
  if (b.has("output.weight")) {
    TEXTRA_ASSIGN_OR_RETURN(w.output, b.matrix("output.weight", c.n_embd, c.n_vocab));
  } else if (c.arch == Arch::kPhi3) {
    return not_found("tensor 'output.weight' is missing");
  } else {
    w.output = w.token_embd;
  }
  TEXTRA_ASSIGN_OR_RETURN(w.rope_freqs, b.optional_vector("rope_freqs.weight", c.n_rot / 2));
  if (c.arch == Arch::kPhi3) {
    TEXTRA_ASSIGN_OR_RETURN(w.rope_factors_long, b.optional_vector("rope_factors_long.weight", c.n_rot / 2));
    TEXTRA_ASSIGN_OR_RETURN(w.rope_factors_short, b.optional_vector("rope_factors_short.weight", c.n_rot / 2));
  }
  w.layers.resize(c.n_layer);
  for (int il = 0; il < c.n_layer; ++il) TEXTRA_RETURN_IF_ERROR(bind_layer(b, c, il, w.layers[il]));
  return w;
}

}  // namespace textra::llm
