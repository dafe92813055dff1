#include "llm/kernels/kernels.h"

#include <algorithm>
#include <atomic>
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

// Rows per work chunk of batched products: a multiple of every tile height, few enough rows to stay in L1
// while a token block passes over them.
constexpr int64_t kRowPanel = 16;
constexpr int64_t kGemvChunksPerThread = 4;
// Tokens per block of a batched product (a multiple of every tile width): 64 tokens of 2048 values take
// 136 KiB (Q8_0) to 256 KiB (the packed Q4_0 layout), well within a core's L2 (1 MiB on Zen 4); rows of
// 8192 values fill it.
constexpr int64_t kTokenBlock = 64;

// Single-token products stream the weights from memory: large contiguous chunks keep the hardware
// prefetchers effective, a few per thread even out threads that run at different speeds.
int64_t gemv_chunk_rows(int64_t rows, int threads) {
  const int64_t chunks = kGemvChunksPerThread * threads;
  return std::max<int64_t>(kRowPanel, (rows + chunks - 1) / chunks / kRowPanel * kRowPanel);
}

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

namespace {

// The activation layout and kernels that one output of matmul() goes through.
struct RowPath {
  QuantizeRowFn convert = nullptr;
  size_t act_row_bytes = 0;
  int64_t convert_unit = 1;  // values per independent piece of a converted row (a block or group)
  VecDotFn dot = nullptr;
  GemmTileFn tile = nullptr;
  NarrowFn narrow = nullptr;
  uint8_t* act = nullptr;  // converted activations, shared by the outputs with the same layout
};

RowPath row_path(const KernelSet& kernels, GgmlType type, int64_t cols) {
  const int id = static_cast<int>(type);
  const PackedPath& packed = kernels.packed[id];
  if (packed.convert != nullptr && cols % packed.cols_multiple == 0) {
    return {packed.convert, packed.row_bytes(cols), packed.cols_multiple, packed.dot, packed.tile};
  }
  const GgmlType act = activation_type(type);
  return {kernels.quantize[static_cast<int>(act)], packed_row_bytes(act, cols), traits(act).block_size,
          kernels.vec_dot[id], kernels.tile[id], kernels.narrow[id]};
}

// Converts the activations of every token; with fewer tokens than threads each row is split by columns.
void convert_share(const RowPath& p, const float* x, int64_t x_stride, int64_t n_tokens, int64_t cols, int ith,
                   int nth) {
  if (n_tokens >= nth) {
    for (int64_t t = ith; t < n_tokens; t += nth) p.convert(x + t * x_stride, p.act + t * p.act_row_bytes, cols);
    return;
  }
  const int64_t units = cols / p.convert_unit, u0 = units * ith / nth, u1 = units * (ith + 1) / nth;
  if (u0 == u1) return;
  const size_t unit_bytes = p.act_row_bytes / static_cast<size_t>(units);
  for (int64_t t = 0; t < n_tokens; ++t) {
    p.convert(x + t * x_stride + u0 * p.convert_unit, p.act + t * p.act_row_bytes + u0 * unit_bytes,
              (u1 - u0) * p.convert_unit);
  }
}

constexpr size_t kMaxOutputs = 4;

}  // namespace

