// The loaded network: nodes in a topological order over numbered values, constants (weights and everything
// folded from them at load time), and per-node attributes already checked and decoded.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nn/gemm.h"
#include "nn/onnx_proto.h"
#include "nn/value.h"

namespace textra::nn {

// Operators we run. Append only: numbers may be stored by tools and tests.
enum class Op : uint8_t {
  kAdd, kAveragePool, kBatchNormalization, kCast, kClip, kConcat, kConstant, kConv, kConvTranspose, kDiv,
  kFlatten, kGather, kGemm, kGlobalAveragePool, kHardSigmoid, kHardSwish, kIdentity, kMatMul, kMaxPool, kMul,
  kPow, kReduceMean, kRelu, kReshape, kResize, kShape, kSigmoid, kSlice, kSoftmax, kSqrt, kSqueeze, kSub,
  kTranspose, kUnsqueeze,
};

const char* op_name(Op op);

// An elementwise step applied to a convolution's output while it is still in cache (fused at load time).
struct EpilogueStep {
  enum Kind : uint8_t { kScaleShift, kRelu, kHardSwish, kHardSigmoid, kSigmoid, kClip } kind;
  float a = 0.0f, b = 0.0f;  // kScaleShift: x*a+b; kHardSigmoid: alpha, beta; kClip: min, max
};

// Decoded attributes; each op reads the ones it declares (see op_table.cpp for names and defaults).
struct Attrs {
  int64_t opset = 0;  // the model's operator set: Softmax and Resize changed meaning across versions
  std::vector<int64_t> kernel_shape, strides, pads, dilations, perm, axes, starts, ends, output_padding;
  bool has_axes = false;
  int64_t group = 1, axis = 0, keepdims = 1, count_include_pad = 0, to = 1, trans_a = 0, trans_b = 0;
  float alpha = 0.0f, beta = 0.0f, epsilon = 1e-5f;
  float min = -std::numeric_limits<float>::infinity(), max = std::numeric_limits<float>::infinity();
  std::string mode, coordinate_mode, nearest_mode;
  std::optional<Value> value;          // Constant
  std::vector<EpilogueStep> epilogue;  // Conv: fused activations and affine steps
  bool fused_softmax = false;          // MatMul: the Softmax after it (over `axis`) runs on its output rows
  std::shared_ptr<const std::vector<PackedMatrix>> packed_weights;  // Conv: per group, ConvTranspose: W^T
};

struct Node {
  Op op;
  std::string name;         // "name (OpType)" for messages
  std::vector<int> inputs;  // value ids; -1 for an omitted optional input
  int output = -1;
  Attrs attrs;
};

struct Graph {
  int64_t opset = 0;
  std::vector<Node> nodes;                            // topological order
  std::vector<std::string> value_names;               // by value id
  std::vector<std::shared_ptr<const Value>> constants;  // by value id; null for values computed by run()
  std::vector<int> input_ids, output_ids;
  std::vector<OnnxValueInfo> inputs;                  // declared shapes of the graph inputs
  std::vector<int> last_use;                          // by value id: last node reading it (-1: none)
};

// Checks every node (known op, known attributes, input counts), orders them, folds constants and fuses what
// it can. Errors name the node and op.
Result<Graph> build_graph(OnnxModel model);

}  // namespace textra::nn
