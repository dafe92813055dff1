#include "nn/op_table.h"

#include <cstring>

namespace textra::nn {
namespace {

constexpr OpSpec kOps[] = {
    {"Add", Op::kAdd, 2, 2, ""},
    {"AveragePool", Op::kAveragePool, 1, 1, "kernel_shape strides pads count_include_pad auto_pad ceil_mode"},
    {"BatchNormalization", Op::kBatchNormalization, 5, 5, "epsilon momentum spatial"},
    {"Cast", Op::kCast, 1, 1, "to"},
    {"Clip", Op::kClip, 1, 3, "min max"},
    {"Concat", Op::kConcat, 1, 1 << 16, "axis"},
    {"Constant", Op::kConstant, 0, 0, "value value_float value_floats value_int value_ints"},
    {"Conv", Op::kConv, 2, 3, "kernel_shape strides pads dilations group auto_pad"},
    {"ConvTranspose", Op::kConvTranspose, 2, 3, "kernel_shape strides pads dilations group auto_pad output_padding"},
    {"Div", Op::kDiv, 2, 2, ""},
    {"Flatten", Op::kFlatten, 1, 1, "axis"},
    {"Gather", Op::kGather, 2, 2, "axis"},
    {"Gemm", Op::kGemm, 2, 3, "alpha beta transA transB"},
    {"GlobalAveragePool", Op::kGlobalAveragePool, 1, 1, ""},
    {"HardSigmoid", Op::kHardSigmoid, 1, 1, "alpha beta"},
    {"HardSwish", Op::kHardSwish, 1, 1, ""},
    {"Identity", Op::kIdentity, 1, 1, ""},
    {"MatMul", Op::kMatMul, 2, 2, ""},
    {"MaxPool", Op::kMaxPool, 1, 1, "kernel_shape strides pads auto_pad ceil_mode dilations storage_order"},
    {"Mul", Op::kMul, 2, 2, ""},
    {"Pow", Op::kPow, 2, 2, ""},
    {"ReduceMean", Op::kReduceMean, 1, 2, "axes keepdims"},
    {"Relu", Op::kRelu, 1, 1, ""},
    {"Reshape", Op::kReshape, 2, 2, "allowzero"},
    {"Resize", Op::kResize, 1, 4, "mode coordinate_transformation_mode nearest_mode cubic_coeff_a exclude_outside"},
    {"Shape", Op::kShape, 1, 1, ""},
    {"Sigmoid", Op::kSigmoid, 1, 1, ""},
    {"Slice", Op::kSlice, 1, 5, "starts ends axes"},
    {"Softmax", Op::kSoftmax, 1, 1, "axis"},
    {"Sqrt", Op::kSqrt, 1, 1, ""},
    {"Squeeze", Op::kSqueeze, 1, 2, "axes"},
    {"Sub", Op::kSub, 2, 2, ""},
    {"Transpose", Op::kTranspose, 1, 1, "perm"},
    {"Unsqueeze", Op::kUnsqueeze, 1, 2, "axes"},
};

// AttributeProto.AttributeType values.
constexpr int64_t kFloatAttr = 1, kIntAttr = 2, kStringAttr = 3, kTensorAttr = 4, kIntsAttr = 7;

bool declares(const OpSpec& spec, const std::string& name) {
  const char* p = spec.attributes;
  while (*p) {
    const char* end = std::strchr(p, ' ');
    size_t len = end ? static_cast<size_t>(end - p) : std::strlen(p);
    if (name.size() == len && name.compare(0, len, p, len) == 0) return true;
    p += len + (end ? 1 : 0);
  }
  return false;
}

Status expect_type(const OnnxAttribute& a, int64_t type) {
  if (a.type != type) {
    return corrupt("attribute '" + a.name + "' has type " + std::to_string(a.type) + ", expected " + std::to_string(type));
  }
  return Status::ok();
}

void set_defaults(Op op, int64_t opset, Attrs& attrs) {
  attrs.opset = opset;
  switch (op) {
    case Op::kHardSigmoid: attrs.alpha = 0.2f; attrs.beta = 0.5f; break;
    case Op::kGemm: attrs.alpha = 1.0f; attrs.beta = 1.0f; break;
    case Op::kSoftmax: attrs.axis = opset < 13 ? 1 : -1; break;
    case Op::kFlatten: attrs.axis = 1; break;
    case Op::kResize:
      attrs.mode = "nearest";
      attrs.coordinate_mode = opset < 11 ? "asymmetric" : "half_pixel";
      attrs.nearest_mode = "round_prefer_floor";
      break;
    default: break;
  }
}

// The attribute's value, checked against what we implement.
Status decode_one(Op op, const OnnxAttribute& a, Attrs& attrs) {
  const std::string& n = a.name;
  auto ints = [&](std::vector<int64_t>& out) {
    TEXTRA_RETURN_IF_ERROR(expect_type(a, kIntsAttr));
    out = a.ints;
    return Status::ok();
  };
  auto integer = [&](int64_t& out) {
    TEXTRA_RETURN_IF_ERROR(expect_type(a, kIntAttr));
    out = a.i;
    return Status::ok();
  };
  auto real = [&](float& out) {
    TEXTRA_RETURN_IF_ERROR(expect_type(a, kFloatAttr));
    out = a.f;
    return Status::ok();
  };
  auto text = [&](std::string& out) {
    TEXTRA_RETURN_IF_ERROR(expect_type(a, kStringAttr));
    out = a.s;
    return Status::ok();
  };
  if (n == "kernel_shape") return ints(attrs.kernel_shape);
  if (n == "strides") return ints(attrs.strides);
  if (n == "pads") return ints(attrs.pads);
  if (n == "dilations") return ints(attrs.dilations);
  if (n == "perm") return ints(attrs.perm);
  if (n == "output_padding") return ints(attrs.output_padding);
  if (n == "starts") return ints(attrs.starts);
  if (n == "ends") return ints(attrs.ends);
  if (n == "axes") {
    attrs.has_axes = true;
    return ints(attrs.axes);
  }
  if (n == "group") return integer(attrs.group);
  if (n == "axis") return integer(attrs.axis);
  if (n == "keepdims") return integer(attrs.keepdims);
  if (n == "count_include_pad") return integer(attrs.count_include_pad);
  if (n == "transA") return integer(attrs.trans_a);
  if (n == "transB") return integer(attrs.trans_b);
  if (n == "to") {
    TEXTRA_RETURN_IF_ERROR(integer(attrs.to));
    if (attrs.to != 1 && attrs.to != 6 && attrs.to != 7) return unsupported("Cast to data type " + std::to_string(attrs.to));
    return Status::ok();
  }
  if (n == "alpha") return real(attrs.alpha);
  if (n == "beta") return real(attrs.beta);
  if (n == "epsilon") return real(attrs.epsilon);
  if (n == "min") return real(attrs.min);
  if (n == "max") return real(attrs.max);
  if (n == "momentum") return Status::ok();  // training only
  if (n == "mode") return text(attrs.mode);
  if (n == "coordinate_transformation_mode") return text(attrs.coordinate_mode);
  if (n == "nearest_mode") return text(attrs.nearest_mode);
  // Attributes accepted only at the value that changes nothing.
  int64_t flag = 0;
  std::string word;
  if (n == "auto_pad") {
    TEXTRA_RETURN_IF_ERROR(text(word));
    return word == "NOTSET" ? Status::ok() : unsupported("auto_pad " + word);
  }
  if (n == "ceil_mode" || n == "storage_order" || n == "allowzero" || n == "exclude_outside") {
    TEXTRA_RETURN_IF_ERROR(integer(flag));
    return flag == 0 ? Status::ok() : unsupported("attribute " + n + "=" + std::to_string(flag));
  }
  if (n == "spatial") {
    TEXTRA_RETURN_IF_ERROR(integer(flag));
    return flag == 1 ? Status::ok() : unsupported("BatchNormalization spatial=0");
  }
  if (n == "cubic_coeff_a") return expect_type(a, kFloatAttr);
  if (op == Op::kConstant) {
    Value v;
    if (n == "value") {
      TEXTRA_RETURN_IF_ERROR(expect_type(a, kTensorAttr));
      if (!a.t) return corrupt("Constant without a tensor");
      attrs.value = *a.t;
      return Status::ok();
    }
    if (n == "value_float") v.f = {a.f};
    else if (n == "value_floats") { v.f = a.floats; v.shape = {static_cast<int64_t>(a.floats.size())}; }
    else if (n == "value_int") { v.dtype = DType::kInt64; v.i = {a.i}; }
    else { v.dtype = DType::kInt64; v.i = a.ints; v.shape = {static_cast<int64_t>(a.ints.size())}; }
    attrs.value = std::move(v);
    return Status::ok();
  }
  return internal_error("attribute '" + n + "' declared but not decoded");
}

}  // namespace

const char* op_name(Op op) {
  for (const OpSpec& spec : kOps) {
    if (spec.op == op) return spec.name;
  }
  return "?";
}

const OpSpec* find_op(const std::string& op_type) {
  for (const OpSpec& spec : kOps) {
    if (op_type == spec.name) return &spec;
  }
  return nullptr;
}

Status decode_attributes(const OpSpec& spec, const OnnxNode& node, int64_t opset, Attrs& attrs) {
  set_defaults(spec.op, opset, attrs);
  for (const OnnxAttribute& a : node.attributes) {
    if (!declares(spec, a.name)) return unsupported("unknown attribute '" + a.name + "'");
    TEXTRA_RETURN_IF_ERROR(decode_one(spec.op, a, attrs));
  }
  if (spec.op == Op::kConstant && !attrs.value) return corrupt("Constant without a value");
  if (spec.op == Op::kResize) {
    if (attrs.mode != "nearest" && attrs.mode != "linear") return unsupported("Resize mode " + attrs.mode);
    const std::string& c = attrs.coordinate_mode;
    if (c != "asymmetric" && c != "half_pixel" && c != "align_corners" && c != "pytorch_half_pixel") {
      return unsupported("Resize coordinate_transformation_mode " + c);
    }
    const std::string& m = attrs.nearest_mode;
    if (m != "floor" && m != "ceil" && m != "round_prefer_floor" && m != "round_prefer_ceil") {
      return unsupported("Resize nearest_mode " + m);
    }
  }
  return Status::ok();
}

}  // namespace textra::nn
