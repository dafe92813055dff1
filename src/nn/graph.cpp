#include "nn/graph.h"

#include <unordered_map>

#include "nn/fuse.h"
#include "nn/kernels.h"
#include "nn/op_table.h"

namespace textra::nn {
namespace {

std::string node_label(size_t index, const OnnxNode& n) {
  return "node " + std::to_string(index) + " '" + n.name + "' (" + n.op_type + ")";
}

class GraphBuilder {
 public:
  explicit GraphBuilder(OnnxModel& model) : model_(model) { graph_.opset = model.opset; }

  Result<Graph> build() {
    TEXTRA_RETURN_IF_ERROR(add_initializers_and_inputs());
    std::vector<Node> unordered;
    for (size_t k = 0; k < model_.graph.nodes.size(); ++k) {
      const OnnxNode& onnx = model_.graph.nodes[k];
      auto node = decode_node(onnx);
      if (!node) return node.status().with_context(node_label(k, onnx));
      unordered.push_back(std::move(node).value());
    }
    TEXTRA_RETURN_IF_ERROR(order(std::move(unordered)));
    for (const OnnxValueInfo& info : model_.graph.outputs) {
      auto it = ids_.find(info.name);
      if (it == ids_.end() || !defined_[it->second]) return corrupt("graph output '" + info.name + "' is never produced");
      graph_.output_ids.push_back(it->second);
    }
    if (graph_.output_ids.empty()) return corrupt("graph has no outputs");
    TEXTRA_RETURN_IF_ERROR(fold_constants());
    fuse_graph(graph_);
    for (Node& node : graph_.nodes) {
      if ((node.op == Op::kConv || node.op == Op::kConvTranspose) && graph_.constants[node.inputs[1]]) {
        prepare_conv(node, *graph_.constants[node.inputs[1]]);
      }
    }
    compute_last_use();
    return std::move(graph_);
  }

 private:
  int value_id(const std::string& name) {
    auto [it, inserted] = ids_.try_emplace(name, static_cast<int>(graph_.value_names.size()));
    if (inserted) {
      graph_.value_names.push_back(name);
      graph_.constants.emplace_back();
      defined_.push_back(false);
    }
    return it->second;
  }

  Status define(int id) {
    if (defined_[id]) return corrupt("value '" + graph_.value_names[id] + "' is defined twice");
    defined_[id] = true;
    return Status::ok();
  }

  Status add_initializers_and_inputs() {
    for (auto& [name, value] : model_.graph.initializers) {
      const int id = value_id(name);
      TEXTRA_RETURN_IF_ERROR(define(id));
      graph_.constants[id] = std::make_shared<const Value>(std::move(value));
    }
    for (const OnnxValueInfo& info : model_.graph.inputs) {
      const int id = value_id(info.name);
      if (graph_.constants[id]) continue;  // older exporters list initializers as inputs too
      TEXTRA_RETURN_IF_ERROR(define(id));
      graph_.input_ids.push_back(id);
      graph_.inputs.push_back(info);
    }
    if (graph_.input_ids.empty()) return corrupt("graph has no inputs");
    return Status::ok();
  }

  Result<Node> decode_node(const OnnxNode& onnx) {
    if (!onnx.domain.empty() && onnx.domain != "ai.onnx") return unsupported("operator domain '" + onnx.domain + "'");
    const OpSpec* spec = find_op(onnx.op_type);
    if (spec == nullptr) return unsupported("unsupported operator " + onnx.op_type);
    const int count = static_cast<int>(onnx.inputs.size());
    if (count < spec->min_inputs || count > spec->max_inputs) {
      return corrupt(std::to_string(count) + " inputs, expected " + std::to_string(spec->min_inputs) + ".." +
                     std::to_string(spec->max_inputs));
    }
    if (onnx.outputs.size() != 1 || onnx.outputs[0].empty()) return unsupported("nodes must have exactly one output");
    Node node{spec->op, "'" + onnx.name + "' (" + onnx.op_type + ")", {}, -1, {}};
    TEXTRA_RETURN_IF_ERROR(decode_attributes(*spec, onnx, graph_.opset, node.attrs));
    for (int k = 0; k < count; ++k) {
      const std::string& name = onnx.inputs[k];
      if (name.empty() && k < spec->min_inputs) return corrupt("required input " + std::to_string(k) + " is empty");
      node.inputs.push_back(name.empty() ? -1 : value_id(name));
    }
    node.output = value_id(onnx.outputs[0]);
    TEXTRA_RETURN_IF_ERROR(define(node.output));
    return node;
  }

