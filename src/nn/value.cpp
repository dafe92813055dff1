#include "nn/value.h"

namespace textra::nn {

Result<int64_t> element_count(const std::vector<int64_t>& shape) {
  int64_t count = 1;
  for (int64_t d : shape) {
    if (d < 0) return invalid_argument("negative dimension in shape " + shape_string(shape));
    if (d != 0 && count > kMaxElements / d) return limit_exceeded("tensor of shape " + shape_string(shape) + " is too large");
    count *= d;
  }
  return count;
}

Result<Value> make_value(DType dtype, std::vector<int64_t> shape) {
  TEXTRA_ASSIGN_OR_RETURN(int64_t count, element_count(shape));
  Value v;
  v.dtype = dtype;
  v.shape = std::move(shape);
  if (dtype == DType::kFloat) v.f.assign(static_cast<size_t>(count), 0.0f);
  else v.i.assign(static_cast<size_t>(count), 0);
  return v;
}

std::string shape_string(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t k = 0; k < shape.size(); ++k) s += (k ? "," : "") + std::to_string(shape[k]);
  return s + "]";
}

}  // namespace textra::nn
