#include "nn/onnx_proto.h"

#include <cstring>

#include "nn/wire_reader.h"

namespace textra::nn {
namespace {

// TensorProto.DataType values we accept.
constexpr int64_t kFloat = 1, kInt32 = 6, kInt64 = 7;

Result<std::string> read_string(const WireField& field, const char* name) {
  TEXTRA_ASSIGN_OR_RETURN(std::string_view bytes, field_bytes(field, name));
  return std::string(bytes);
}

// TensorProto: dims 1, data_type 2, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9,
// external_data 13, data_location 14. Other payloads (strings, doubles, segments) are refused.
Result<Value> parse_tensor(std::string_view bytes, std::string& name) {
  int64_t data_type = 0;
  std::vector<int64_t> dims;
  std::vector<float> floats;
  std::vector<int64_t> ints;
  std::optional<std::string_view> raw;
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    switch (f.number) {
      case 1: TEXTRA_RETURN_IF_ERROR(append_varints(f, dims)); break;
      case 2: { TEXTRA_ASSIGN_OR_RETURN(data_type, field_int(f, "tensor data_type")); break; }
      case 4: TEXTRA_RETURN_IF_ERROR(append_floats(f, floats)); break;
      case 5:
      case 7: TEXTRA_RETURN_IF_ERROR(append_varints(f, ints)); break;
      case 8: { TEXTRA_ASSIGN_OR_RETURN(name, read_string(f, "tensor name")); break; }
      case 9: { TEXTRA_ASSIGN_OR_RETURN(raw, field_bytes(f, "tensor raw_data")); break; }
      case 12: break;  // doc_string
      case 13:
      case 14: return unsupported("tensor '" + name + "' keeps its data in an external file");
      default: return unsupported("tensor '" + name + "' has field " + std::to_string(f.number) + " (unsupported payload)");
    }
  }
  TEXTRA_RETURN_IF_ERROR(reader.status());
  if (data_type != kFloat && data_type != kInt32 && data_type != kInt64) {
    return unsupported("tensor '" + name + "' has data type " + std::to_string(data_type) + " (only float, int32, int64)");
  }
  auto count_or = element_count(dims);
  if (!count_or) return corrupt("tensor '" + name + "': " + count_or.status().message());
  size_t count = static_cast<size_t>(*count_or);
  Value v;
  v.shape = std::move(dims);
  v.dtype = data_type == kFloat ? DType::kFloat : DType::kInt64;
  size_t width = data_type == kInt64 ? 8 : 4;
  if (raw) {
    if (raw->size() != count * width) {
      return corrupt("tensor '" + name + "': raw_data has " + std::to_string(raw->size()) + " bytes, its shape " +
                     shape_string(v.shape) + " needs " + std::to_string(count * width));
    }
    if (data_type == kFloat) {
      v.f.resize(count);
      if (count > 0) std::memcpy(v.f.data(), raw->data(), raw->size());
    } else {
      v.i.resize(count);
      for (size_t k = 0; k < count; ++k) {
        if (width == 8) {
          std::memcpy(&v.i[k], raw->data() + 8 * k, 8);
        } else {
          int32_t x;
          std::memcpy(&x, raw->data() + 4 * k, 4);
          v.i[k] = x;
        }
      }
    }
  } else if (data_type == kFloat) {
    v.f = std::move(floats);
  } else {
    v.i = std::move(ints);
  }
  if (static_cast<size_t>(v.count()) != count) {
    return corrupt("tensor '" + name + "': " + std::to_string(v.count()) + " values for shape " + shape_string(v.shape));
  }
  return v;
}

// AttributeProto: name 1, f 2, i 3, s 4, t 5, g 6, floats 7, ints 8, strings 9, tensors 10, graphs 11,
// doc_string 13, type 20.
Result<OnnxAttribute> parse_attribute(std::string_view bytes) {
  OnnxAttribute a;
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    switch (f.number) {
      case 1: { TEXTRA_ASSIGN_OR_RETURN(a.name, read_string(f, "attribute name")); break; }
      case 2: { TEXTRA_ASSIGN_OR_RETURN(a.f, field_float(f, "attribute f")); break; }
      case 3: { TEXTRA_ASSIGN_OR_RETURN(a.i, field_int(f, "attribute i")); break; }
      case 4: { TEXTRA_ASSIGN_OR_RETURN(a.s, read_string(f, "attribute s")); break; }
      case 5: {
        TEXTRA_ASSIGN_OR_RETURN(std::string_view t, field_bytes(f, "attribute t"));
        std::string ignored;
        auto tensor = parse_tensor(t, ignored);
        if (!tensor) return tensor.status().with_context("attribute '" + a.name + "'");
        a.t = std::move(tensor).value();
        break;
      }
      case 7: TEXTRA_RETURN_IF_ERROR(append_floats(f, a.floats)); break;
      case 8: TEXTRA_RETURN_IF_ERROR(append_varints(f, a.ints)); break;
      case 13: break;
      case 20: { TEXTRA_ASSIGN_OR_RETURN(a.type, field_int(f, "attribute type")); break; }
      default: return unsupported("attribute '" + a.name + "' has field " + std::to_string(f.number) + " (graphs, strings lists)");
    }
  }
  TEXTRA_RETURN_IF_ERROR(reader.status());
  return a;
}

// NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, doc_string 6, domain 7.
Result<OnnxNode> parse_node(std::string_view bytes) {
  OnnxNode n;
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    switch (f.number) {
      case 1: { TEXTRA_ASSIGN_OR_RETURN(std::string s, read_string(f, "node input")); n.inputs.push_back(std::move(s)); break; }
      case 2: { TEXTRA_ASSIGN_OR_RETURN(std::string s, read_string(f, "node output")); n.outputs.push_back(std::move(s)); break; }
      case 3: { TEXTRA_ASSIGN_OR_RETURN(n.name, read_string(f, "node name")); break; }
      case 4: { TEXTRA_ASSIGN_OR_RETURN(n.op_type, read_string(f, "node op_type")); break; }
      case 5: {
        TEXTRA_ASSIGN_OR_RETURN(std::string_view a, field_bytes(f, "node attribute"));
        TEXTRA_ASSIGN_OR_RETURN(OnnxAttribute attribute, parse_attribute(a));
        n.attributes.push_back(std::move(attribute));
        break;
      }
      case 7: { TEXTRA_ASSIGN_OR_RETURN(n.domain, read_string(f, "node domain")); break; }
      default: break;  // doc_string, overload, metadata
    }
  }
  TEXTRA_RETURN_IF_ERROR(reader.status());
  return n;
}

// ValueInfoProto: name 1, type 2 -> TypeProto.tensor_type 1 -> shape 2 -> dim 1 -> dim_value 1 | dim_param 2.
Result<OnnxValueInfo> parse_value_info(std::string_view bytes) {
  OnnxValueInfo info;
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    if (f.number == 1) {
      TEXTRA_ASSIGN_OR_RETURN(info.name, read_string(f, "value_info name"));
    } else if (f.number == 2 && f.type == WireType::kBytes) {
      WireReader type_reader(f.bytes);
      WireField tf;
      while (type_reader.next(tf)) {
        if (tf.number != 1 || tf.type != WireType::kBytes) continue;
        WireReader tensor_reader(tf.bytes);
        WireField sf;
        while (tensor_reader.next(sf)) {
          if (sf.number != 2 || sf.type != WireType::kBytes) continue;
          info.has_shape = true;
          WireReader shape_reader(sf.bytes);
          WireField df;
          while (shape_reader.next(df)) {
            if (df.number != 1 || df.type != WireType::kBytes) continue;
            int64_t dim = -1;
            WireReader dim_reader(df.bytes);
            WireField vf;
            while (dim_reader.next(vf)) {
              if (vf.number == 1 && vf.type == WireType::kVarint) dim = static_cast<int64_t>(vf.scalar);
            }
            TEXTRA_RETURN_IF_ERROR(dim_reader.status());
            info.dims.push_back(dim < 0 ? -1 : dim);
          }
          TEXTRA_RETURN_IF_ERROR(shape_reader.status());
        }
        TEXTRA_RETURN_IF_ERROR(tensor_reader.status());
      }
      TEXTRA_RETURN_IF_ERROR(type_reader.status());
    }
  }
  TEXTRA_RETURN_IF_ERROR(reader.status());
  return info;
}

