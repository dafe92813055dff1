// The runtime's tensor: float32 or int64 (ONNX shape arithmetic: Shape, Slice, Concat, Reshape targets), row-major.
#pragma once

#include <cstdint>
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

// A float or int64 value of the given shape with every element zero.
Result<Value> make_value(DType dtype, std::vector<int64_t> shape);

std::string shape_string(const std::vector<int64_t>& shape);

}  // namespace textra::nn