  // Kahn's algorithm, keeping the file's order among ready nodes.
  Status order(std::vector<Node> nodes) {
    std::vector<int> producer(graph_.value_names.size(), -1);
    for (size_t k = 0; k < nodes.size(); ++k) producer[nodes[k].output] = static_cast<int>(k);
    std::vector<int> waiting(nodes.size(), 0);
    std::vector<std::vector<int>> consumers(nodes.size());
    for (size_t k = 0; k < nodes.size(); ++k) {
      for (int id : nodes[k].inputs) {
        if (id < 0) continue;
        if (!defined_[id]) return corrupt("input '" + graph_.value_names[id] + "' of node " + nodes[k].name + " is never produced");
        if (producer[id] >= 0) {
          ++waiting[k];
          consumers[producer[id]].push_back(static_cast<int>(k));
        }
      }
    }
    std::vector<int> ready;
    for (size_t k = nodes.size(); k-- > 0;) {
      if (waiting[k] == 0) ready.push_back(static_cast<int>(k));
    }
    std::vector<int> sequence;
    while (!ready.empty()) {
      const int k = ready.back();
      ready.pop_back();
      sequence.push_back(k);
      for (int c : consumers[k]) {
        if (--waiting[c] == 0) ready.push_back(c);
      }
    }
    if (sequence.size() != nodes.size()) return corrupt("the graph has a cycle");
    for (int k : sequence) graph_.nodes.push_back(std::move(nodes[k]));
    return Status::ok();
  }

  // Nodes whose inputs are all constants (weights, Constant nodes, shapes of constants) run once, here. A result
  // larger than any weight tensor (only a hostile file makes one) is not kept: the node then runs at run time.
  Status fold_constants() {
    constexpr int64_t kMaxFoldedElements = int64_t{1} << 22;
    std::vector<Node> kept;
    const ExecContext serial;
    for (Node& node : graph_.nodes) {
      bool constant = true;
      std::vector<const Value*> inputs;
      for (int id : node.inputs) {
        if (id >= 0 && !graph_.constants[id]) constant = false;
        inputs.push_back(id >= 0 ? graph_.constants[id].get() : nullptr);
      }
      if (!constant) {
        kept.push_back(std::move(node));
        continue;
      }
      auto value = run_node(node, inputs, serial);
      if (!value) return value.status().with_context("node " + node.name);
      if (value->count() > kMaxFoldedElements) {
        kept.push_back(std::move(node));
        continue;
      }
      graph_.constants[node.output] = std::make_shared<const Value>(std::move(value).value());
    }
    graph_.nodes = std::move(kept);
    return Status::ok();
  }

  void compute_last_use() {
    graph_.last_use.assign(graph_.value_names.size(), -1);
    for (size_t k = 0; k < graph_.nodes.size(); ++k) {
      for (int id : graph_.nodes[k].inputs) {
        if (id >= 0) graph_.last_use[id] = static_cast<int>(k);
      }
    }
    for (int id : graph_.output_ids) graph_.last_use[id] = static_cast<int>(graph_.nodes.size());
  }

  OnnxModel& model_;
  Graph graph_;
  std::unordered_map<std::string, int> ids_;
  std::vector<bool> defined_;
};

}  // namespace

Result<Graph> build_graph(OnnxModel model) { return GraphBuilder(model).build(); }

}  // namespace textra::nn
