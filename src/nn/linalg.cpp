// MatMul (numpy batching), Gemm, Softmax and ReduceMean.
#include <algorithm>
#include <cmath>
#include <limits>

#include "nn/fast_math.h"
#include "nn/kernels.h"

namespace textra::nn {
namespace {

// Output columns per MatMul work item (the classifier layer of the recogniser has 6625).
constexpr int64_t kColumnBlock = 512;
constexpr int64_t kPanelBlock = 8;

// Softmax of n contiguous values in place (the usual case: the last axis). The maximum and the sum are kept
// in 16 lanes, so the loops vectorise without reassociating floats behind the compiler's back.
TEXTRA_NN_VECTOR_CLONES
void softmax_row(float* p, int64_t n) {
  constexpr int64_t kLanes = 16;
  const int64_t body = n - n % kLanes;
  float lane[kLanes];
  for (int64_t t = 0; t < kLanes; ++t) lane[t] = -std::numeric_limits<float>::infinity();
  for (int64_t k = 0; k < body; k += kLanes) {
    for (int64_t t = 0; t < kLanes; ++t) lane[t] = std::max(lane[t], p[k + t]);
  }
  float peak = -std::numeric_limits<float>::infinity();
  for (int64_t t = 0; t < kLanes; ++t) peak = std::max(peak, lane[t]);
  for (int64_t k = body; k < n; ++k) peak = std::max(peak, p[k]);
  for (int64_t k = 0; k < n; ++k) p[k] = fast_exp(p[k] - peak);
  for (int64_t t = 0; t < kLanes; ++t) lane[t] = 0.0f;
  for (int64_t k = 0; k < body; k += kLanes) {
    for (int64_t t = 0; t < kLanes; ++t) lane[t] += p[k + t];
  }
  float sum = 0.0f;
  for (int64_t t = 0; t < kLanes; ++t) sum += lane[t];
  for (int64_t k = body; k < n; ++k) sum += p[k];
  const float inv = 1.0f / sum;
  for (int64_t k = 0; k < n; ++k) p[k] *= inv;
}

// What a fused MatMul does to each output row once it is computed: add a bias, then normalise it (Softmax).
struct RowFinish {
  const float* bias = nullptr;  // n values
  bool softmax = false;
  bool any() const { return bias != nullptr || softmax; }
};

void finish_row(float* row, int64_t n, const RowFinish& finish) {
  if (finish.bias != nullptr) {
    for (int64_t j = 0; j < n; ++j) row[j] += finish.bias[j];
  }
  if (finish.softmax) softmax_row(row, n);
}

// C[m, n] = A[m, k] * B[k, n] for row-major float matrices, split over threads in row and column blocks; with a
// row finish, in blocks of whole rows that are finished while they are in cache.
void matrix_product(const float* a, const float* b, float* c, int64_t m, int64_t k, int64_t n, const ExecContext& ctx,
                    const RowFinish& finish) {
  const PackedMatrix packed = pack_matrix(a, m, k, k, 1);
  const int64_t panel_blocks = (packed.panel_count() + kPanelBlock - 1) / kPanelBlock;
  if (finish.any()) {
    ctx.parallel_for(panel_blocks, [&](int64_t item) {
      const int64_t p0 = item * kPanelBlock, p1 = std::min(p0 + kPanelBlock, packed.panel_count());
      gemm_tile(packed, p0, p1, b, n, n, c, n);
      for (int64_t r = p0 * kPanelRows; r < std::min(p1 * kPanelRows, m); ++r) finish_row(c + r * n, n, finish);
    });
    return;
  }
  const int64_t column_blocks = (n + kColumnBlock - 1) / kColumnBlock;
  ctx.parallel_for(panel_blocks * column_blocks, [&](int64_t item) {
    const int64_t p0 = (item / column_blocks) * kPanelBlock, j0 = (item % column_blocks) * kColumnBlock;
    gemm_tile(packed, p0, std::min(p0 + kPanelBlock, packed.panel_count()), b + j0, n, std::min(kColumnBlock, n - j0),
              c + j0, n);
  });
}

// The products of a MatMul: one for all of A's rows when B is one matrix, else one per broadcast batch.
void multiply_batches(const Value& a, const Value& b, const std::vector<int64_t>& a_batch,
                      const std::vector<int64_t>& b_batch, const std::vector<int64_t>& out_batch, int64_t m, int64_t k,
                      int64_t n, const ExecContext& ctx, const RowFinish& finish, Value& out) {
  int64_t batches = 1, b_batches = 1;
  for (int64_t d : out_batch) batches *= d;
  for (int64_t d : b_batch) b_batches *= d;
  if (b_batches == 1) {
    matrix_product(a.f.data(), b.f.data(), out.f.data(), batches * m, k, n, ctx, finish);
    return;
  }
  const size_t rank = out_batch.size();
  std::vector<int64_t> index(rank, 0);
  for (int64_t t = 0; t < batches; ++t) {
    int64_t ia = 0, ib = 0;
    for (size_t d = 0; d < rank; ++d) {
      ia = ia * a_batch[d] + (a_batch[d] == 1 ? 0 : index[d]);
      ib = ib * b_batch[d] + (b_batch[d] == 1 ? 0 : index[d]);
    }
    matrix_product(a.f.data() + ia * m * k, b.f.data() + ib * k * n, out.f.data() + t * m * n, m, k, n, ctx, finish);
    for (size_t d = rank; d-- > 0;) {
      if (++index[d] < out_batch[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace

Result<Value> matmul(const Attrs& attrs, const Value& a_in, const Value& b_in, const Value* bias, const ExecContext& ctx) {
  if (a_in.dtype != DType::kFloat || b_in.dtype != DType::kFloat || a_in.rank() < 1 || b_in.rank() < 1) {
    return invalid_argument("MatMul needs float tensors, got " + shape_string(a_in.shape) + " and " + shape_string(b_in.shape));
  }
  std::vector<int64_t> as = a_in.shape, bs = b_in.shape;
  if (as.size() == 1) as.insert(as.begin(), 1);
  if (bs.size() == 1) bs.push_back(1);
  const int64_t m = as[as.size() - 2], k = as.back(), n = bs.back();
  if (bs[bs.size() - 2] != k) {
    return invalid_argument("MatMul shapes " + shape_string(a_in.shape) + " and " + shape_string(b_in.shape) + " do not fit");
  }
  // Batch dimensions broadcast like elementwise ops.
  std::vector<int64_t> a_batch(as.begin(), as.end() - 2), b_batch(bs.begin(), bs.end() - 2);
  const size_t rank = std::max(a_batch.size(), b_batch.size());
  a_batch.insert(a_batch.begin(), rank - a_batch.size(), 1);
  b_batch.insert(b_batch.begin(), rank - b_batch.size(), 1);
  std::vector<int64_t> out_shape;
  for (size_t d = 0; d < rank; ++d) {
    if (a_batch[d] != b_batch[d] && a_batch[d] != 1 && b_batch[d] != 1) return invalid_argument("MatMul batch dimensions do not broadcast");
    out_shape.push_back(std::max(a_batch[d], b_batch[d]));
  }
  TEXTRA_ASSIGN_OR_RETURN(int64_t batches, element_count(out_shape));
  std::vector<int64_t> full_shape = out_shape;
  if (a_in.rank() > 1) full_shape.push_back(m);
  if (b_in.rank() > 1) full_shape.push_back(n);
  if (bias != nullptr && (b_in.rank() < 2 || bias->dtype != DType::kFloat || bias->count() != n)) {
    return invalid_argument("MatMul bias of shape " + shape_string(bias->shape) + " does not fit " + shape_string(full_shape));
  }
  // The fused Softmax runs row by row when it normalises over the last axis only.
  bool softmax_rows = false;
  if (attrs.fused_softmax) {
    TEXTRA_ASSIGN_OR_RETURN(int64_t axis, normalize_axis(attrs.axis, static_cast<int64_t>(full_shape.size())));
    softmax_rows = b_in.rank() > 1 && axis + 1 == static_cast<int64_t>(full_shape.size());
  }
  const RowFinish finish{bias != nullptr ? bias->f.data() : nullptr, softmax_rows};
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, full_shape, k > 0 ? Fill::kOverwritten : Fill::kZeros));
  if (out.f.empty()) return out;
  if (k == 0) {
    for (int64_t r = 0; r < batches * m; ++r) finish_row(out.f.data() + r * n, n, finish);
  } else {
    multiply_batches(a_in, b_in, a_batch, b_batch, out_shape, m, k, n, ctx, finish, out);
  }
  if (attrs.fused_softmax && !softmax_rows) return softmax(out, attrs.axis, attrs.opset < 13);
  return out;
}

Result<Value> gemm_op(const Attrs& attrs, const Value& a, const Value& b, const Value* c, const ExecContext& ctx) {
  if (a.dtype != DType::kFloat || b.dtype != DType::kFloat || a.rank() != 2 || b.rank() != 2) {
    return invalid_argument("Gemm needs 2-D float inputs");
  }
  const int64_t m = attrs.trans_a ? a.shape[1] : a.shape[0], k = attrs.trans_a ? a.shape[0] : a.shape[1];
  const int64_t kb = attrs.trans_b ? b.shape[1] : b.shape[0], n = attrs.trans_b ? b.shape[0] : b.shape[1];
  if (k != kb) return invalid_argument("Gemm shapes " + shape_string(a.shape) + " and " + shape_string(b.shape) + " do not fit");
  Value a2 = a, b2 = b;
  if (attrs.trans_a) { TEXTRA_ASSIGN_OR_RETURN(a2, transpose(a, {1, 0})); }
  if (attrs.trans_b) { TEXTRA_ASSIGN_OR_RETURN(b2, transpose(b, {1, 0})); }
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, {m, n}));
  if (m > 0 && n > 0 && k > 0) matrix_product(a2.f.data(), b2.f.data(), out.f.data(), m, k, n, ctx, {});
  for (float& v : out.f) v *= attrs.alpha;
  if (c == nullptr) return out;
  Value scaled = *c;
  for (float& v : scaled.f) v *= attrs.beta;
  TEXTRA_ASSIGN_OR_RETURN(Value sum, binary_op(Op::kAdd, out, scaled));
  if (sum.shape != out.shape) return invalid_argument("Gemm C does not broadcast to " + shape_string(out.shape));
  return sum;
}

Result<Value> softmax(const Value& x, int64_t axis_in, bool flatten_from_axis) {
  if (x.dtype != DType::kFloat) return invalid_argument("Softmax on an integer tensor");
  TEXTRA_ASSIGN_OR_RETURN(int64_t axis, normalize_axis(axis_in, x.rank()));
  int64_t outer = 1, n = 1, inner = 1;
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (d < axis) outer *= x.shape[d];
    else if (d == axis || flatten_from_axis) n *= x.shape[d];
    else inner *= x.shape[d];
  }
  Value out = copy_value(x);
  if (inner == 1) {
    for (int64_t o = 0; o < outer; ++o) softmax_row(out.f.data() + o * n, n);
    return out;
  }
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      float* p = out.f.data() + o * n * inner + i;
      float peak = -std::numeric_limits<float>::infinity();
      for (int64_t k = 0; k < n; ++k) peak = std::max(peak, p[k * inner]);
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) {
        p[k * inner] = std::exp(p[k * inner] - peak);
        sum += p[k * inner];
      }
      const float inv = static_cast<float>(1.0 / sum);
      for (int64_t k = 0; k < n; ++k) p[k * inner] *= inv;
    }
  }
  return out;
}

