// Operators that move or reinterpret elements without arithmetic: Shape, Cast, Reshape, Flatten, Squeeze,
// Unsqueeze, Concat, Slice, Gather, Transpose. They work on float and int64 tensors alike.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "nn/kernels.h"

namespace textra::nn {
namespace {

// Copies element `from` of `src` to element `to` of `dst` (same dtype).
inline void copy_element(const Value& src, int64_t from, Value& dst, int64_t to) {
  if (src.dtype == DType::kFloat) dst.f[to] = src.f[from];
  else dst.i[to] = src.i[from];
}

// Copies `count` consecutive elements.
inline void copy_run(const Value& src, int64_t from, Value& dst, int64_t to, int64_t count) {
  if (count <= 0) return;  // empty tensors may have no storage at all
  if (src.dtype == DType::kFloat) std::memcpy(dst.f.data() + to, src.f.data() + from, count * sizeof(float));
  else std::memcpy(dst.i.data() + to, src.i.data() + from, count * sizeof(int64_t));
}

Value with_shape(const Value& x, std::vector<int64_t> shape) {
  Value out = copy_value(x);
  out.shape = std::move(shape);
  return out;
}

}  // namespace

Result<int64_t> normalize_axis(int64_t axis, int64_t rank) {
  const int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) return invalid_argument("axis " + std::to_string(axis) + " out of range for rank " + std::to_string(rank));
  return a;
}

Result<std::vector<int64_t>> int_list(const Value& v, const char* what) {
  if (v.rank() > 1) return invalid_argument(std::string(what) + " must be a list, got shape " + shape_string(v.shape));
  if (v.dtype == DType::kInt64) return v.i;
  std::vector<int64_t> out;
  for (float f : v.f) {
    if (!std::isfinite(f) || std::fabs(f) > 1e15f) return invalid_argument(std::string(what) + " holds a non-integer");
    out.push_back(static_cast<int64_t>(f));
  }
  return out;
}

Result<Value> shape_of(const Value& x) {
  Value out;
  out.dtype = DType::kInt64;
  out.shape = {x.rank()};
  out.i = x.shape;
  return out;
}

Result<Value> cast(const Value& x, int64_t to) {
  const DType target = to == 1 ? DType::kFloat : DType::kInt64;
  if (x.dtype == target) return x;
  Value out;
  out.dtype = target;
  out.shape = x.shape;
  if (target == DType::kFloat) {
    out.f.assign(x.i.begin(), x.i.end());
  } else {
    out.i.reserve(x.f.size());
    for (float f : x.f) {
      if (!std::isfinite(f) || std::fabs(f) > 9e18f) return invalid_argument("Cast of a value out of the int64 range");
      out.i.push_back(static_cast<int64_t>(f));  // truncates toward zero, as ONNX does
    }
  }
  return out;
}

Result<Value> reshape(const Value& x, const Value& shape_value) {
  TEXTRA_ASSIGN_OR_RETURN(std::vector<int64_t> shape, int_list(shape_value, "Reshape shape"));
  int64_t known = 1, infer = -1;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] == 0) {
      if (d >= x.shape.size()) return invalid_argument("Reshape copies a dimension the input lacks");
      shape[d] = x.shape[d];
    }
    if (shape[d] == -1) {
      if (infer >= 0) return invalid_argument("Reshape with two -1 dimensions");
      infer = static_cast<int64_t>(d);
      continue;
    }
    if (shape[d] < 0) return invalid_argument("Reshape to a negative dimension");
    if (shape[d] > 0 && known > kMaxElements / shape[d]) return invalid_argument("Reshape target too large");
    known *= shape[d];
  }
  const int64_t count = x.count();
  if (infer >= 0) {
    if (known == 0 || count % known != 0) return invalid_argument("Reshape cannot infer -1 for " + shape_string(x.shape));
    shape[infer] = count / known;
  } else if (known != count) {
    return invalid_argument("Reshape of " + shape_string(x.shape) + " to " + shape_string(shape));
  }
  return with_shape(x, std::move(shape));
}

