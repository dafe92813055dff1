// Model: the public face of the module (nn.h). Loads through the ONNX reader and graph builder, runs the nodes
// in order, handing each intermediate value's buffer back to the model's pool after its last reader.
#include <memory>

#include "base/files.h"
#include "nn/graph.h"
#include "nn/kernels.h"
#include "nn/nn.h"

namespace textra::nn {
namespace {

class LoadedModel final : public Model {
 public:
  explicit LoadedModel(Graph graph) : graph_(std::move(graph)) {
    for (int id : graph_.input_ids) input_names_.push_back(graph_.value_names[id]);
    for (int id : graph_.output_ids) output_names_.push_back(graph_.value_names[id]);
  }

  const std::vector<std::string>& input_names() const override { return input_names_; }
  const std::vector<std::string>& output_names() const override { return output_names_; }

  void recycle(std::vector<Tensor>&& tensors) const override {
    for (Tensor& t : tensors) buffers_.give(std::move(t.data));
  }

  Result<std::vector<Tensor>> run(const std::vector<Tensor>& inputs, const RunOptions& options) const override {
    if (inputs.size() != graph_.input_ids.size()) {
      return invalid_argument("model takes " + std::to_string(graph_.input_ids.size()) + " inputs, got " +
                              std::to_string(inputs.size()));
    }
    ScopedBufferPool scoped(&buffers_);
    std::vector<Value> owned(graph_.value_names.size());
    std::vector<const Value*> values(graph_.value_names.size(), nullptr);
    for (size_t k = 0; k < graph_.constants.size(); ++k) values[k] = graph_.constants[k].get();
    for (size_t k = 0; k < inputs.size(); ++k) {
      TEXTRA_RETURN_IF_ERROR(check_input(k, inputs[k]));
      const int id = graph_.input_ids[k];
      owned[id].shape = inputs[k].shape;
      owned[id].f = pooled_floats(inputs[k].data.size(), Fill::kOverwritten);
      std::copy(inputs[k].data.begin(), inputs[k].data.end(), owned[id].f.begin());
      values[id] = &owned[id];
    }

    std::unique_ptr<ThreadPool> pool;
    ExecContext ctx;
    if (options.threads > 1) {
      pool = std::make_unique<ThreadPool>(static_cast<size_t>(options.threads));
      ctx.pool = pool.get();
      ctx.threads = options.threads;
    }
    std::vector<const Value*> args;
    for (size_t k = 0; k < graph_.nodes.size(); ++k) {
      const Node& node = graph_.nodes[k];
      args.clear();
      for (int id : node.inputs) args.push_back(id >= 0 ? values[id] : nullptr);
      auto result = run_node(node, args, ctx);
      if (!result) return result.status().with_context("node " + node.name);
      owned[node.output] = std::move(result).value();
      values[node.output] = &owned[node.output];
      for (int id : node.inputs) {
        if (id >= 0 && graph_.last_use[id] == static_cast<int>(k) && !graph_.constants[id]) {
          buffers_.give(std::move(owned[id].f));
          owned[id] = Value{};
        }
      }
    }

    std::vector<Tensor> outputs;
    for (int id : graph_.output_ids) {
      const Value& v = *values[id];
      Tensor t;
      t.shape = v.shape;
      if (values[id] == &owned[id] && v.dtype == DType::kFloat) t.data = std::move(owned[id].f);
      else if (v.dtype == DType::kFloat) t.data = v.f;
      else t.data.assign(v.i.begin(), v.i.end());
      outputs.push_back(std::move(t));
    }
    // Values no node reads (unused branches of the graph) still hold pool storage.
    for (Value& v : owned) {
      if (!v.f.empty()) buffers_.give(std::move(v.f));
    }
    return outputs;
  }

 private:
  Status check_input(size_t k, const Tensor& t) const {
    const OnnxValueInfo& info = graph_.inputs[k];
    auto count = element_count(t.shape);
    if (!count || *count != static_cast<int64_t>(t.data.size())) {
      return invalid_argument("input '" + info.name + "': shape " + shape_string(t.shape) + " does not match its " +
                              std::to_string(t.data.size()) + " values");
    }
    bool fits = !info.has_shape || info.dims.size() == t.shape.size();
    for (size_t d = 0; fits && info.has_shape && d < info.dims.size(); ++d) {
      fits = info.dims[d] < 0 || info.dims[d] == t.shape[d];
    }
    if (!fits) {
      return invalid_argument("input '" + info.name + "' has shape " + shape_string(t.shape) + ", the model takes " +
                              shape_string(info.dims) + " (-1: any size)");
    }
    return Status::ok();
  }

  Graph graph_;
  std::vector<std::string> input_names_, output_names_;
  mutable BufferPool buffers_;
};

}  // namespace

int64_t Tensor::element_count() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

Result<std::shared_ptr<const Model>> Model::load_bytes(std::string_view bytes, const std::string& name,
                                                       const LoadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes) return limit_exceeded(name + ": larger than the limit on model files");
  auto parsed = parse_onnx_model(bytes, limits);
  if (!parsed) return parsed.status().with_context(name);
  auto graph = build_graph(std::move(parsed).value());
  if (!graph) return graph.status().with_context(name);
  return std::shared_ptr<const Model>(std::make_shared<LoadedModel>(std::move(graph).value()));
}

Result<std::shared_ptr<const Model>> Model::load(const std::string& path, const LoadLimits& limits) {
  auto bytes = read_file(path, limits.max_file_bytes);
  if (!bytes) return bytes.status().with_context(path);
  return load_bytes(*bytes, path, limits);
}

}  // namespace textra::nn