void matmul(std::initializer_list<MatmulOutput> outputs, const float* x, int64_t x_stride, int64_t n_tokens,
            ComputePool& pool, MatmulScratch& scratch, const KernelSet& kernels) {
  if (outputs.size() == 0 || n_tokens <= 0) return;
  if (outputs.size() > kMaxOutputs) {
    for (const MatmulOutput& out : outputs) matmul({out}, x, x_stride, n_tokens, pool, scratch, kernels);
    return;
  }
  const int64_t cols = outputs.begin()->weight->cols;
  // Rows are handed out in chunks from a shared counter, so that a thread running ahead takes more of them.
  // Chunks start at fixed rows and tokens (multiples of the chunk size and token block, themselves multiples
  // of every tile height and width), so which products go through tiles, and so every result, does not
  // depend on the thread count. A pass of a few tokens takes each row once for all of them, so it streams
  // the weights in large chunks like a single token.
  const bool few_tokens = n_tokens <= kMaxNarrowCols;
  const int64_t chunk_rows = few_tokens ? gemv_chunk_rows(outputs.begin()->weight->rows, pool.size()) : kRowPanel;
  RowPath paths[kMaxOutputs];
  bool converts[kMaxOutputs] = {};
  size_t offsets[kMaxOutputs] = {}, total = 0;
  int64_t chunks_end[kMaxOutputs] = {};
  size_t n_out = 0;
  for (const MatmulOutput& out : outputs) {
    RowPath& p = paths[n_out];
    p = row_path(kernels, out.weight->type, cols);
    // Each distinct activation layout is converted once and shared by the outputs that use it.
    converts[n_out] = true;
    offsets[n_out] = total;
    for (size_t j = 0; j < n_out; ++j) {
      if (paths[j].convert == p.convert) {
        converts[n_out] = false;
        offsets[n_out] = offsets[j];
      }
    }
    if (converts[n_out]) total += p.act_row_bytes * static_cast<size_t>(n_tokens);
    chunks_end[n_out] = (n_out == 0 ? 0 : chunks_end[n_out - 1]) + (out.weight->rows + chunk_rows - 1) / chunk_rows;
    ++n_out;
  }
  uint8_t* act = scratch.reserve(total);
  for (size_t i = 0; i < n_out; ++i) paths[i].act = act + offsets[i];
  // Batched products go through token blocks: a block's activations stay in the core's L2 cache while the
  // row chunks stream past (chunk c = token block c / row_chunks, row chunk c % row_chunks).
  const int64_t token_block = n_tokens == 1 ? 1 : kTokenBlock, row_chunks = chunks_end[n_out - 1];
  const int64_t n_chunks = row_chunks * ((n_tokens + token_block - 1) / token_block);
  std::atomic<int64_t> next_chunk{0};

  pool.run([&](int ith, int nth) {
    for (size_t i = 0; i < n_out; ++i) {
      if (converts[i]) convert_share(paths[i], x, x_stride, n_tokens, cols, ith, nth);
    }
    pool.barrier();
    for (int64_t chunk = next_chunk.fetch_add(1, std::memory_order_relaxed); chunk < n_chunks;
         chunk = next_chunk.fetch_add(1, std::memory_order_relaxed)) {
      const int64_t row_chunk = chunk % row_chunks, t0 = chunk / row_chunks * token_block;
      const int64_t t1 = std::min(t0 + token_block, n_tokens);
      size_t i = 0;
      while (row_chunk >= chunks_end[i]) ++i;
      const MatmulOutput& out = outputs.begin()[i];
      const RowPath& p = paths[i];
      const MatrixView& w = *out.weight;
      const int64_t r0 = (row_chunk - (i == 0 ? 0 : chunks_end[i - 1])) * chunk_rows, r1 = std::min(r0 + chunk_rows, w.rows);
      const GemmTileFn tile = p.tile;
      const auto* wdata = static_cast<const uint8_t*>(w.data);
      const size_t ab = p.act_row_bytes;
      // Products outside the tiles: a few tokens at a time through the narrow kernel (which unpacks each
      // weight block once for all of them), or one dot product each.
      auto rest = [&](int64_t ra, int64_t rb, int64_t ta, int64_t tb) {
        if (p.narrow != nullptr && tb - ta > 1) {
          for (int64_t t = ta; t < tb; t += kMaxNarrowCols) {
            p.narrow(cols, wdata + ra * w.row_stride, w.row_stride, rb - ra, p.act + t * ab, ab,
                     static_cast<int>(std::min<int64_t>(tb - t, kMaxNarrowCols)), out.y + t * out.y_stride + ra, out.y_stride);
          }
          return;
        }
        for (int64_t r = ra; r < rb; ++r) {  // each row stays in L1 for all the tokens
          for (int64_t t = ta; t < tb; ++t) out.y[t * out.y_stride + r] = p.dot(cols, wdata + r * w.row_stride, p.act + t * ab);
        }
      };
      // The chunk's rows stay in cache while the block's tokens pass over them. A few tokens with a narrow
      // kernel take it for all of them: it streams each row once.
      int64_t t = t0;
      if (tile != nullptr && !(few_tokens && p.narrow != nullptr)) {
        for (; t + kernels.tile_cols <= t1; t += kernels.tile_cols) {
          int64_t r = r0;
          for (; r + kernels.tile_rows <= r1; r += kernels.tile_rows) {
            tile(cols, wdata + r * w.row_stride, w.row_stride, p.act + t * ab, ab, out.y + t * out.y_stride + r,
                 out.y_stride);
          }
          rest(r, r1, t, t + kernels.tile_cols);
        }
      }
      rest(r0, r1, t, t1);
    }
  });
}

}  // namespace textra::llm
