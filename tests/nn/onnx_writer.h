// A small protobuf/ONNX writer for tests: builds ModelProto bytes for hand-made graphs, so the reader and the
// kernels are tested without downloaded models. Field numbers follow onnx/onnx.proto.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace textra::nn::testing {

class ProtoWriter {
 public:
  ProtoWriter& varint_field(uint32_t field, uint64_t v) { key(field, 0); varint(v); return *this; }
  ProtoWriter& float_field(uint32_t field, float f) {
    key(field, 5);
    char b[4];
    std::memcpy(b, &f, 4);
    out_.append(b, 4);
    return *this;
  }
  ProtoWriter& bytes_field(uint32_t field, const std::string& bytes) {
    key(field, 2);
    varint(bytes.size());
    out_ += bytes;
    return *this;
  }
  ProtoWriter& packed_varints(uint32_t field, const std::vector<int64_t>& values) {
    ProtoWriter inner;
    for (int64_t v : values) inner.varint(static_cast<uint64_t>(v));
    return bytes_field(field, inner.str());
  }
  const std::string& str() const { return out_; }

 private:
  void key(uint32_t field, int wire_type) { varint((uint64_t{field} << 3) | static_cast<uint64_t>(wire_type)); }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7F) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  std::string out_;
};

// TensorProto with float raw_data (or int64 raw_data when ints is non-empty).
inline std::string tensor(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& floats,
                          const std::vector<int64_t>& ints = {}) {
  ProtoWriter w;
  w.packed_varints(1, dims).varint_field(2, ints.empty() ? 1 : 7).bytes_field(8, name);
  std::string raw = ints.empty() ? std::string(reinterpret_cast<const char*>(floats.data()), floats.size() * 4)
                                 : std::string(reinterpret_cast<const char*>(ints.data()), ints.size() * 8);
  w.bytes_field(9, raw);
  return w.str();
}

inline std::string attr_int(const std::string& name, int64_t v) {
  return ProtoWriter().bytes_field(1, name).varint_field(20, 2).varint_field(3, static_cast<uint64_t>(v)).str();
}
inline std::string attr_float(const std::string& name, float v) {
  return ProtoWriter().bytes_field(1, name).varint_field(20, 1).float_field(2, v).str();
}
inline std::string attr_ints(const std::string& name, const std::vector<int64_t>& v) {
  return ProtoWriter().bytes_field(1, name).varint_field(20, 7).packed_varints(8, v).str();
}
inline std::string attr_string(const std::string& name, const std::string& v) {
  return ProtoWriter().bytes_field(1, name).varint_field(20, 3).bytes_field(4, v).str();
}
inline std::string attr_tensor(const std::string& name, const std::string& tensor_bytes) {
  return ProtoWriter().bytes_field(1, name).varint_field(20, 4).bytes_field(5, tensor_bytes).str();
}

inline std::string node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::vector<std::string>& attributes = {},
                        const std::string& name = "") {
  ProtoWriter w;
  for (const std::string& i : inputs) w.bytes_field(1, i);
  for (const std::string& o : outputs) w.bytes_field(2, o);
  w.bytes_field(3, name.empty() ? op + "_node" : name).bytes_field(4, op);
  for (const std::string& a : attributes) w.bytes_field(5, a);
  return w.str();
}

// ValueInfoProto of a float tensor; a negative dimension is written as a named (dynamic) one.
inline std::string value_info(const std::string& name, const std::vector<int64_t>& dims) {
  ProtoWriter shape;
  for (int64_t d : dims) {
    shape.bytes_field(1, d < 0 ? ProtoWriter().bytes_field(2, "dyn").str() : ProtoWriter().varint_field(1, d).str());
  }
  std::string tensor_type = ProtoWriter().varint_field(1, 1).bytes_field(2, shape.str()).str();
  std::string type = ProtoWriter().bytes_field(1, tensor_type).str();
  return ProtoWriter().bytes_field(1, name).bytes_field(2, type).str();
}

struct GraphSpec {
  std::vector<std::string> nodes, initializers, inputs, outputs;
};

inline std::string model(const GraphSpec& g, int64_t opset = 13) {
  ProtoWriter graph;
  for (const std::string& n : g.nodes) graph.bytes_field(1, n);
  graph.bytes_field(2, "test");
  for (const std::string& t : g.initializers) graph.bytes_field(5, t);
  for (const std::string& i : g.inputs) graph.bytes_field(11, i);
  for (const std::string& o : g.outputs) graph.bytes_field(12, o);
  std::string opset_id = ProtoWriter().bytes_field(1, "").varint_field(2, static_cast<uint64_t>(opset)).str();
  return ProtoWriter().varint_field(1, 8).bytes_field(7, graph.str()).bytes_field(8, opset_id).str();
}

}  // namespace textra::nn::testing
