// Every SIMD kernel against the scalar reference on random data, and the threaded matmul against plain dots.
#include "llm/kernels/kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "llm/kernels/cpu_features.h"
#include "llm/gguf/tensor_types.h"

namespace textra::llm {
namespace {

constexpr GgmlType kWeightTypes[] = {GgmlType::kF32,  GgmlType::kF16,  GgmlType::kBF16, GgmlType::kQ4_0,
                                     GgmlType::kQ4_1, GgmlType::kQ5_0, GgmlType::kQ5_1, GgmlType::kQ8_0,
                                     GgmlType::kQ2_K, GgmlType::kQ3_K, GgmlType::kQ4_K, GgmlType::kQ5_K,
                                     GgmlType::kQ6_K};

int id(GgmlType t) { return static_cast<int>(t); }

void set_half(std::vector<uint8_t>& row, size_t offset, float value) {
  const uint16_t h = fp32_to_fp16(value);
  std::memcpy(row.data() + offset, &h, 2);
}

// Random bytes shaped like a real row of `type`: scale fields set to small positive halves, int8 weights in
// [-127, 127] (as quantisers produce), float values finite.
std::vector<uint8_t> random_weight_row(GgmlType type, int64_t n, std::mt19937& rng) {
  std::vector<uint8_t> row(packed_row_bytes(type, n));
  for (auto& b : row) b = static_cast<uint8_t>(rng());
  std::uniform_real_distribution<float> scale(0.001f, 0.05f), value(-1.0f, 1.0f);
  const size_t bb = traits(type).type_size;
  for (size_t off = 0; off < row.size(); off += bb) {
    switch (type) {
      case GgmlType::kF32: { const float v = value(rng); std::memcpy(&row[off], &v, 4); break; }
      case GgmlType::kF16: set_half(row, off, value(rng)); break;
      case GgmlType::kBF16: { const uint16_t v = fp32_to_bf16(value(rng)); std::memcpy(&row[off], &v, 2); break; }
      case GgmlType::kQ4_0: case GgmlType::kQ5_0: set_half(row, off, scale(rng)); break;
      case GgmlType::kQ4_1: case GgmlType::kQ5_1: set_half(row, off, scale(rng)); set_half(row, off + 2, -scale(rng)); break;
      case GgmlType::kQ8_0:
        set_half(row, off, scale(rng));
        for (size_t j = 2; j < bb; ++j) if (row[off + j] == 0x80) row[off + j] = 0x81;
        break;
      case GgmlType::kQ2_K: set_half(row, off + 80, scale(rng)); set_half(row, off + 82, scale(rng)); break;
      case GgmlType::kQ3_K: set_half(row, off + 108, scale(rng)); break;
      case GgmlType::kQ4_K: case GgmlType::kQ5_K: set_half(row, off, scale(rng)); set_half(row, off + 2, scale(rng)); break;
      case GgmlType::kQ6_K: set_half(row, off + 208, scale(rng)); break;
      default: break;
    }
  }
  return row;
}

std::vector<float> random_activations(int64_t n, std::mt19937& rng) {
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(n);
  for (auto& v : x) v = normal(rng);
  x[n / 3] = 6.5f;  // an outlier, as real activations have
  return x;
}

TEST(Kernels, ReportsCpu) {
  std::printf("CPU features: %s; best kernels: %s\n", cpu_features().describe().c_str(),
              kernel_set(KernelChoice::kBest)->name);
}

// Each SIMD variant is a test of its own: on a CPU that cannot run it, its tests are reported as skipped
// (with the reason), never passed without running.
class SimdKernels : public ::testing::TestWithParam<KernelChoice> {
 protected:
  void SetUp() override {
    set_ = kernel_set(GetParam());
    if (set_ == nullptr) {
      GTEST_SKIP() << variant_name(GetParam()) << " kernels not run: this CPU lacks their instructions ("
                   << cpu_features().describe() << ")";
    }
  }
  static const char* variant_name(KernelChoice choice) { return choice == KernelChoice::kAvx2 ? "AVX2" : "AVX-512"; }
  const KernelSet* set_ = nullptr;
};

INSTANTIATE_TEST_SUITE_P(Variants, SimdKernels, ::testing::Values(KernelChoice::kAvx2, KernelChoice::kAvx512),
                         [](const ::testing::TestParamInfo<KernelChoice>& info) {
                           return std::string(info.param == KernelChoice::kAvx2 ? "Avx2" : "Avx512");
                         });

TEST_P(SimdKernels, ActivationQuantisationMatchesScalar) {
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  const KernelSet* set = set_;
  std::mt19937 rng(1);
  const int64_t n = 1024;
  for (GgmlType act : {GgmlType::kF32, GgmlType::kF16, GgmlType::kBF16, GgmlType::kQ8_0, GgmlType::kQ8_1, GgmlType::kQ8_K}) {
    const std::vector<float> x = random_activations(n, rng);
    std::vector<uint8_t> a(packed_row_bytes(act, n)), b(packed_row_bytes(act, n));
    scalar.quantize[id(act)](x.data(), a.data(), n);
    set->quantize[id(act)](x.data(), b.data(), n);
    EXPECT_EQ(a, b) << set->name << " activation type " << id(act);
  }
}

TEST(Kernels, Q8_0QuantisationValues) {
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  std::vector<float> x(32, 0.0f);
  x[0] = 1.27f;
  x[1] = -0.5f;
  x[2] = 0.015f;  // 1.5 quanta: rounds to even (2)
  BlockQ8_0 b;
  scalar.quantize[id(GgmlType::kQ8_0)](x.data(), &b, 32);
  EXPECT_NEAR(fp16_to_fp32(b.d), 0.01f, 1e-5);
  EXPECT_EQ(b.qs[0], 127);
  EXPECT_EQ(b.qs[1], -50);
  EXPECT_EQ(b.qs[2], 2);
}

TEST_P(SimdKernels, DotProductsMatchScalar) {
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  const KernelSet* set = set_;
  std::mt19937 rng(2);
  for (GgmlType type : kWeightTypes) {
    const GgmlType act_type = activation_type(type);
    for (int64_t n : {256, 512, 2048, 4864 / 256 * 256 + 256}) {
      for (int trial = 0; trial < 5; ++trial) {
        const std::vector<uint8_t> w = random_weight_row(type, n, rng);
        const std::vector<float> x = random_activations(n, rng);
        std::vector<uint8_t> act(packed_row_bytes(act_type, n));
        scalar.quantize[id(act_type)](x.data(), act.data(), n);
        const float want = scalar.vec_dot[id(type)](n, w.data(), act.data());
        ASSERT_TRUE(std::isfinite(want));
        // Tolerance from the size of the terms: float summation order differs between variants.
        const float tol = 2e-5f * std::sqrt(static_cast<float>(n)) * (std::fabs(want) + 1.0f);
        const float got = set->vec_dot[id(type)](n, w.data(), act.data());
        EXPECT_NEAR(got, want, tol) << set->name << " type " << id(type) << " n " << n;
      }
    }
  }
}

// The K-quant and Q8 dot products agree with a float dot of dequantised values: catches a scalar kernel
// whose layout interpretation is wrong in a way SIMD copies would repeat. Uses Q8_0 weights against the
// same activations converted to F32 as the anchor.
TEST(Kernels, Q8_0DotEqualsFloatDotOfDequantised) {
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  std::mt19937 rng(3);
  const int64_t n = 512;
  const std::vector<uint8_t> w = random_weight_row(GgmlType::kQ8_0, n, rng);
  const std::vector<float> x = random_activations(n, rng);
  std::vector<uint8_t> act(packed_row_bytes(GgmlType::kQ8_0, n));
  scalar.quantize[id(GgmlType::kQ8_0)](x.data(), act.data(), n);
  double want = 0;
  const auto* wb = reinterpret_cast<const BlockQ8_0*>(w.data());
  const auto* ab = reinterpret_cast<const BlockQ8_0*>(act.data());
  for (int64_t i = 0; i < n; ++i) {
    want += static_cast<double>(fp16_to_fp32(wb[i / 32].d)) * wb[i / 32].qs[i % 32] * fp16_to_fp32(ab[i / 32].d) *
            ab[i / 32].qs[i % 32];
  }
  EXPECT_NEAR(scalar.vec_dot[id(GgmlType::kQ8_0)](n, w.data(), act.data()), want, 1e-4 * (std::fabs(want) + 1));
}

// Batched products (tiles where the kernel set has them, dot products elsewhere) against the scalar
// reference, and bit-identical results for every thread count.
TEST(Kernels, MatmulMatchesScalarAndIgnoresThreadCount) {
  std::mt19937 rng(4);
  const int64_t rows_a = 37, rows_b = 12;
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  // 512 fits every packed layout; 288 (nine 32-blocks) fits none, so the standard kernels run.
  for (int64_t cols : {512, 288})
  for (int64_t n_tokens : {1, 2, 3, 9}) {  // 2 and 3: fewer tokens than a tile (dot products)
    for (GgmlType type : {GgmlType::kQ4_0, GgmlType::kQ8_0, GgmlType::kQ6_K, GgmlType::kF16}) {
      if (cols % traits(type).block_size != 0) continue;
      std::vector<uint8_t> wa, wb;
      for (int64_t r = 0; r < rows_a; ++r) { auto row = random_weight_row(type, cols, rng); wa.insert(wa.end(), row.begin(), row.end()); }
      for (int64_t r = 0; r < rows_b; ++r) { auto row = random_weight_row(type, cols, rng); wb.insert(wb.end(), row.begin(), row.end()); }
      const size_t rb = packed_row_bytes(type, cols);
      const MatrixView a{type, rows_a, cols, wa.data(), rb}, b{type, rows_b, cols, wb.data(), rb};
      std::vector<float> x;
      for (int64_t t = 0; t < n_tokens; ++t) { auto v = random_activations(cols, rng); x.insert(x.end(), v.begin(), v.end()); }

      const GgmlType act_type = activation_type(type);
      std::vector<float> want_a(n_tokens * rows_a), want_b(n_tokens * rows_b);
      std::vector<uint8_t> act(packed_row_bytes(act_type, cols));
      for (int64_t t = 0; t < n_tokens; ++t) {
        scalar.quantize[id(act_type)](x.data() + t * cols, act.data(), cols);
        for (int64_t r = 0; r < rows_a; ++r) want_a[t * rows_a + r] = scalar.vec_dot[id(type)](cols, wa.data() + r * rb, act.data());
        for (int64_t r = 0; r < rows_b; ++r) want_b[t * rows_b + r] = scalar.vec_dot[id(type)](cols, wb.data() + r * rb, act.data());
      }
      std::vector<float> first_a;
      for (int threads : {1, 2, 3}) {
        ComputePool pool(threads);
        MatmulScratch scratch;
        std::vector<float> ya(n_tokens * rows_a), yb(n_tokens * rows_b);
        matmul({{&a, ya.data(), rows_a}, {&b, yb.data(), rows_b}}, x.data(), cols, n_tokens, pool, scratch);
        for (size_t i = 0; i < ya.size(); ++i) ASSERT_NEAR(ya[i], want_a[i], 1e-3f * (std::fabs(want_a[i]) + 1)) << i;
        for (size_t i = 0; i < yb.size(); ++i) ASSERT_NEAR(yb[i], want_b[i], 1e-3f * (std::fabs(want_b[i]) + 1)) << i;
        if (threads == 1) first_a = ya;
        EXPECT_EQ(ya, first_a) << "threads " << threads;
      }
    }
  }
}

// Tiles sum in the same order as the dot products, so batched and single-token products agree bit for
// bit (as llama.cpp's do for the legacy types).
TEST_P(SimdKernels, TilesEqualDotProducts) {
  const KernelSet* set = set_;
  std::mt19937 rng(5);
  int checked = 0;
  for (GgmlType type : kWeightTypes) {
    if (set->tile[id(type)] == nullptr) continue;
    const GgmlType act_type = activation_type(type);
    for (int64_t n : {256, 288, 2048}) {
      if (n % traits(type).block_size != 0) continue;
      const int R = set->tile_rows, C = set->tile_cols;
      std::vector<uint8_t> w;
      for (int r = 0; r < R; ++r) { auto row = random_weight_row(type, n, rng); w.insert(w.end(), row.begin(), row.end()); }
      const size_t wb = packed_row_bytes(type, n), ab = packed_row_bytes(act_type, n);
      std::vector<uint8_t> act(ab * C);
      for (int c = 0; c < C; ++c) set->quantize[id(act_type)](random_activations(n, rng).data(), act.data() + c * ab, n);
      std::vector<float> y(R * C);
      set->tile[id(type)](n, w.data(), wb, act.data(), ab, y.data(), R);
      for (int c = 0; c < C; ++c) {
        for (int r = 0; r < R; ++r) {
          EXPECT_EQ(y[c * R + r], set->vec_dot[id(type)](n, w.data() + r * wb, act.data() + c * ab))
              << set->name << " type " << id(type) << " n " << n;
          ++checked;
        }
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << set->name << " has no tiles";
}

// Narrow products (rows x 1..kMaxNarrowCols tokens: the few tokens of a draft or forced-text pass) sum like
// the dot product, so each of their results equals it bit for bit: for row lengths within one segment and
// across segments, and row counts that fill no panel, one panel, and one and a part.
TEST_P(SimdKernels, NarrowProductsEqualDotProducts) {
  const KernelSet* set = set_;
  std::mt19937 rng(8);
  int checked = 0;
  for (GgmlType type : kWeightTypes) {
    if (set->narrow[id(type)] == nullptr) continue;
    const GgmlType act_type = activation_type(type);
    for (int64_t n : {256, 2048, 8192 + 768}) {
      const size_t wb = packed_row_bytes(type, n), ab = packed_row_bytes(act_type, n);
      std::vector<uint8_t> act(ab * kMaxNarrowCols);
      for (int c = 0; c < kMaxNarrowCols; ++c) set->quantize[id(act_type)](random_activations(n, rng).data(), act.data() + c * ab, n);
      for (int64_t rows : {1, 16, 19}) {
        std::vector<uint8_t> w;
        for (int64_t r = 0; r < rows; ++r) { auto row = random_weight_row(type, n, rng); w.insert(w.end(), row.begin(), row.end()); }
        for (int n_cols = 1; n_cols <= kMaxNarrowCols; ++n_cols) {
          const int64_t y_stride = rows + 2;  // two outputs per token that are not the kernel's
          std::vector<float> y(n_cols * y_stride, -1.0f);
          set->narrow[id(type)](n, w.data(), wb, rows, act.data(), ab, n_cols, y.data(), y_stride);
          for (int c = 0; c < n_cols; ++c) {
            for (int64_t r = 0; r < rows; ++r) {
              ASSERT_EQ(y[c * y_stride + r], set->vec_dot[id(type)](n, w.data() + r * wb, act.data() + c * ab))
                  << set->name << " type " << id(type) << " n " << n << " rows " << rows << " tokens " << n_cols
                  << " row " << r << " token " << c;
              ++checked;
            }
            EXPECT_EQ(y[c * y_stride + rows], -1.0f) << "wrote past its rows";
            EXPECT_EQ(y[c * y_stride + rows + 1], -1.0f) << "wrote past its rows";
          }
        }
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << set->name << " has no narrow products";
}

// Through matmul(), every token count (a few tokens through the narrow kernels, more through tiles and the
// narrow kernels for the rows and tokens the tiles leave) gives each (row, token) exactly its dot product: a
// verified draft or forced-text pass then picks the same tokens as one-token passes.
TEST_P(SimdKernels, MatmulEqualsDotProductsForEveryTokenCount) {
  const KernelSet* set = set_;
  std::mt19937 rng(9);
  const int64_t rows = 37, cols = 512;  // an odd row count: rows outside every tile height
  int checked = 0;
  for (GgmlType type : {GgmlType::kQ4_K, GgmlType::kQ5_K, GgmlType::kQ6_K}) {
    if (set->narrow[id(type)] == nullptr) continue;
    std::vector<uint8_t> w;
    for (int64_t r = 0; r < rows; ++r) { auto row = random_weight_row(type, cols, rng); w.insert(w.end(), row.begin(), row.end()); }
    const size_t rb = packed_row_bytes(type, cols);
    const MatrixView m{type, rows, cols, w.data(), rb};
    const GgmlType act_type = activation_type(type);
    std::vector<uint8_t> act(packed_row_bytes(act_type, cols));
    for (int64_t n_tokens : {2, 3, 4, 5, 7, 8, 9, 13, 67}) {
      std::vector<float> x;
      for (int64_t t = 0; t < n_tokens; ++t) { auto v = random_activations(cols, rng); x.insert(x.end(), v.begin(), v.end()); }
      ComputePool pool(2);
      MatmulScratch scratch;
      std::vector<float> y(n_tokens * rows);
      matmul({{&m, y.data(), rows}}, x.data(), cols, n_tokens, pool, scratch, *set);
      for (int64_t t = 0; t < n_tokens; ++t) {
        set->quantize[id(act_type)](x.data() + t * cols, act.data(), cols);
        for (int64_t r = 0; r < rows; ++r) {
          ASSERT_EQ(y[t * rows + r], set->vec_dot[id(type)](cols, w.data() + r * rb, act.data()))
              << set->name << " type " << id(type) << " tokens " << n_tokens << " token " << t << " row " << r;
          ++checked;
        }
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << set->name << " has no narrow products";
}

// Packed paths (activations in a kernel set's own layout): each dot product equals the scalar reference
// up to float summation order, and tiles equal those dot products bit for bit.
TEST_P(SimdKernels, PackedPathsMatchScalarAndTheirTiles) {
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  const KernelSet* set = set_;
  std::mt19937 rng(6);
  int checked = 0;
  for (GgmlType type : kWeightTypes) {
    const PackedPath& packed = set->packed[id(type)];
    if (packed.convert == nullptr) continue;
    const GgmlType act_type = activation_type(type);
    for (int64_t n : {packed.cols_multiple, int64_t{2048}, 4864 / packed.cols_multiple * packed.cols_multiple}) {
      const int R = set->tile_rows, C = set->tile_cols;
      std::vector<uint8_t> w;
      for (int r = 0; r < R; ++r) { auto row = random_weight_row(type, n, rng); w.insert(w.end(), row.begin(), row.end()); }
      const size_t wb = packed_row_bytes(type, n), ab = packed.row_bytes(n);
      std::vector<uint8_t> act(ab * C), standard(packed_row_bytes(act_type, n));
      std::vector<float> y(R * C);
      std::vector<std::vector<float>> xs;
      for (int c = 0; c < C; ++c) {
        xs.push_back(random_activations(n, rng));
        packed.convert(xs.back().data(), act.data() + c * ab, n);
      }
      packed.tile(n, w.data(), wb, act.data(), ab, y.data(), R);
      for (int c = 0; c < C; ++c) {
        scalar.quantize[id(act_type)](xs[c].data(), standard.data(), n);
        for (int r = 0; r < R; ++r) {
          const float want = scalar.vec_dot[id(type)](n, w.data() + r * wb, standard.data());
          const float got = packed.dot(n, w.data() + r * wb, act.data() + c * ab);
          EXPECT_NEAR(got, want, 2e-5f * std::sqrt(static_cast<float>(n)) * (std::fabs(want) + 1.0f))
              << set->name << " type " << id(type) << " n " << n;
          EXPECT_EQ(y[c * R + r], got) << set->name << " type " << id(type) << " n " << n;
          ++checked;
        }
      }
    }
  }
  if (checked == 0) GTEST_SKIP() << set->name << " has no packed paths";
}


// Attention under grouped queries: several F16 vectors (as floats) against rows of cached keys or values,
// each product equal bit for bit to one F16 dot product. Lengths cover every tail of the vector loops, row
// counts partial groups of summed rows, vector counts more than one block of queries.
void expect_f16_rows_dot_equals_dot_products(const KernelSet& set) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  for (const int64_t n : {1, 7, 8, 15, 16, 24, 31, 33, 64, 96, 128, 1000, 1029}) {
    for (const int64_t n_x : {1, 3, 4, 6}) {
      const int64_t stride = n + 40, n_rows = 37, out_stride = n_rows + 5;  // rows inside wider cache rows
      std::vector<uint16_t> rows(stride * n_rows), x16(n * n_x);
      for (auto& v : rows) v = fp32_to_fp16(value(rng));
      for (auto& v : x16) v = fp32_to_fp16(value(rng));
      std::vector<float> x(n * n_x), out(out_stride * n_x);
      for (size_t i = 0; i < x.size(); ++i) x[i] = fp16_to_fp32(x16[i]);
      set.f16_rows_dot(n, rows.data(), stride, n_rows, x.data(), n, n_x, out.data(), out_stride);
      for (int64_t j = 0; j < n_x; ++j) {
        for (int64_t r = 0; r < n_rows; ++r) {
          ASSERT_EQ(out[j * out_stride + r], set.vec_dot[id(GgmlType::kF16)](n, rows.data() + r * stride, x16.data() + j * n))
              << set.name << " n " << n << " vector " << j << " of " << n_x << ", row " << r;
        }
      }
    }
  }
}

TEST(Kernels, F16RowsDotEqualsDotProducts) { expect_f16_rows_dot_equals_dot_products(*kernel_set(KernelChoice::kScalar)); }
TEST_P(SimdKernels, F16RowsDotEqualsDotProducts) { expect_f16_rows_dot_equals_dot_products(*set_); }

// round_to_f16 gives the values of quantize[F16]'s bits, in place too.
void expect_round_to_f16_equals_f16_conversion(const KernelSet& set) {
  std::mt19937 rng(9);
  std::normal_distribution<float> normal(0.0f, 3.0f);
  std::vector<float> x(203);
  for (auto& v : x) v = normal(rng) * std::pow(10.0f, static_cast<float>(static_cast<int>(rng() % 12)) - 8);
  x[5] = 70000.0f;  // past F16's range: infinity
  x[6] = 3e-8f;     // an F16 subnormal
  std::vector<uint16_t> bits(x.size());
  set.quantize[id(GgmlType::kF16)](x.data(), bits.data(), static_cast<int64_t>(x.size()));
  std::vector<float> rounded = x;
  set.round_to_f16(rounded.data(), rounded.data(), static_cast<int64_t>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) EXPECT_EQ(rounded[i], fp16_to_fp32(bits[i])) << set.name << " value " << x[i];
}

TEST(Kernels, RoundToF16EqualsF16Conversion) { expect_round_to_f16_equals_f16_conversion(*kernel_set(KernelChoice::kScalar)); }
TEST_P(SimdKernels, RoundToF16EqualsF16Conversion) { expect_round_to_f16_equals_f16_conversion(*set_); }


// Softmax and SiLU use a polynomial exponential in the SIMD sets: within 1e-6 relative of libm's.
TEST_P(SimdKernels, SoftmaxAndSiluMatchScalar) {
  const KernelSet& scalar = *kernel_set(KernelChoice::kScalar);
  const KernelSet* set = set_;
  std::mt19937 rng(8);
  std::normal_distribution<float> normal(0.0f, 4.0f);
  for (int64_t n : {1, 7, 16, 37, 512}) {
    std::vector<float> x(n);
    for (auto& v : x) v = normal(rng);
    x[0] = -200.0f;  // underflows to 0 in both
    if (n > 2) x[n - 1] = 90.0f;  // the maximum dominates
    std::vector<float> want = x, got = x;
    scalar.softmax(want.data(), n);
    set->softmax(got.data(), n);
    for (int64_t i = 0; i < n; ++i) EXPECT_NEAR(got[i], want[i], 1e-6f * want[i] + 1e-30f) << set->name << " n " << n << " i " << i;

    std::vector<float> up(n), gate_want = x, gate_got = x;
    for (auto& v : up) v = normal(rng);
    scalar.silu_mul(gate_want.data(), up.data(), n);
    set->silu_mul(gate_got.data(), up.data(), n);
    for (int64_t i = 0; i < n; ++i) {
      EXPECT_NEAR(gate_got[i], gate_want[i], 1e-6f * std::fabs(gate_want[i]) + 1e-30f) << set->name << " n " << n << " i " << i;
    }
  }
}

}  // namespace
}  // namespace textra::llm
