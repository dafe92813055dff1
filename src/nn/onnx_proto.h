// The parts of an ONNX ModelProto the runtime needs, decoded from the protobuf wire format (see wire_reader.h).
// Field numbers follow onnx/onnx.proto; fields we do not use are skipped, fields we cannot honour (external
// data, subgraphs, sparse or non-numeric tensors) are refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "nn/nn.h"
#include "nn/value.h"

namespace textra::nn {

struct OnnxAttribute {
  std::string name;
  int64_t type = 0;  // AttributeProto.AttributeType: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS
  float f = 0.0f;
  int64_t i = 0;
  std::string s;
  std::optional<Value> t;
  std::vector<float> floats;
  std::vector<int64_t> ints;
};

struct OnnxNode {
  std::string name;
  std::string op_type;
  std::string domain;
  std::vector<std::string> inputs;  // "" marks an omitted optional input
  std::vector<std::string> outputs;
  std::vector<OnnxAttribute> attributes;
};

struct OnnxValueInfo {
  std::string name;
  std::vector<int64_t> dims;  // -1 for a dimension given by name or not at all
  bool has_shape = false;
};

struct OnnxGraph {
  std::vector<OnnxNode> nodes;
  std::vector<std::pair<std::string, Value>> initializers;
  std::vector<OnnxValueInfo> inputs;
  std::vector<OnnxValueInfo> outputs;
};

struct OnnxModel {
  int64_t ir_version = 0;
  int64_t opset = 0;  // version of the default ("" or "ai.onnx") operator set
  OnnxGraph graph;
};

Result<OnnxModel> parse_onnx_model(std::string_view bytes, const LoadLimits& limits);

}  // namespace textra::nn
