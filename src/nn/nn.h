// nn: ONNX graphs on the CPU. Loads a model file as shipped (any rewriting happens in memory at load time),
// checks it, and runs it on float tensors of any size the graph allows (the PP-OCR detection, direction and
// recognition networks). Public header of the module; the ONNX reader, graph and kernels are internal.
//
// Lifetimes and sharing: a Model is immutable after load() and holds the weights; run() may be called from
// several threads at once, each call working in its own buffers. Tensors returned by run() own their data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace textra::nn {

// A dense float32 tensor, row-major (NCHW for images).
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> data;  // size = product of shape

  int64_t element_count() const;
};

struct LoadLimits {
  uint64_t max_file_bytes = uint64_t{512} << 20;  // refuse larger files before reading them
  uint64_t max_nodes = 100000;
};

struct RunOptions {
  int threads = 1;  // threads for one run() call (convolutions split over output channels/rows)
};

class Model {
 public:
  // Reads and checks an ONNX file; errors name the file and what is wrong (truncated, bad field, unknown op,
  // initializer out of bounds...). Never crashes on hostile bytes.
  static Result<std::shared_ptr<const Model>> load(const std::string& path, const LoadLimits& limits = {});
  // The same from bytes in memory; `name` is used in error messages.
  static Result<std::shared_ptr<const Model>> load_bytes(std::string_view bytes, const std::string& name,
                                                         const LoadLimits& limits = {});
  virtual ~Model() = default;

  virtual const std::vector<std::string>& input_names() const = 0;
  virtual const std::vector<std::string>& output_names() const = 0;

  // Runs the graph; inputs in the order of input_names(), outputs in the order of output_names().
  // A shape the graph cannot take is an invalid_argument error naming the input.
  virtual Result<std::vector<Tensor>> run(const std::vector<Tensor>& inputs, const RunOptions& options = {}) const = 0;
  // Hands tensors back (outputs of run() once read, inputs once run): their storage serves the next runs'
  // values instead of fresh memory, whose page faults cost the recogniser a fifth of its time.
  virtual void recycle(std::vector<Tensor>&& tensors) const = 0;
};

}  // namespace textra::nn
