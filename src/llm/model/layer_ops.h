// Element-wise pieces of the forward pass, with ggml's float evaluation order where it matters.
#pragma once

#include <cstdint>

namespace textra::llm {

// y = (x / sqrt(mean(x^2) + eps)) * weight, n values.
void rms_norm(const float* x, const float* weight, float* y, int64_t n, float eps);
// gate[i] = silu(gate[i]) * up[i].
void silu_mul(float* gate, const float* up, int64_t n);
void add_in_place(float* x, const float* y, int64_t n);
// Softmax of x[0..n) in place (max-subtracted, sum in double).
void softmax(float* x, int64_t n);

}  // namespace textra::llm
