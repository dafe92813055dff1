// Element-wise pieces of the forward pass, with ggml's float evaluation order where it matters (softmax and
// SiLU, which need exponentials, are kernels: KernelSet::softmax, KernelSet::silu_mul).
#pragma once

#include <cstdint>

namespace textra::llm {

// y = (x / sqrt(mean(x^2) + eps)) * weight, n values.
void rms_norm(const float* x, const float* weight, float* y, int64_t n, float eps);
void add_in_place(float* x, const float* y, int64_t n);

}  // namespace textra::llm