// GraphProto: node 1, name 2, initializer 5, doc_string 10, input 11, output 12, value_info 13.
Status parse_graph(std::string_view bytes, const LoadLimits& limits, OnnxGraph& graph) {
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    switch (f.number) {
      case 1: {
        if (graph.nodes.size() >= limits.max_nodes) {
          return limit_exceeded("more than " + std::to_string(limits.max_nodes) + " nodes");
        }
        TEXTRA_ASSIGN_OR_RETURN(std::string_view b, field_bytes(f, "graph node"));
        auto node = parse_node(b);
        if (!node) return node.status().with_context("node " + std::to_string(graph.nodes.size()));
        graph.nodes.push_back(std::move(node).value());
        break;
      }
      case 5: {
        TEXTRA_ASSIGN_OR_RETURN(std::string_view b, field_bytes(f, "graph initializer"));
        std::string name;
        auto tensor = parse_tensor(b, name);
        if (!tensor) return tensor.status().with_context("initializer " + std::to_string(graph.initializers.size()));
        graph.initializers.emplace_back(std::move(name), std::move(tensor).value());
        break;
      }
      case 11:
      case 12: {
        TEXTRA_ASSIGN_OR_RETURN(std::string_view b, field_bytes(f, "graph input/output"));
        TEXTRA_ASSIGN_OR_RETURN(OnnxValueInfo info, parse_value_info(b));
        (f.number == 11 ? graph.inputs : graph.outputs).push_back(std::move(info));
        break;
      }
      case 15: return unsupported("sparse initializers");
      default: break;  // name, doc_string, value_info, quantization annotations
    }
  }
  return reader.status();
}

// OperatorSetIdProto: domain 1, version 2.
Status parse_opset(std::string_view bytes, OnnxModel& model) {
  std::string domain;
  int64_t version = 0;
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    if (f.number == 1) { TEXTRA_ASSIGN_OR_RETURN(domain, read_string(f, "opset domain")); }
    if (f.number == 2) { TEXTRA_ASSIGN_OR_RETURN(version, field_int(f, "opset version")); }
  }
  TEXTRA_RETURN_IF_ERROR(reader.status());
  if (domain.empty() || domain == "ai.onnx") model.opset = version;
  return Status::ok();
}

}  // namespace

// ModelProto: ir_version 1, opset_import 8, graph 7; producer, domain, doc strings and metadata are skipped.
Result<OnnxModel> parse_onnx_model(std::string_view bytes, const LoadLimits& limits) {
  OnnxModel model;
  bool has_graph = false;
  WireReader reader(bytes);
  WireField f;
  while (reader.next(f)) {
    if (f.number == 1) {
      TEXTRA_ASSIGN_OR_RETURN(model.ir_version, field_int(f, "ir_version"));
    } else if (f.number == 8) {
      TEXTRA_ASSIGN_OR_RETURN(std::string_view b, field_bytes(f, "opset_import"));
      TEXTRA_RETURN_IF_ERROR(parse_opset(b, model));
    } else if (f.number == 7) {
      TEXTRA_ASSIGN_OR_RETURN(std::string_view b, field_bytes(f, "graph"));
      if (has_graph) return corrupt("two graphs in one model");
      has_graph = true;
      TEXTRA_RETURN_IF_ERROR(parse_graph(b, limits, model.graph).with_context("graph"));
    }
  }
  TEXTRA_RETURN_IF_ERROR(reader.status());
  if (model.ir_version < 3 || model.ir_version > 20) {
    return corrupt("not an ONNX model (ir_version " + std::to_string(model.ir_version) + ")");
  }
  if (!has_graph || model.graph.nodes.empty()) return corrupt("not an ONNX model (no graph nodes)");
  if (model.opset < 7 || model.opset > 21) return unsupported("operator set version " + std::to_string(model.opset));
  return model;
}

}  // namespace textra::nn
