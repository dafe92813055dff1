// libFuzzer target for the ONNX reader and graph builder: any bytes must give a model or an error, never a
// crash, a hang or an unbounded allocation. Models are only loaded, not run (a valid graph may legitimately
// take long on large inputs). Seeds: small hand-made models from make_seeds.cpp (tests/nn/onnx_writer.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "nn/nn.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  textra::nn::LoadLimits limits;
  limits.max_file_bytes = 1 << 20;
  limits.max_nodes = 4096;
  auto model = textra::nn::Model::load_bytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", limits);
  if (model.is_ok()) {
    // Touch the loaded model's interface so a broken graph shows up here rather than in later use.
    (void)(*model)->input_names().size();
    (void)(*model)->output_names().size();
  }
  return 0;
}
