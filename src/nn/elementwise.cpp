// Elementwise kernels: binary ops with numpy broadcasting, activations, Clip, BatchNormalization.
#include <algorithm>
#include <cmath>

#include "nn/fast_math.h"
#include "nn/kernels.h"

namespace textra::nn {
namespace {

// Broadcast iteration over merged dimensions: runs of dimensions where both inputs advance (or stay) together
// become one, so the inner loop is as long as possible (e.g. a [C,1,1] bias over [N,C,H,W] gives an inner
// loop of H*W with a fixed bias).
struct BroadcastPlan {
  std::vector<int64_t> out_shape;
  std::vector<int64_t> dims, stride_a, stride_b;  // merged, outermost first
};

Result<BroadcastPlan> plan_broadcast(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  const size_t rank = std::max(a.size(), b.size());
  std::vector<int64_t> pa(rank - a.size(), 1), pb(rank - b.size(), 1);
  pa.insert(pa.end(), a.begin(), a.end());
  pb.insert(pb.end(), b.begin(), b.end());
  BroadcastPlan plan;
  plan.out_shape.resize(rank);
  std::vector<int64_t> sa(rank), sb(rank);
  int64_t ra = 1, rb = 1;
  for (size_t d = rank; d-- > 0;) {
    if (pa[d] != pb[d] && pa[d] != 1 && pb[d] != 1) {
      return invalid_argument("shapes " + shape_string(a) + " and " + shape_string(b) + " do not broadcast");
    }
    plan.out_shape[d] = std::max(pa[d], pb[d]);
    if (pa[d] == 0 || pb[d] == 0) plan.out_shape[d] = 0;
    sa[d] = pa[d] == 1 ? 0 : ra;
    sb[d] = pb[d] == 1 ? 0 : rb;
    ra *= pa[d];
    rb *= pb[d];
  }
  for (size_t d = 0; d < rank; ++d) {
    const int64_t n = plan.out_shape[d];
    if (n == 1) continue;
    if (!plan.dims.empty() && plan.stride_a.back() == sa[d] * n && plan.stride_b.back() == sb[d] * n) {
      plan.dims.back() *= n;
      plan.stride_a.back() = sa[d];
      plan.stride_b.back() = sb[d];
    } else {
      plan.dims.push_back(n);
      plan.stride_a.push_back(sa[d]);
      plan.stride_b.push_back(sb[d]);
    }
  }
  if (plan.dims.empty()) {
    plan.dims = {1};
    plan.stride_a = {0};
    plan.stride_b = {0};
  }
  return plan;
}

template <typename F>
void broadcast_apply(const BroadcastPlan& plan, const float* a, const float* b, float* out, F f) {
  const size_t inner_dim = plan.dims.size() - 1;
  const int64_t n = plan.dims[inner_dim], ia = plan.stride_a[inner_dim], ib = plan.stride_b[inner_dim];
  int64_t outer = 1;
  for (size_t d = 0; d < inner_dim; ++d) outer *= plan.dims[d];
  std::vector<int64_t> index(inner_dim, 0);
  int64_t offset_a = 0, offset_b = 0;
  for (int64_t o = 0; o < outer; ++o) {
    const float* pa = a + offset_a;
    const float* pb = b + offset_b;
    float* po = out + o * n;
    if (ia == 1 && ib == 1) {
      for (int64_t k = 0; k < n; ++k) po[k] = f(pa[k], pb[k]);
    } else if (ia == 1 && ib == 0) {
      const float y = *pb;
      for (int64_t k = 0; k < n; ++k) po[k] = f(pa[k], y);
    } else if (ia == 0 && ib == 1) {
      const float x = *pa;
      for (int64_t k = 0; k < n; ++k) po[k] = f(x, pb[k]);
    } else {
      for (int64_t k = 0; k < n; ++k) po[k] = f(pa[k * ia], pb[k * ib]);
    }
    // Odometer over the outer dimensions.
    for (size_t d = inner_dim; d-- > 0;) {
      offset_a += plan.stride_a[d];
      offset_b += plan.stride_b[d];
      if (++index[d] < plan.dims[d]) break;
      offset_a -= plan.stride_a[d] * plan.dims[d];
      offset_b -= plan.stride_b[d] * plan.dims[d];
      index[d] = 0;
    }
  }
}

float hard_sigmoid(float x, float alpha, float beta) { return std::min(1.0f, std::max(0.0f, alpha * x + beta)); }

Result<float> scalar_of(const Value& v, const char* what) {
  if (v.count() != 1) return invalid_argument(std::string(what) + " must be a single value, got shape " + shape_string(v.shape));
  return v.dtype == DType::kFloat ? v.f[0] : static_cast<float>(v.i[0]);
}

}  // namespace

Result<Value> binary_op(Op op, const Value& a, const Value& b) {
  if (a.dtype != DType::kFloat || b.dtype != DType::kFloat) {
    return unsupported(std::string(op_name(op)) + " on integer tensors");
  }
  TEXTRA_ASSIGN_OR_RETURN(BroadcastPlan plan, plan_broadcast(a.shape, b.shape));
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, plan.out_shape, Fill::kOverwritten));
  if (out.f.empty()) return out;
  const float* pa = a.f.data();
  const float* pb = b.f.data();
  float* po = out.f.data();
  switch (op) {
    case Op::kAdd: broadcast_apply(plan, pa, pb, po, [](float x, float y) { return x + y; }); break;
    case Op::kSub: broadcast_apply(plan, pa, pb, po, [](float x, float y) { return x - y; }); break;
    case Op::kMul: broadcast_apply(plan, pa, pb, po, [](float x, float y) { return x * y; }); break;
    case Op::kDiv: broadcast_apply(plan, pa, pb, po, [](float x, float y) { return x / y; }); break;
    case Op::kPow:
      broadcast_apply(plan, pa, pb, po, [](float x, float y) { return y == 2.0f ? x * x : std::pow(x, y); });
      break;
    default: return internal_error("binary_op called for " + std::string(op_name(op)));
  }
  return out;
}

