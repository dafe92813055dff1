// Scalar reference dequantisation to f32 of the GGUF tensor types (the definition the fast kernels are
// tested against). Formulas follow ggml's dequantize_row_* bit for bit, including the float evaluation
// order, so files quantised by other tools give the same numbers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "llm/gguf/gguf_file.h"
#include "llm/gguf/tensor_types.h"

namespace textra::llm {

// Dequantises out.size() elements of `type` stored in `data`. Refuses sizes that are not a whole number
// of blocks, a `data` span of the wrong length, and types without dequantisation (traits().can_dequantize).
// `data` needs no particular alignment.
Status dequantize(GgmlType type, std::span<const std::uint8_t> data, std::span<float> out);

// The whole tensor as floats, in ggml element order (row-major, ne[0] fastest).
Result<std::vector<float>> dequantize_tensor(const GgufTensorInfo& tensor);

}  // namespace textra::llm
