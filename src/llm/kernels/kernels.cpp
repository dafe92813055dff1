#include "llm/kernels/kernels.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "llm/kernels/cpu_features.h"

namespace textra::llm {
namespace {

struct AllSets {
  KernelSet scalar, avx2, avx512;
  bool have_avx2 = false, have_avx512 = false;
  AllSets() {
    fill_scalar_kernels(scalar);
    const CpuFeatures& cpu = cpu_features();
#if defined(__x86_64__)
    have_avx2 = cpu.avx2;
    have_avx512 = cpu.avx512 && cpu.avx512_vnni && cpu.avx512_bf16;
#endif
    avx2 = scalar;
    if (have_avx2) fill_avx2_kernels(avx2);
    avx512 = avx2;
    if (have_avx512) fill_avx512_kernels(avx512);
  }
};

const AllSets& all_sets() {
  static const AllSets sets;
  return sets;
}

// Rows per panel in batched products (a multiple of every tile height).
constexpr int64_t kRowPanel = 16;

}  // namespace

GgmlType activation_type(GgmlType type) {
  switch (type) {
    case GgmlType::kQ4_0: case GgmlType::kQ5_0: case GgmlType::kQ8_0: return GgmlType::kQ8_0;
    case GgmlType::kQ4_1: case GgmlType::kQ5_1: return GgmlType::kQ8_1;
    case GgmlType::kQ2_K: case GgmlType::kQ3_K: case GgmlType::kQ4_K: case GgmlType::kQ5_K: case GgmlType::kQ6_K:
      return GgmlType::kQ8_K;
    default: return type;  // F32, F16, BF16: the same type
  }
}

bool has_matmul_kernel(GgmlType type) {
  const auto id = static_cast<uint32_t>(type);
  return id < static_cast<uint32_t>(kMaxTypeId) && kernel_set(KernelChoice::kScalar)->vec_dot[id] != nullptr;
}

size_t packed_row_bytes(GgmlType type, int64_t n) {
  const GgmlTypeTraits& t = traits(type);
  return static_cast<size_t>(n) / t.block_size * t.type_size;
}

const KernelSet* kernel_set(KernelChoice choice) {
  const AllSets& sets = all_sets();
  switch (choice) {
    case KernelChoice::kScalar: return &sets.scalar;
    case KernelChoice::kAvx2: return sets.have_avx2 ? &sets.avx2 : nullptr;
    case KernelChoice::kAvx512: return sets.have_avx512 ? &sets.avx512 : nullptr;
    case KernelChoice::kBest: break;
  }
  if (sets.have_avx512) return &sets.avx512;
  if (sets.have_avx2) return &sets.avx2;
  return &sets.scalar;
}

const KernelSet& active_kernels() {
  static const KernelSet* chosen = [] {
    const char* env = std::getenv("TEXTRA_KERNELS");
    const std::string want = env == nullptr ? "" : env;
    const KernelSet* set = nullptr;
    if (want == "scalar") set = kernel_set(KernelChoice::kScalar);
    if (want == "avx2") set = kernel_set(KernelChoice::kAvx2);
    if (want == "avx512") set = kernel_set(KernelChoice::kAvx512);
    return set != nullptr ? set : kernel_set(KernelChoice::kBest);
  }();
  return *chosen;
}

uint8_t* MatmulScratch::reserve(size_t bytes) {
  if (buffer_.size() < bytes) buffer_.resize(bytes);
  return buffer_.data();
}

void matmul(std::initializer_list<MatmulOutput> outputs, const float* x, int64_t x_stride, int64_t n_tokens,
            ComputePool& pool, MatmulScratch& scratch, const KernelSet& kernels) {
  if (outputs.size() == 0 || n_tokens <= 0) return;
  const MatrixView& first = *outputs.begin()->weight;
  const GgmlType act_type = activation_type(first.type);
  const int64_t cols = first.cols;
  const size_t act_row_bytes = packed_row_bytes(act_type, cols);
  uint8_t* act = scratch.reserve(act_row_bytes * static_cast<size_t>(n_tokens));
  const QuantizeRowFn quantize = kernels.quantize[static_cast<int>(act_type)];

  pool.run([&](int ith, int nth) {
    for (int64_t t = ith; t < n_tokens; t += nth) quantize(x + t * x_stride, act + t * act_row_bytes, cols);
    pool.barrier();
    for (const MatmulOutput& out : outputs) {
      const MatrixView& w = *out.weight;
      const GemmTileFn tile = n_tokens >= kernels.tile_cols ? kernels.tile[static_cast<int>(w.type)] : nullptr;
      // Rows are split in whole tiles, so that which rows go through tiles (whose float summation order
      // differs from vec_dot's) does not depend on the thread count.
      const int64_t unit = tile != nullptr ? kernels.tile_rows : 1, units = (w.rows + unit - 1) / unit;
      const int64_t lo = std::min(units * ith / nth * unit, w.rows), hi = std::min(units * (ith + 1) / nth * unit, w.rows);
      const VecDotFn dot = kernels.vec_dot[static_cast<int>(w.type)];
      const auto* wdata = static_cast<const uint8_t*>(w.data);
      auto dots = [&](int64_t r0, int64_t r1, int64_t t0, int64_t t1) {
        for (int64_t t = t0; t < t1; ++t) {
          for (int64_t r = r0; r < r1; ++r) out.y[t * out.y_stride + r] = dot(cols, wdata + r * w.row_stride, act + t * act_row_bytes);
        }
      };
      // A panel of kRowPanel rows stays in cache while every token passes over it.
      for (int64_t r0 = lo; r0 < hi; r0 += kRowPanel) {
        const int64_t r1 = std::min(r0 + kRowPanel, hi);
        int64_t t = 0;
        if (tile != nullptr) {
          for (; t + kernels.tile_cols <= n_tokens; t += kernels.tile_cols) {
            int64_t r = r0;
            for (; r + kernels.tile_rows <= r1; r += kernels.tile_rows) {
              tile(cols, wdata + r * w.row_stride, w.row_stride, act + t * act_row_bytes, act_row_bytes,
                   out.y + t * out.y_stride + r, out.y_stride);
            }
            dots(r, r1, t, t + kernels.tile_cols);
          }
        }
        dots(r0, r1, t, n_tokens);
      }
    }
  });
}

}  // namespace textra::llm