namespace {

// The activations run as the convolution epilogue's steps (the same formulas), whose loops are compiled for
// AVX-512/AVX2: a Sigmoid written here as a plain loop called libm's roundf once per element.
Value activated(const Value& x, EpilogueStep step) {
  Value out = copy_value(x);
  apply_epilogue({step}, out.f.data(), out.count());
  return out;
}

}  // namespace

Result<Value> unary_op(Op op, const Attrs& attrs, const Value& x) {
  if (op == Op::kIdentity) return copy_value(x);
  if (x.dtype != DType::kFloat) return unsupported(std::string(op_name(op)) + " on integer tensors");
  switch (op) {
    case Op::kRelu: return activated(x, {EpilogueStep::kRelu});
    case Op::kSigmoid: return activated(x, {EpilogueStep::kSigmoid});
    case Op::kHardSigmoid: return activated(x, {EpilogueStep::kHardSigmoid, attrs.alpha, attrs.beta});
    case Op::kHardSwish: return activated(x, {EpilogueStep::kHardSwish});
    case Op::kSqrt: {
      Value out = copy_value(x);
      for (float& v : out.f) v = std::sqrt(v);
      return out;
    }
    default: return internal_error("unary_op called for " + std::string(op_name(op)));
  }
}

Result<Value> clip_op(const Value& x, const Value* lo, const Value* hi, const Attrs& attrs) {
  if (x.dtype != DType::kFloat) return unsupported("Clip on integer tensors");
  float min = attrs.min, max = attrs.max;
  if (lo != nullptr) { TEXTRA_ASSIGN_OR_RETURN(min, scalar_of(*lo, "Clip min")); }
  if (hi != nullptr) { TEXTRA_ASSIGN_OR_RETURN(max, scalar_of(*hi, "Clip max")); }
  return activated(x, {EpilogueStep::kClip, min, max});
}

Result<Value> batch_norm(const Value& x, const Value& scale, const Value& bias, const Value& mean, const Value& var,
                         float epsilon) {
  if (x.rank() < 2 || x.dtype != DType::kFloat) return invalid_argument("BatchNormalization input " + shape_string(x.shape));
  const int64_t channels = x.shape[1];
  for (const Value* p : {&scale, &bias, &mean, &var}) {
    if (p->dtype != DType::kFloat || p->count() != channels) {
      return invalid_argument("BatchNormalization parameters need " + std::to_string(channels) + " values");
    }
  }
  int64_t inner = 1;
  for (int64_t d = 2; d < x.rank(); ++d) inner *= x.shape[d];
  Value out = copy_value(x);
  const int64_t outer = x.shape[0];
  for (int64_t n = 0; n < outer; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      const float s = scale.f[c] / std::sqrt(var.f[c] + epsilon);
      const float t = bias.f[c] - mean.f[c] * s;
      float* p = out.f.data() + (n * channels + c) * inner;
      for (int64_t k = 0; k < inner; ++k) p[k] = p[k] * s + t;
    }
  }
  return out;
}

TEXTRA_NN_VECTOR_CLONES
void apply_epilogue(const std::vector<EpilogueStep>& steps, float* data, int64_t n) {
  for (const EpilogueStep& s : steps) {
    const float a = s.a, b = s.b;
    switch (s.kind) {
      case EpilogueStep::kScaleShift: for (int64_t k = 0; k < n; ++k) data[k] = data[k] * a + b; break;
      case EpilogueStep::kRelu: for (int64_t k = 0; k < n; ++k) data[k] = std::max(data[k], 0.0f); break;
      case EpilogueStep::kClip: for (int64_t k = 0; k < n; ++k) data[k] = std::min(b, std::max(a, data[k])); break;
      case EpilogueStep::kHardSigmoid: for (int64_t k = 0; k < n; ++k) data[k] = hard_sigmoid(data[k], a, b); break;
      case EpilogueStep::kHardSwish:
        for (int64_t k = 0; k < n; ++k) data[k] *= hard_sigmoid(data[k], 1.0f / 6.0f, 0.5f);
        break;
      case EpilogueStep::kSigmoid: for (int64_t k = 0; k < n; ++k) data[k] = 1.0f / (1.0f + fast_exp(-data[k])); break;
    }
  }
}

}  // namespace textra::nn
