// What each operator accepts: its ONNX name, input counts and attribute names; decodes a node's attributes
// into Attrs with the ONNX defaults for the model's operator set.
#pragma once

#include "nn/graph.h"

namespace textra::nn {

struct OpSpec {
  const char* name;
  Op op;
  int min_inputs, max_inputs;
  const char* attributes;  // space-separated names the op accepts
};

// The spec of an ONNX op type, or null when we do not run it.
const OpSpec* find_op(const std::string& op_type);

// Decodes the node's attributes; an unknown attribute or an unsupported value is an error naming it.
Status decode_attributes(const OpSpec& spec, const OnnxNode& node, int64_t opset, Attrs& attrs);

}  // namespace textra::nn
