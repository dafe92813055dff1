// CPU kernels, one function per operator family. Each checks its inputs' shapes at run time (the graph takes
// any input size), returns a new value, and names what is wrong in its errors.
#pragma once

#include <vector>

#include "nn/exec_context.h"
#include "nn/graph.h"

namespace textra::nn {

// Runs one node on its inputs (null for omitted optional ones).
Result<Value> run_node(const Node& node, const std::vector<const Value*>& inputs, const ExecContext& ctx);

// elementwise.cpp
Result<Value> binary_op(Op op, const Value& a, const Value& b);
Result<Value> unary_op(Op op, const Attrs& attrs, const Value& x);
Result<Value> clip_op(const Value& x, const Value* lo, const Value* hi, const Attrs& attrs);
Result<Value> batch_norm(const Value& x, const Value& scale, const Value& bias, const Value& mean, const Value& var,
                         float epsilon);
void apply_epilogue(const std::vector<EpilogueStep>& steps, float* data, int64_t n);

// conv.cpp
Result<Value> conv(const Attrs& attrs, const Value& x, const Value& w, const Value* bias, const ExecContext& ctx);
Result<Value> conv_transpose(const Attrs& attrs, const Value& x, const Value& w, const Value* bias,
                             const ExecContext& ctx);
// Packs a Conv node's weights for the GEMM (called once at load time).
void prepare_conv(Node& node, const Value& w);

// pool.cpp
Result<Value> pool(Op op, const Attrs& attrs, const Value& x);
Result<Value> resize(const Attrs& attrs, const Value& x, const Value* scales, const Value* sizes);

// linalg.cpp
// MatMul, with what fusion gave it: a bias over the last axis, a Softmax (attrs.fused_softmax, over attrs.axis).
Result<Value> matmul(const Attrs& attrs, const Value& a, const Value& b, const Value* bias, const ExecContext& ctx);
Result<Value> gemm_op(const Attrs& attrs, const Value& a, const Value& b, const Value* c, const ExecContext& ctx);
Result<Value> softmax(const Value& x, int64_t axis, bool flatten_from_axis);
Result<Value> reduce_mean(const Value& x, std::vector<int64_t> axes, bool keepdims);

// shape_ops.cpp
Result<Value> shape_of(const Value& x);
Result<Value> cast(const Value& x, int64_t to);
Result<Value> reshape(const Value& x, const Value& shape);
Result<Value> flatten(const Value& x, int64_t axis);
Result<Value> squeeze(const Value& x, const std::vector<int64_t>* axes);
Result<Value> unsqueeze(const Value& x, const std::vector<int64_t>& axes);
Result<Value> concat(const std::vector<const Value*>& inputs, int64_t axis);
Result<Value> slice(const Value& x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
                    const std::vector<int64_t>* axes, const std::vector<int64_t>* steps);
Result<Value> gather(const Value& x, const Value& indices, int64_t axis);
Result<Value> transpose(const Value& x, std::vector<int64_t> perm);

// Helpers shared by the kernels.
// Maps a possibly negative axis into [0, rank); an error when out of range.
Result<int64_t> normalize_axis(int64_t axis, int64_t rank);
// The int64 elements of a shape-like input (starts, axes, reshape targets), also from a float tensor.
Result<std::vector<int64_t>> int_list(const Value& v, const char* what);

}  // namespace textra::nn
