// Load-time rewrites that make the graph cheaper without changing its results beyond float rounding:
// BatchNormalization and constant scale/shift folded into the preceding convolution's weights, activations
// (also the Add/Clip/Mul/Div spelling of HardSwish) applied in the convolution's epilogue, dead nodes removed.
#pragma once

#include "nn/graph.h"

namespace textra::nn {

void fuse_graph(Graph& graph);

}  // namespace textra::nn