Result<Value> reduce_mean(const Value& x, std::vector<int64_t> axes, bool keepdims) {
  if (x.dtype != DType::kFloat) return invalid_argument("ReduceMean on an integer tensor");
  const int64_t rank = x.rank();
  std::vector<bool> reduced(static_cast<size_t>(rank), axes.empty());
  for (int64_t& a : axes) {
    TEXTRA_ASSIGN_OR_RETURN(a, normalize_axis(a, rank));
    reduced[a] = true;
  }
  std::vector<int64_t> kept_shape, out_shape;
  int64_t group = 1;
  for (int64_t d = 0; d < rank; ++d) {
    kept_shape.push_back(reduced[d] ? 1 : x.shape[d]);
    if (reduced[d]) group *= x.shape[d];
    if (!reduced[d] || keepdims) out_shape.push_back(kept_shape.back());
  }
  TEXTRA_ASSIGN_OR_RETURN(Value out, make_value(DType::kFloat, out_shape));
  // Output strides over the input's axes, 0 on reduced ones; then one pass over the input.
  std::vector<int64_t> stride(static_cast<size_t>(rank), 0), index(static_cast<size_t>(rank), 0);
  int64_t s = 1;
  for (int64_t d = rank; d-- > 0;) {
    stride[d] = reduced[d] ? 0 : s;
    s *= kept_shape[d];
  }
  std::vector<double> sums(out.f.size(), 0.0);
  int64_t offset = 0;
  for (float v : x.f) {
    sums[offset] += v;
    for (int64_t d = rank; d-- > 0;) {
      offset += stride[d];
      if (++index[d] < x.shape[d]) break;
      offset -= stride[d] * x.shape[d];
      index[d] = 0;
    }
  }
  for (size_t k = 0; k < sums.size(); ++k) out.f[k] = group > 0 ? static_cast<float>(sums[k] / static_cast<double>(group)) : 0.0f;
  return out;
}

}  // namespace textra::nn
