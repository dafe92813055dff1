#include "nn/fuse.h"

#include <cmath>

namespace textra::nn {
namespace {

class Fuser {
 public:
  explicit Fuser(Graph& graph) : g_(graph), dead_(graph.nodes.size(), false) {
    consumers_.resize(g_.value_names.size());
    for (size_t k = 0; k < g_.nodes.size(); ++k) {
      for (int id : g_.nodes[k].inputs) {
        if (id >= 0) consumers_[id].push_back(static_cast<int>(k));
      }
    }
    for (int id : g_.output_ids) is_output_.push_back(id);
  }

  void run() {
    for (size_t k = 0; k < g_.nodes.size(); ++k) {
      Node& conv = g_.nodes[k];
      const bool convolution = conv.op == Op::kConv || (conv.op == Op::kConvTranspose && conv.attrs.group == 1);
      if (dead_[k] || !convolution || !constant(conv.inputs[1]) || g_.constants[conv.inputs[1]]->rank() != 4) continue;
      if (conv.inputs.size() > 2 && conv.inputs[2] >= 0 && !constant(conv.inputs[2])) continue;
      while (fold_affine(conv) || fold_batch_norm(conv) || fuse_activation(conv) || fuse_hard_swish(conv) ||
             fuse_scale_shift(conv)) {
      }
    }
    for (size_t k = 0; k < g_.nodes.size(); ++k) {
      Node& matmul = g_.nodes[k];
      if (dead_[k] || matmul.op != Op::kMatMul || !constant(matmul.inputs[1]) || g_.constants[matmul.inputs[1]]->rank() != 2) {
        continue;
      }
      fuse_column_bias(matmul);
      fuse_softmax(matmul);
    }
    std::vector<Node> kept;
    for (size_t k = 0; k < g_.nodes.size(); ++k) {
      if (!dead_[k]) kept.push_back(std::move(g_.nodes[k]));
    }
    g_.nodes = std::move(kept);
  }

 private:
  bool constant(int id) const { return id >= 0 && g_.constants[id] != nullptr; }
  bool graph_output(int id) const {
    for (int o : is_output_) {
      if (o == id) return true;
    }
    return false;
  }

  // The single live node reading `id`, when there is exactly one and `id` is not a graph output.
  Node* sole_consumer(int id, int* index = nullptr) {
    Node* found = nullptr;
    for (int k : consumers_[id]) {
      if (dead_[k]) continue;
      if (found != nullptr) return nullptr;
      found = &g_.nodes[k];
      if (index) *index = k;
    }
    return graph_output(id) ? nullptr : found;
  }

  // The scalar constant among a binary node's inputs other than `id`, if that is what it is.
  bool scalar_operand(const Node& n, int id, float& value, bool* constant_first = nullptr) const {
    if (n.inputs.size() != 2) return false;
    const int other = n.inputs[0] == id ? n.inputs[1] : n.inputs[0];
    if (n.inputs[0] == n.inputs[1] || !constant(other)) return false;
    const Value& c = *g_.constants[other];
    if (c.dtype != DType::kFloat || c.count() != 1 || c.rank() > 4) return false;
    value = c.f[0];
    if (constant_first) *constant_first = n.inputs[0] == other;
    return true;
  }

  // Per-output-channel values of a constant that broadcasts over [N, M, H, W] along M only (or a scalar).
  bool channel_operand(const Node& n, int id, int64_t channels, std::vector<float>& values) const {
    if (n.inputs.size() != 2) return false;
    const int other = n.inputs[0] == id ? n.inputs[1] : n.inputs[0];
    if (n.inputs[0] == n.inputs[1] || !constant(other)) return false;
    const Value& c = *g_.constants[other];
    if (c.dtype != DType::kFloat) return false;
    if (c.count() == 1 && c.rank() <= 4) {
      values.assign(static_cast<size_t>(channels), c.f[0]);
      return true;
    }
    const bool per_channel = (c.rank() == 3 && c.shape == std::vector<int64_t>{channels, 1, 1}) ||
                             (c.rank() == 4 && c.shape == std::vector<int64_t>{1, channels, 1, 1});
    if (!per_channel) return false;
    values = c.f;
    return true;
  }

  // Replaces the conv's output by `last`'s and retires the nodes in between.
  void absorb(Node& conv, const std::vector<int>& retired, int last_output) {
    for (int k : retired) dead_[k] = true;
    conv.output = last_output;
    // Consumers of the new output are already after `last` in the order, so after the conv too.
  }

  int new_constant(const std::string& name, Value v) {
    g_.value_names.push_back(name);
    g_.constants.push_back(std::make_shared<const Value>(std::move(v)));
    consumers_.emplace_back();
    return static_cast<int>(g_.value_names.size()) - 1;
  }