Result<Value> flatten(const Value& x, int64_t axis) {
  const int64_t a = axis < 0 ? axis + x.rank() : axis;
  if (a < 0 || a > x.rank()) return invalid_argument("Flatten axis out of range");
  int64_t outer = 1;
  for (int64_t d = 0; d < a; ++d) outer *= x.shape[d];
  return with_shape(x, {outer, outer == 0 ? 0 : x.count() / outer});
}

Result<Value> squeeze(const Value& x, const std::vector<int64_t>* axes) {
  std::vector<bool> drop(static_cast<size_t>(x.rank()), false);
  if (axes == nullptr || axes->empty()) {
    for (int64_t d = 0; d < x.rank(); ++d) drop[d] = x.shape[d] == 1;
  } else {
    for (int64_t a : *axes) {
      TEXTRA_ASSIGN_OR_RETURN(int64_t d, normalize_axis(a, x.rank()));
      if (x.shape[d] != 1) return invalid_argument("Squeeze of axis " + std::to_string(a) + " of " + shape_string(x.shape));
      drop[d] = true;
    }
  }
  std::vector<int64_t> shape;
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (!drop[d]) shape.push_back(x.shape[d]);
  }
  return with_shape(x, std::move(shape));
}

Result<Value> unsqueeze(const Value& x, const std::vector<int64_t>& axes) {
  const int64_t rank = x.rank() + static_cast<int64_t>(axes.size());
  std::vector<bool> inserted(static_cast<size_t>(rank), false);
  for (int64_t a : axes) {
    TEXTRA_ASSIGN_OR_RETURN(int64_t d, normalize_axis(a, rank));
    if (inserted[d]) return invalid_argument("Unsqueeze repeats an axis");
    inserted[d] = true;
  }
  std::vector<int64_t> shape;
  size_t next = 0;
  for (int64_t d = 0; d < rank; ++d) shape.push_back(inserted[d] ? 1 : x.shape[next++]);
  return with_shape(x, std::move(shape));
}

Result<Value> concat(const std::vector<const Value*>& inputs, int64_t axis_in) {
  for (const Value* v : inputs) {
    if (v == nullptr) return invalid_argument("Concat with an omitted input");
  }
  const Value& first = *inputs.front();
  TEXTRA_ASSIGN_OR_RETURN(int64_t axis, normalize_axis(axis_in, first.rank()));
  std::vector<int64_t> shape = first.shape;
  shape[axis] = 0;
  for (const Value* v : inputs) {
    bool fits = v->dtype == first.dtype && v->rank() == first.rank();
    for (int64_t d = 0; fits && d < first.rank(); ++d) fits = d == axis || v->shape[d] == first.shape[d];
    if (!fits) return invalid_argument("Concat of " + shape_string(first.shape) + " and " + shape_string(v->shape));
    shape[axis] += v->shape[axis];
  }
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(first.dtype, shape, Fill::kOverwritten));
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= shape[d];
  for (int64_t d = axis + 1; d < first.rank(); ++d) inner *= shape[d];
  int64_t offset = 0;
  for (const Value* v : inputs) {
    const int64_t run = v->shape[axis] * inner;
    for (int64_t o = 0; o < outer; ++o) copy_run(*v, o * run, out, o * shape[axis] * inner + offset, run);
    offset += run;
  }
  return out;
}

