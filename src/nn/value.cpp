#include "nn/value.h"

#include <algorithm>

namespace textra::nn {
namespace {

thread_local BufferPool* current_pool = nullptr;

// Buffers kept for reuse: the networks' layers reuse a handful of sizes; the byte cap bounds what an idle
// model holds (a 960x960 detection needs about 100 MB of intermediates).
constexpr size_t kMaxPooledBuffers = 32;
constexpr size_t kMaxPooledBytes = size_t{256} << 20;

}  // namespace

std::vector<float> pooled_floats(size_t count, Fill fill) {
  return current_pool != nullptr ? current_pool->take(count, fill) : std::vector<float>(count, 0.0f);
}

void recycle_floats(std::vector<float>&& buffer) {
  if (current_pool != nullptr) current_pool->give(std::move(buffer));
}

std::vector<float> BufferPool::take(size_t count, Fill fill) {
  std::vector<float> buffer;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // The smallest buffer that is large enough, so big ones stay for big tensors.
    auto best = free_.end();
    for (auto it = free_.begin(); it != free_.end(); ++it) {
      if (it->capacity() >= count && (best == free_.end() || it->capacity() < best->capacity())) best = it;
    }
    if (best != free_.end()) {
      free_bytes_ -= best->capacity() * sizeof(float);
      buffer = std::move(*best);
      free_.erase(best);
    }
  }
  // A new buffer reserves room to grow: the next page's somewhat larger tensors reuse it and touch only the
  // memory pages they add (untouched reserved pages cost no memory), instead of faulting in a whole new buffer.
  if (buffer.capacity() < count) buffer.reserve(count + count / 2);
  if (fill == Fill::kZeros) buffer.assign(count, 0.0f);
  else buffer.resize(count);  // zeros only past the buffer's previous size
  return buffer;
}

void BufferPool::give(std::vector<float>&& buffer) {
  const size_t bytes = buffer.capacity() * sizeof(float);
  if (bytes == 0 || bytes > kMaxPooledBytes) return;
  std::lock_guard<std::mutex> lock(mutex_);
  free_bytes_ += bytes;
  free_.push_back(std::move(buffer));
  // Over the limits, the smallest buffers go first.
  while (free_.size() > kMaxPooledBuffers || free_bytes_ > kMaxPooledBytes) {
    auto smallest = std::min_element(free_.begin(), free_.end(),
                                     [](const auto& a, const auto& b) { return a.capacity() < b.capacity(); });
    free_bytes_ -= smallest->capacity() * sizeof(float);
    free_.erase(smallest);
  }
}

ScopedBufferPool::ScopedBufferPool(BufferPool* pool) : previous_(current_pool) { current_pool = pool; }
ScopedBufferPool::~ScopedBufferPool() { current_pool = previous_; }

Value copy_value(const Value& x) {
  Value out;
  out.dtype = x.dtype;
  out.shape = x.shape;
  out.i = x.i;
  if (!x.f.empty()) {
    out.f = pooled_floats(x.f.size(), Fill::kOverwritten);
    std::copy(x.f.begin(), x.f.end(), out.f.begin());
  }
  return out;
}

Result<int64_t> element_count(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0) return invalid_argument("negative dimension in shape " + shape_string(shape));
    if (d != 0 && count > kMaxElements / d) return limit_exceeded("tensor of shape " + shape_string(shape) + " is too large");
    count *= d;
  }
  return count;
}

Result<Value> make_value(DType dtype, std::vector<int64_t> shape, Fill fill) {
  TEXTRA_ASSIGN_OR_RETURN(int64_t count, element_count(shape));
  Value v;
  v.dtype = dtype;
  v.shape = std::move(shape);
  if (dtype == DType::kFloat) v.f = pooled_floats(static_cast<size_t>(count), fill);
  else v.i.assign(static_cast<size_t>(count), 0);
  return v;
}

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t k = 0; k < shape.size(); ++k) {
    if (k > 0) s += ',';
    s += std::to_string(shape[k]);
  }
  s += ']';
  return s;
}

}  // namespace textra::nn