  // w[m] *= scale[m], b[m] = b[m] * scale[m] + shift[m]: the conv takes new weight and bias constants.
  // Output channel m is weight axis 0 of a Conv ([M, C/g, kh, kw]), axis 1 of a ConvTranspose ([C, M, kh, kw]).
  void rescale(Node& conv, const std::vector<float>& scale, const std::vector<float>& shift) {
    Value w = *g_.constants[conv.inputs[1]];
    const int64_t m = channels(conv), taps = w.shape[2] * w.shape[3];
    for (int64_t i = 0; i < w.count(); ++i) {
      const int64_t o = conv.op == Op::kConv ? i / (w.count() / m) : (i / taps) % m;
      w.f[i] *= scale[o];
    }
    Value b;
    b.shape = {m};
    b.f.assign(static_cast<size_t>(m), 0.0f);
    if (conv.inputs.size() > 2 && conv.inputs[2] >= 0) b.f = g_.constants[conv.inputs[2]]->f;
    for (int64_t o = 0; o < m; ++o) b.f[o] = b.f[o] * scale[o] + shift[o];
    conv.inputs.resize(3);
    conv.inputs[1] = new_constant(g_.value_names[conv.inputs[1]] + "/folded", std::move(w));
    conv.inputs[2] = new_constant(g_.value_names[conv.output] + "/bias", std::move(b));
  }

  int64_t channels(const Node& conv) const {
    return g_.constants[conv.inputs[1]]->shape[conv.op == Op::kConv ? 0 : 1];
  }

  // Conv -> Mul/Add/Sub/Div by a scalar or per-channel constant, before any activation: into the weights.
  bool fold_affine(Node& conv) {
    if (!conv.attrs.epilogue.empty()) return false;
    int index = -1;
    Node* n = sole_consumer(conv.output, &index);
    if (n == nullptr) return false;
    const int64_t m = channels(conv);
    std::vector<float> c;
    if (!channel_operand(*n, conv.output, m, c)) return false;
    const bool conv_first = n->inputs[0] == conv.output;
    std::vector<float> scale(m, 1.0f), shift(m, 0.0f);
    if (n->op == Op::kMul) scale = c;
    else if (n->op == Op::kAdd) shift = c;
    else if (n->op == Op::kSub && conv_first) for (int64_t o = 0; o < m; ++o) shift[o] = -c[o];
    else if (n->op == Op::kDiv && conv_first) for (int64_t o = 0; o < m; ++o) scale[o] = 1.0f / c[o];
    else return false;
    rescale(conv, scale, shift);
    absorb(conv, {index}, n->output);
    return true;
  }

  bool fold_batch_norm(Node& conv) {
    if (!conv.attrs.epilogue.empty()) return false;
    int index = -1;
    Node* bn = sole_consumer(conv.output, &index);
    if (bn == nullptr || bn->op != Op::kBatchNormalization || bn->inputs[0] != conv.output) return false;
    const int64_t m = channels(conv);
    for (size_t k = 1; k < 5; ++k) {
      if (!constant(bn->inputs[k]) || g_.constants[bn->inputs[k]]->dtype != DType::kFloat ||
          g_.constants[bn->inputs[k]]->count() != m) {
        return false;
      }
    }
    const auto& gamma = g_.constants[bn->inputs[1]]->f;
    const auto& beta = g_.constants[bn->inputs[2]]->f;
    const auto& mean = g_.constants[bn->inputs[3]]->f;
    const auto& var = g_.constants[bn->inputs[4]]->f;
    std::vector<float> scale(m), shift(m);
    for (int64_t o = 0; o < m; ++o) {
      scale[o] = gamma[o] / std::sqrt(var[o] + bn->attrs.epsilon);
      shift[o] = beta[o] - mean[o] * scale[o];
    }
    rescale(conv, scale, shift);
    absorb(conv, {index}, bn->output);
    return true;
  }

  bool fuse_activation(Node& conv) {
    int index = -1;
    Node* n = sole_consumer(conv.output, &index);
    if (n == nullptr || n->inputs.empty() || n->inputs[0] != conv.output) return false;
    EpilogueStep step{EpilogueStep::kRelu};
    switch (n->op) {
      case Op::kRelu: break;
      case Op::kSigmoid: step.kind = EpilogueStep::kSigmoid; break;
      case Op::kHardSwish: step.kind = EpilogueStep::kHardSwish; break;
      case Op::kHardSigmoid: step = {EpilogueStep::kHardSigmoid, n->attrs.alpha, n->attrs.beta}; break;
      case Op::kClip: {
        step = {EpilogueStep::kClip, n->attrs.min, n->attrs.max};
        for (size_t k = 1; k < n->inputs.size(); ++k) {
          const int id = n->inputs[k];
          if (id < 0) continue;
          if (!constant(id) || g_.constants[id]->count() != 1 || g_.constants[id]->dtype != DType::kFloat) return false;
          (k == 1 ? step.a : step.b) = g_.constants[id]->f[0];
        }
        break;
      }
      default: return false;
    }
    conv.attrs.epilogue.push_back(step);
    absorb(conv, {index}, n->output);
    return true;
  }

