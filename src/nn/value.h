// The runtime's tensor: float32 or int64 (ONNX shape arithmetic: Shape, Slice, Concat, Reshape targets), row-major.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::nn {

enum class DType : uint8_t { kFloat, kInt64 };

// Largest element count a tensor may have (256 MiB of floats, far above what a page's detection map needs):
// shapes from hostile files or inputs stop here.
inline constexpr int64_t kMaxElements = int64_t{1} << 26;

struct Value {
  DType dtype = DType::kFloat;
  std::vector<int64_t> shape;
  std::vector<float> f;    // the elements when dtype is kFloat
  std::vector<int64_t> i;  // the elements when dtype is kInt64

  int64_t count() const { return dtype == DType::kFloat ? static_cast<int64_t>(f.size()) : static_cast<int64_t>(i.size()); }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
};

// Product of the dimensions; an error when one is negative or the product passes kMaxElements.
Result<int64_t> element_count(const std::vector<int64_t>& shape);

// What new float storage holds: zeros, or whatever a reused buffer held before, for kernels that write every
// element anyway (zeroing every output was an eighth of the recogniser's time).
enum class Fill : uint8_t { kZeros, kOverwritten };

// A float or int64 value of the given shape (float storage from the run's BufferPool; int64 elements are zero).
Result<Value> make_value(DType dtype, std::vector<int64_t> shape, Fill fill = Fill::kZeros);
// A copy of x whose float storage comes from the run's BufferPool.
Value copy_value(const Value& x);
// Scratch float storage from the run's BufferPool, and its return when done.
std::vector<float> pooled_floats(size_t count, Fill fill = Fill::kZeros);
void recycle_floats(std::vector<float>&& buffer);

// Float buffers of the values run() has freed, handed out again for new outputs, in this run and the next ones:
// fresh pages of large tensors cost page faults that doubled the detection network's time. A model holds one;
// concurrent run() calls share it.
class BufferPool {
 public:
  std::vector<float> take(size_t count, Fill fill);
  void give(std::vector<float>&& buffer);

 private:
  std::mutex mutex_;
  std::vector<std::vector<float>> free_;
  size_t free_bytes_ = 0;
};

// Makes `pool` the current thread's pool for its lifetime (run() holds one while it runs the nodes).
class ScopedBufferPool {
 public:
  explicit ScopedBufferPool(BufferPool* pool);
  ~ScopedBufferPool();
  ScopedBufferPool(const ScopedBufferPool&) = delete;
  ScopedBufferPool& operator=(const ScopedBufferPool&) = delete;

 private:
  BufferPool* previous_;
};

std::string shape_string(const std::vector<int64_t>& shape);

}  // namespace textra::nn