Result<Value> slice(const Value& x, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
                    const std::vector<int64_t>* axes, const std::vector<int64_t>* steps) {
  if (starts.size() != ends.size() || (axes && axes->size() != starts.size()) || (steps && steps->size() != starts.size())) {
    return invalid_argument("Slice starts, ends, axes and steps differ in length");
  }
  const int64_t rank = x.rank();
  std::vector<int64_t> begin(rank, 0), step(rank, 1), shape = x.shape;
  for (size_t k = 0; k < starts.size(); ++k) {
    TEXTRA_ASSIGN_OR_RETURN(int64_t d, normalize_axis(axes ? (*axes)[k] : static_cast<int64_t>(k), rank));
    const int64_t n = x.shape[d];
    int64_t s = steps ? (*steps)[k] : 1;
    if (s == 0) return invalid_argument("Slice step 0");
    s = std::clamp(s, -n - 1, n + 1);  // a longer step picks the same elements and cannot overflow below
    auto clamp_index = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0) v = v < -n ? -1 : v + n;  // large negatives clamp below the range
      return std::clamp(v, lo, hi);
    };
    int64_t b = 0, e = 0;
    if (n == 0) {
      shape[d] = 0;
    } else if (s > 0) {
      b = clamp_index(starts[k], 0, n);
      e = clamp_index(ends[k], 0, n);
      shape[d] = e > b ? (e - b + s - 1) / s : 0;
    } else {
      b = clamp_index(starts[k], 0, n - 1);
      e = clamp_index(ends[k], -1, n - 1);
      shape[d] = b > e ? (b - e + (-s) - 1) / (-s) : 0;
    }
    begin[d] = b;
    step[d] = s;
  }
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(x.dtype, shape, Fill::kOverwritten));
  std::vector<int64_t> in_stride(rank, 1), index(rank, 0);
  for (int64_t d = rank - 1; d > 0; --d) in_stride[d - 1] = in_stride[d] * x.shape[d];
  for (int64_t o = 0; o < out.count(); ++o) {
    int64_t from = 0;
    for (int64_t d = 0; d < rank; ++d) from += (begin[d] + index[d] * step[d]) * in_stride[d];
    copy_element(x, from, out, o);
    for (int64_t d = rank; d-- > 0;) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

Result<Value> gather(const Value& x, const Value& indices, int64_t axis_in) {
  TEXTRA_ASSIGN_OR_RETURN(int64_t axis, normalize_axis(axis_in, x.rank()));
  TEXTRA_ASSIGN_OR_RETURN(Value idx, cast(indices, 7));
  std::vector<int64_t> shape(x.shape.begin(), x.shape.begin() + axis);
  shape.insert(shape.end(), idx.shape.begin(), idx.shape.end());
  shape.insert(shape.end(), x.shape.begin() + axis + 1, x.shape.end());
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(x.dtype, shape, Fill::kOverwritten));
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= x.shape[d];
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= x.shape[d];
  const int64_t n = x.shape[axis], picks = static_cast<int64_t>(idx.i.size());
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t k = 0; k < picks; ++k) {
      int64_t j = idx.i[k] < 0 ? idx.i[k] + n : idx.i[k];
      if (j < 0 || j >= n) return invalid_argument("Gather index " + std::to_string(idx.i[k]) + " out of range");
      copy_run(x, (o * n + j) * inner, out, (o * picks + k) * inner, inner);
    }
  }
  return out;
}

Result<Value> transpose(const Value& x, std::vector<int64_t> perm) {
  const int64_t rank = x.rank();
  if (perm.empty()) {
    for (int64_t d = rank; d-- > 0;) perm.push_back(d);
  }
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  if (static_cast<int64_t>(perm.size()) != rank) return invalid_argument("Transpose perm does not match rank " + std::to_string(rank));
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p]) return invalid_argument("Transpose perm is not a permutation");
    seen[p] = true;
  }
  std::vector<int64_t> shape(rank), in_stride(rank, 1), index(rank, 0);
  for (int64_t d = rank - 1; d > 0; --d) in_stride[d - 1] = in_stride[d] * x.shape[d];
  for (int64_t d = 0; d < rank; ++d) shape[d] = x.shape[perm[d]];
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(x.dtype, shape, Fill::kOverwritten));
  // Odometer over the output; the last output axis walks the input with a fixed stride.
  const int64_t count = out.count();
  if (count == 0) return out;
  const int64_t inner = rank > 0 ? shape[rank - 1] : 1, inner_stride = rank > 0 ? in_stride[perm[rank - 1]] : 0;
  for (int64_t o = 0; o < count; o += inner) {
    int64_t from = 0;
    for (int64_t d = 0; d + 1 < rank; ++d) from += index[d] * in_stride[perm[d]];
    for (int64_t k = 0; k < inner; ++k) copy_element(x, from + k * inner_stride, out, o + k);
    for (int64_t d = rank - 1; d-- > 0;) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

}  // namespace textra::nn