  // x * Clip(x + 3, 0, 6) / 6, as Paddle exports HardSwish.
  bool fuse_hard_swish(Node& conv) {
    const int x = conv.output;
    if (graph_output(x)) return false;
    std::vector<int> readers;
    for (int k : consumers_[x]) {
      if (!dead_[k]) readers.push_back(k);
    }
    if (readers.size() != 2) return false;
    for (int first = 0; first < 2; ++first) {
      Node& add = g_.nodes[readers[first]];
      Node& mul = g_.nodes[readers[1 - first]];
      float three, six_div;
      if (add.op != Op::kAdd || !scalar_operand(add, x, three) || three != 3.0f) continue;
      int clip_index = -1, div_index = -1;
      Node* clip = sole_consumer(add.output, &clip_index);
      if (clip == nullptr || clip->op != Op::kClip || clip->inputs[0] != add.output) continue;
      float lo = clip->attrs.min, hi = clip->attrs.max;
      if (clip->inputs.size() > 1 && clip->inputs[1] >= 0) {
        if (!constant(clip->inputs[1]) || g_.constants[clip->inputs[1]]->count() != 1) continue;
        lo = g_.constants[clip->inputs[1]]->f[0];
      }
      if (clip->inputs.size() > 2 && clip->inputs[2] >= 0) {
        if (!constant(clip->inputs[2]) || g_.constants[clip->inputs[2]]->count() != 1) continue;
        hi = g_.constants[clip->inputs[2]]->f[0];
      }
      if (lo != 0.0f || hi != 6.0f) continue;
      const bool mul_reads_both = mul.op == Op::kMul && mul.inputs.size() == 2 &&
                                  ((mul.inputs[0] == x && mul.inputs[1] == clip->output) ||
                                   (mul.inputs[1] == x && mul.inputs[0] == clip->output));
      if (!mul_reads_both || sole_consumer(clip->output) != &mul) continue;
      Node* div = sole_consumer(mul.output, &div_index);
      bool constant_first = false;
      if (div == nullptr || div->op != Op::kDiv || !scalar_operand(*div, mul.output, six_div, &constant_first) ||
          constant_first || six_div != 6.0f) {
        continue;
      }
      conv.attrs.epilogue.push_back({EpilogueStep::kHardSwish});
      absorb(conv, {readers[first], clip_index, readers[1 - first], div_index}, div->output);
      return true;
    }
    return false;
  }

  // After an activation: x * a + b with scalar constants, as one epilogue step.
  bool fuse_scale_shift(Node& conv) {
    if (conv.attrs.epilogue.empty()) return false;
    int index = -1;
    Node* n = sole_consumer(conv.output, &index);
    float c;
    bool constant_first = false;
    if (n == nullptr || !scalar_operand(*n, conv.output, c, &constant_first)) return false;
    float a = 1.0f, b = 0.0f;
    if (n->op == Op::kMul) a = c;
    else if (n->op == Op::kAdd) b = c;
    else if (n->op == Op::kSub && !constant_first) b = -c;
    else if (n->op == Op::kDiv && !constant_first) a = 1.0f / c;
    else return false;
    std::vector<EpilogueStep>& steps = conv.attrs.epilogue;
    if (steps.back().kind == EpilogueStep::kScaleShift) {
      steps.back().a *= a;
      steps.back().b = steps.back().b * a + b;
    } else {
      steps.push_back({EpilogueStep::kScaleShift, a, b});
    }
    absorb(conv, {index}, n->output);
    return true;
  }

  // MatMul by a constant [K, N] -> Add of a constant [N]: the bias joins the MatMul as a third input. (A bias
  // of higher rank would change the output's rank, so it stays a node.)
  bool fuse_column_bias(Node& matmul) {
    int index = -1;
    Node* add = sole_consumer(matmul.output, &index);
    if (add == nullptr || add->op != Op::kAdd || add->inputs.size() != 2 || add->inputs[0] == add->inputs[1]) return false;
    const int bias = add->inputs[0] == matmul.output ? add->inputs[1] : add->inputs[0];
    const int64_t n = g_.constants[matmul.inputs[1]]->shape[1];
    if (!constant(bias) || g_.constants[bias]->dtype != DType::kFloat || g_.constants[bias]->shape != std::vector<int64_t>{n}) {
      return false;
    }
    matmul.inputs.push_back(bias);
    absorb(matmul, {index}, add->output);
    return true;
  }

  // MatMul -> Softmax: the recogniser's 6625-class output, normalised row by row while the row is in cache
  // instead of in passes over the whole tensor.
  bool fuse_softmax(Node& matmul) {
    int index = -1;
    Node* softmax = sole_consumer(matmul.output, &index);
    if (softmax == nullptr || softmax->op != Op::kSoftmax) return false;
    matmul.attrs.fused_softmax = true;
    matmul.attrs.axis = softmax->attrs.axis;
    absorb(matmul, {index}, softmax->output);
    return true;
  }

  Graph& g_;
  std::vector<bool> dead_;
  std::vector<std::vector<int>> consumers_;
  std::vector<int> is_output_;
};

}  // namespace

void fuse_graph(Graph& graph) { Fuser(graph).run(); }

}  // namespace textra::nn
