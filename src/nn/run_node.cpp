// Dispatch from a node to its kernel, reading the inputs each op takes (attributes in old operator sets,
// inputs in newer ones).
#include "nn/kernels.h"

namespace textra::nn {
namespace {

Result<std::vector<int64_t>> optional_list(const std::vector<const Value*>& in, size_t k, const char* what) {
  if (k >= in.size() || in[k] == nullptr) return std::vector<int64_t>{};
  return int_list(*in[k], what);
}

}  // namespace

Result<Value> run_node(const Node& node, const std::vector<const Value*>& in, const ExecContext& ctx) {
  const Attrs& a = node.attrs;
  auto input = [&](size_t k) -> const Value* { return k < in.size() ? in[k] : nullptr; };
  switch (node.op) {
    case Op::kAdd:
    case Op::kSub:
    case Op::kMul:
    case Op::kDiv:
    case Op::kPow: return binary_op(node.op, *in[0], *in[1]);
    case Op::kRelu:
    case Op::kSigmoid:
    case Op::kHardSigmoid:
    case Op::kHardSwish:
    case Op::kSqrt:
    case Op::kIdentity: return unary_op(node.op, a, *in[0]);
    case Op::kClip: return clip_op(*in[0], input(1), input(2), a);
    case Op::kBatchNormalization: return batch_norm(*in[0], *in[1], *in[2], *in[3], *in[4], a.epsilon);
    case Op::kConv: return conv(a, *in[0], *in[1], input(2), ctx);
    case Op::kConvTranspose: return conv_transpose(a, *in[0], *in[1], input(2), ctx);
    case Op::kAveragePool:
    case Op::kMaxPool:
    case Op::kGlobalAveragePool: return pool(node.op, a, *in[0]);
    case Op::kResize: {
      // Operator set 10: (X, scales); 11 and later: (X, roi, scales, sizes).
      if (a.opset < 11) return resize(a, *in[0], input(1), nullptr);
      return resize(a, *in[0], input(2), input(3));
    }
    case Op::kMatMul: return matmul(a, *in[0], *in[1], input(2), ctx);
    case Op::kGemm: return gemm_op(a, *in[0], *in[1], input(2), ctx);
    case Op::kSoftmax: return softmax(*in[0], a.axis, a.opset < 13);  // before 13: over all axes from `axis` on
    case Op::kReduceMean: {
      std::vector<int64_t> axes = a.axes;
      if (!a.has_axes) { TEXTRA_ASSIGN_OR_RETURN(axes, optional_list(in, 1, "ReduceMean axes")); }
      return reduce_mean(*in[0], axes, a.keepdims != 0);
    }
    case Op::kShape: return shape_of(*in[0]);
    case Op::kCast: return cast(*in[0], a.to);
    case Op::kReshape: return reshape(*in[0], *in[1]);
    case Op::kFlatten: return flatten(*in[0], a.axis);
    case Op::kSqueeze: {
      if (a.has_axes) return squeeze(*in[0], &a.axes);
      TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> axes, optional_list(in, 1, "Squeeze axes"));
      return squeeze(*in[0], &axes);
    }
    case Op::kUnsqueeze: {
      if (a.has_axes) return unsqueeze(*in[0], a.axes);
      if (input(1) == nullptr) return invalid_argument("Unsqueeze without axes");
      TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> axes, int_list(*in[1], "Unsqueeze axes"));
      return unsqueeze(*in[0], axes);
    }
    case Op::kConcat: return concat(in, a.axis);
    case Op::kSlice: {
      if (in.size() == 1) return slice(*in[0], a.starts, a.ends, a.has_axes ? &a.axes : nullptr, nullptr);
      if (input(1) == nullptr || input(2) == nullptr) return invalid_argument("Slice without starts or ends");
      TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> starts, int_list(*in[1], "Slice starts"));
      TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> ends, int_list(*in[2], "Slice ends"));
      TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> axes, optional_list(in, 3, "Slice axes"));
      TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> steps, optional_list(in, 4, "Slice steps"));
      return slice(*in[0], starts, ends, input(3) ? &axes : nullptr, input(4) ? &steps : nullptr);
    }
    case Op::kGather: return gather(*in[0], *in[1], a.axis);
    case Op::kTranspose: return transpose(*in[0], a.perm);
    case Op::kConstant: return *a.value;
  }
  return internal_error("no kernel for " + node.name);
}

}  // namespace textra::nn
