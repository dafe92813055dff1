// Load-time rewrites that make the graph cheaper without changing its results beyond float rounding:
// BatchNormalization and constant scale/shift folded into the preceding convolution's (or transposed
// convolution's) weights; activations (also the Add/Clip/Mul/Div spelling of HardSwish) and scalar scale/shift
// after them applied in its epilogue; a MatMul by a constant matrix takes the bias Add and the Softmax after it;
// the fused nodes removed.
#pragma once

#include "nn/graph.h"

namespace textra::nn {

void fuse_graph(Graph& graph);

}  // namespace textra::nn
