// Matrix products for the forward pass, on the best kernel variant this CPU supports.
//
//   y[t][r] = dot(W row r, x[t])   for tokens t < n_tokens, rows r < W.rows
//
// Activations are converted once per call to the weight type's activation type (Q8_0, Q8_1, Q8_K, F16,
// BF16 or F32), or to a kernel set's own packed layout for that type (KernelSet::packed), and shared by all
// rows. Threads split the rows, never a dot product, so results do not depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "llm/gguf/tensor_types.h"
#include "llm/kernels/compute_pool.h"
#include "llm/kernels/kernel_set.h"

namespace textra::llm {

// The type activations are converted to before a dot product with weights of `type`.
GgmlType activation_type(GgmlType type);
// Whether matmul() handles weights of this type.
bool has_matmul_kernel(GgmlType type);
// Bytes of a row of n elements (n a multiple of the type's block size).
size_t packed_row_bytes(GgmlType type, int64_t n);

enum class KernelChoice { kBest, kScalar, kAvx2, kAvx512 };
// The kernel set for a choice; nullptr when this CPU cannot run it.
const KernelSet* kernel_set(KernelChoice choice);
// The set used by matmul() (the best one, or the one named by TEXTRA_KERNELS=scalar|avx2|avx512).
const KernelSet& active_kernels();

// A weight matrix stored row by row in one of the GGUF types.
struct MatrixView {
  GgmlType type = GgmlType::kF32;
  int64_t rows = 0;
  int64_t cols = 0;
  const void* data = nullptr;
  size_t row_stride = 0;  // bytes between rows
};

// One output of a shared-input product: y = x * W^T with rows of y y_stride floats apart.
struct MatmulOutput {
  const MatrixView* weight;
  float* y;
  int64_t y_stride;
};

// Scratch memory reused across calls (converted activations).
class MatmulScratch {
 public:
  uint8_t* reserve(size_t bytes);

 private:
  std::vector<uint8_t> buffer_;
};

// Computes every output from the same activations x (n_tokens rows of `cols` floats, x_stride apart);
// all weights must share cols (each distinct activation layout among them is converted once). Runs on every
// thread of the pool.
void matmul(std::initializer_list<MatmulOutput> outputs, const float* x, int64_t x_stride, int64_t n_tokens,
            ComputePool& pool, MatmulScratch& scratch, const KernelSet& kernels = active_kernels());

}  // namespace textra::llm
