// libFuzzer target for the GGUF reader (cmake/TextraFuzz.cmake; run by scripts/fuzz). Whatever the bytes,
// parsing must fail cleanly or yield a consistent file: tensor views inside the input, every tensor
// dequantisable (by size), metadata accessors and the model summary safe to call.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "llm/gguf/dequantize.h"
#include "llm/gguf/gguf_file.h"
#include "llm/gguf/model_summary.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra::llm;
  const std::span<const std::uint8_t> bytes(data, size);
  GgufLimits limits;
  limits.max_metadata_elements = 1u << 16;  // keep each input's memory small
  auto file = GgufFile::parse(bytes, "fuzz.gguf", limits);
  if (!file.is_ok()) return 0;
  for (const auto& kv : (*file)->metadata()) {
    (void)kv.value.to_display_string();
    (void)(*file)->get_string_array(kv.key);
    (void)(*file)->get_float_array(kv.key);
    (void)(*file)->get_int_array(kv.key);
  }
  (void)summarize_model(**file);
  for (const auto& tensor : (*file)->tensors()) {
    if (tensor.data.data() < data || tensor.data.data() + tensor.data.size() > data + size) __builtin_trap();
    if (!traits(tensor.type).can_dequantize || tensor.n_elements > (1u << 20)) continue;
    std::vector<float> out(tensor.n_elements);
    if (!dequantize(tensor.type, tensor.data, out).is_ok()) __builtin_trap();  // sizes were validated
  }
  return 0;
}
