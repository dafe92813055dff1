// Operator semantics on hand-made graphs, against plain reference loops written here.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <tuple>
#include <random>

#include "nn/fast_math.h"
#include "nn/nn.h"
#include "onnx_writer.h"

namespace textra::nn {
namespace {

using namespace testing;  // NOLINT: the writer's small builders

std::vector<float> random_floats(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& x : v) x = dist(rng);
  return v;
}

// Buffers full of NaN handed to a model's pool: kernels that reuse pool storage without zeroing it must write
// every element of their outputs, or the NaNs show in the results.
void fill_pool_with_nan(const Model& m) {
  std::vector<Tensor> stale;
  for (size_t n = 1; n <= (size_t{1} << 18); n *= 2) {
    stale.push_back(Tensor{{static_cast<int64_t>(n)}, std::vector<float>(n, std::nanf(""))});
  }
  m.recycle(std::move(stale));
}

// Loads a one-input model and runs it (its buffer pool full of NaN first); fails the test on any error.
Tensor run_model(const std::string& bytes, const Tensor& input, int threads = 1) {
  auto m = Model::load_bytes(bytes, "test");
  EXPECT_TRUE(m.is_ok()) << m.status().message();
  if (!m) return {};
  fill_pool_with_nan(**m);
  auto out = (*m)->run({input}, RunOptions{threads});
  EXPECT_TRUE(out.is_ok()) << out.status().message();
  return out ? (*out)[0] : Tensor{};
}

void expect_near(const std::vector<float>& got, const std::vector<float>& want, float tolerance) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t k = 0; k < got.size(); ++k) ASSERT_NEAR(got[k], want[k], tolerance) << "element " << k;
}

struct ConvCase {
  int64_t n, c, h, w, m, k, stride, pad, group;
};

std::vector<float> reference_conv(const ConvCase& p, const std::vector<float>& x, const std::vector<float>& wt,
                                  const std::vector<float>& bias, int64_t oh, int64_t ow) {
  const int64_t cg = p.c / p.group, mg = p.m / p.group;
  std::vector<float> out(p.n * p.m * oh * ow);
  for (int64_t n = 0; n < p.n; ++n)
    for (int64_t m = 0; m < p.m; ++m)
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          double acc = bias[m];
          const int64_t g = m / mg;
          for (int64_t c = 0; c < cg; ++c)
            for (int64_t ki = 0; ki < p.k; ++ki)
              for (int64_t kj = 0; kj < p.k; ++kj) {
                const int64_t y = i * p.stride - p.pad + ki, xx = j * p.stride - p.pad + kj;
                if (y < 0 || y >= p.h || xx < 0 || xx >= p.w) continue;
                acc += wt[((m * cg + c) * p.k + ki) * p.k + kj] * x[((n * p.c + g * cg + c) * p.h + y) * p.w + xx];
              }
          out[((n * p.m + m) * oh + i) * ow + j] = static_cast<float>(acc);
        }
  return out;
}

class ConvTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(ConvTest, MatchesReferenceLoops) {
  const ConvCase p = GetParam();
  const auto x = random_floats(p.n * p.c * p.h * p.w, 1);
  const auto wt = random_floats(p.m * (p.c / p.group) * p.k * p.k, 2);
  const auto bias = random_floats(p.m, 3);
  GraphSpec g;
  g.initializers = {tensor("w", {p.m, p.c / p.group, p.k, p.k}, wt), tensor("b", {p.m}, bias)};
  g.nodes = {node("Conv", {"x", "w", "b"}, {"y"},
                  {attr_ints("kernel_shape", {p.k, p.k}), attr_ints("strides", {p.stride, p.stride}),
                   attr_ints("pads", {p.pad, p.pad, p.pad, p.pad}), attr_int("group", p.group)})};
  g.inputs = {value_info("x", {-1, p.c, -1, -1})};
  g.outputs = {value_info("y", {-1, p.m, -1, -1})};
  const int64_t oh = (p.h + 2 * p.pad - p.k) / p.stride + 1, ow = (p.w + 2 * p.pad - p.k) / p.stride + 1;
  const auto want = reference_conv(p, x, wt, bias, oh, ow);
  for (int threads : {1, 2}) {
    Tensor y = run_model(model(g), Tensor{{p.n, p.c, p.h, p.w}, x}, threads);
    EXPECT_EQ(y.shape, (std::vector<int64_t>{p.n, p.m, oh, ow}));
    expect_near(y.data, want, 1e-4f);
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, ConvTest,
                         ::testing::Values(ConvCase{1, 3, 17, 23, 8, 3, 2, 1, 1},     // first layer: im2col + GEMM
                                           ConvCase{2, 13, 9, 40, 19, 1, 1, 0, 1},    // 1x1: GEMM in place, edges
                                           ConvCase{1, 8, 12, 11, 8, 5, 1, 2, 8},     // depthwise 5x5
                                           ConvCase{1, 6, 10, 10, 6, 3, 2, 1, 6},     // depthwise stride 2
                                           ConvCase{2, 5, 4, 37, 5, 3, 1, 1, 5},      // depthwise, 16-wide blocks + rest
                                           ConvCase{1, 8, 7, 9, 12, 3, 1, 1, 4},      // grouped
                                           ConvCase{1, 300, 4, 70, 7, 1, 1, 0, 1}));  // depth > one GEMM block

TEST(KernelsTest, ConvTransposeMatchesReference) {
  const int64_t c = 4, m = 3, h = 5, w = 6, k = 2, s = 2;
  const auto x = random_floats(c * h * w, 4);
  const auto wt = random_floats(c * m * k * k, 5);
  GraphSpec g;
  g.initializers = {tensor("w", {c, m, k, k}, wt)};
  g.nodes = {node("ConvTranspose", {"x", "w"}, {"y"}, {attr_ints("kernel_shape", {k, k}), attr_ints("strides", {s, s})})};
  g.inputs = {value_info("x", {1, c, -1, -1})};
  g.outputs = {value_info("y", {1, m, -1, -1})};
  std::vector<float> want(m * h * s * w * s, 0.0f);
  for (int64_t ci = 0; ci < c; ++ci)
    for (int64_t mi = 0; mi < m; ++mi)
      for (int64_t i = 0; i < h; ++i)
        for (int64_t j = 0; j < w; ++j)
          for (int64_t ki = 0; ki < k; ++ki)
            for (int64_t kj = 0; kj < k; ++kj)
              want[(mi * h * s + i * s + ki) * w * s + j * s + kj] += x[(ci * h + i) * w + j] * wt[((ci * m + mi) * k + ki) * k + kj];
  Tensor y = run_model(model(g), Tensor{{1, c, h, w}, x});
  EXPECT_EQ(y.shape, (std::vector<int64_t>{1, m, h * s, w * s}));
  expect_near(y.data, want, 1e-5f);

  // The detector's head: BatchNormalization and Sigmoid after the transposed convolution (fused at load).
  const std::vector<float> scale{2.0f, 0.5f, -1.0f}, shift{0.1f, 0.0f, 0.3f}, mean{0.2f, -0.1f, 0.0f}, var{1.0f, 2.0f, 0.5f};
  g.initializers.insert(g.initializers.end(), {tensor("s", {m}, scale), tensor("t", {m}, shift), tensor("mu", {m}, mean),
                                               tensor("var", {m}, var)});
  g.nodes[0] = node("ConvTranspose", {"x", "w"}, {"ct"}, {attr_ints("kernel_shape", {k, k}), attr_ints("strides", {s, s})});
  g.nodes.push_back(node("BatchNormalization", {"ct", "s", "t", "mu", "var"}, {"bn"}));
  g.nodes.push_back(node("Sigmoid", {"bn"}, {"y"}));
  for (size_t i = 0; i < want.size(); ++i) {
    const size_t mi = i / (h * s * w * s);
    const float v = (want[i] - mean[mi]) / std::sqrt(var[mi] + 1e-5f) * scale[mi] + shift[mi];
    want[i] = 1.0f / (1.0f + std::exp(-v));
  }
  expect_near(run_model(model(g), Tensor{{1, c, h, w}, x}).data, want, 1e-5f);
}

// Conv, BatchNormalization, the Add/Clip/Mul/Div spelling of HardSwish and a scalar Mul/Add after it: the
// chain the PP-OCR backbones repeat; load-time fusion must not change the result.
TEST(KernelsTest, ConvBatchNormHardSwishChainMatchesReference) {
  const int64_t c = 2, m = 3, h = 4, w = 5;
  const auto x = random_floats(c * h * w, 6);
  const auto wt = random_floats(m * c, 7);
  const std::vector<float> scale{1.5f, 0.5f, 2.0f}, shift{0.1f, -0.2f, 0.3f}, mean{0.0f, 0.5f, -0.5f}, var{1.0f, 4.0f, 0.25f};
  GraphSpec g;
  g.initializers = {tensor("w", {m, c, 1, 1}, wt), tensor("s", {m}, scale), tensor("t", {m}, shift),
                    tensor("mu", {m}, mean), tensor("var", {m}, var), tensor("three", {}, {3.0f}),
                    tensor("zero", {}, {0.0f}), tensor("six", {}, {6.0f}), tensor("k", {}, {0.75f}),
                    tensor("d", {}, {-0.25f})};
  g.nodes = {node("Conv", {"x", "w"}, {"c"}), node("BatchNormalization", {"c", "s", "t", "mu", "var"}, {"bn"}),
             node("Add", {"bn", "three"}, {"a"}), node("Clip", {"a", "zero", "six"}, {"cl"}),
             node("Mul", {"bn", "cl"}, {"mu2"}), node("Div", {"mu2", "six"}, {"hs"}),
             node("Mul", {"k", "hs"}, {"sc"}), node("Add", {"sc", "d"}, {"y"})};
  g.inputs = {value_info("x", {1, c, -1, -1})};
  g.outputs = {value_info("y", {1, m, -1, -1})};
  std::vector<float> want(m * h * w);
  for (int64_t mi = 0; mi < m; ++mi)
    for (int64_t p = 0; p < h * w; ++p) {
      float v = 0;
      for (int64_t ci = 0; ci < c; ++ci) v += wt[mi * c + ci] * x[ci * h * w + p];
      v = (v - mean[mi]) / std::sqrt(var[mi] + 1e-5f) * scale[mi] + shift[mi];
      v = v * std::min(6.0f, std::max(0.0f, v + 3.0f)) / 6.0f;
      want[mi * h * w + p] = v * 0.75f - 0.25f;
    }
  Tensor y = run_model(model(g, 11), Tensor{{1, c, h, w}, x});
  expect_near(y.data, want, 1e-5f);
}

TEST(KernelsTest, MatMulBroadcastsBatchesAndMatchesReference) {
  const int64_t b = 3, m = 13, k = 37, n = 70;
  const auto a = random_floats(b * m * k, 8);
  const auto w = random_floats(k * n, 9);
  GraphSpec g;
  g.initializers = {tensor("w", {k, n}, w)};
  g.nodes = {node("MatMul", {"x", "w"}, {"y"})};
  g.inputs = {value_info("x", {-1, m, k})};
  g.outputs = {value_info("y", {-1, m, n})};
  std::vector<float> want(b * m * n, 0.0f);
  for (int64_t i = 0; i < b * m; ++i)
    for (int64_t j = 0; j < n; ++j)
      for (int64_t q = 0; q < k; ++q) want[i * n + j] += a[i * k + q] * w[q * n + j];
  Tensor y = run_model(model(g), Tensor{{b, m, k}, a}, 2);
  EXPECT_EQ(y.shape, (std::vector<int64_t>{b, m, n}));
  expect_near(y.data, want, 1e-4f);
}

// The recogniser's head: MatMul by a constant, bias Add, Softmax; fused at load time into one node whose rows are
// finished as they are computed. A Softmax over another axis than the last still normalises over that axis.
TEST(KernelsTest, MatMulBiasSoftmaxHeadMatchesReference) {
  const int64_t b = 2, m = 9, k = 12, n = 45;
  const auto a = random_floats(b * m * k, 11);
  const auto w = random_floats(k * n, 12);
  const auto bias = random_floats(n, 13);
  std::vector<float> logits(b * m * n, 0.0f);
  for (int64_t i = 0; i < b * m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double acc = bias[j];
      for (int64_t q = 0; q < k; ++q) acc += a[i * k + q] * w[q * n + j];
      logits[i * n + j] = static_cast<float>(acc);
    }
  // Softmax over groups of `size` elements `stride` apart, `count` groups starting at `first(g)`.
  auto softmax = [&](int64_t groups, int64_t size, int64_t stride, const std::function<int64_t(int64_t)>& first) {
    std::vector<float> out(logits.size());
    for (int64_t g = 0; g < groups; ++g) {
      double peak = -1e30, sum = 0;
      for (int64_t t = 0; t < size; ++t) peak = std::max<double>(peak, logits[first(g) + t * stride]);
      for (int64_t t = 0; t < size; ++t) sum += std::exp(logits[first(g) + t * stride] - peak);
      for (int64_t t = 0; t < size; ++t) {
        out[first(g) + t * stride] = static_cast<float>(std::exp(logits[first(g) + t * stride] - peak) / sum);
      }
    }
    return out;
  };
  const auto over_classes = softmax(b * m, n, 1, [&](int64_t g) { return g * n; });
  const auto over_rows = softmax(b * n, m, n, [&](int64_t g) { return (g / n) * m * n + g % n; });
  for (auto [axis, opset, want] : {std::tuple{2, 11, &over_classes}, std::tuple{-1, 13, &over_classes},
                                   std::tuple{1, 13, &over_rows}}) {
    GraphSpec g;
    g.initializers = {tensor("w", {k, n}, w), tensor("bias", {n}, bias)};
    g.nodes = {node("MatMul", {"x", "w"}, {"mm"}), node("Add", {"bias", "mm"}, {"logits"}),
               node("Softmax", {"logits"}, {"y"}, {attr_int("axis", axis)})};
    g.inputs = {value_info("x", {-1, m, k})};
    g.outputs = {value_info("y", {-1, m, n})};
    for (int threads : {1, 2}) {
      Tensor y = run_model(model(g, opset), Tensor{{b, m, k}, a}, threads);
      EXPECT_EQ(y.shape, (std::vector<int64_t>{b, m, n}));
      expect_near(y.data, *want, 1e-5f);
    }
  }
}

TEST(KernelsTest, AttentionStyleBatchedMatMulOfTwoActivations) {
  // [2, 3, 4] x transpose([2, 3, 4]) -> [2, 3, 3] through Transpose(perm 0,2,1) and a batched MatMul.
  const auto a = random_floats(24, 10);
  GraphSpec g;
  g.nodes = {node("Transpose", {"x"}, {"t"}, {attr_ints("perm", {0, 2, 1})}), node("MatMul", {"x", "t"}, {"y"})};
  g.inputs = {value_info("x", {2, 3, 4})};
  g.outputs = {value_info("y", {2, 3, 3})};
  std::vector<float> want(18, 0.0f);
  for (int b = 0; b < 2; ++b)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j)
        for (int q = 0; q < 4; ++q) want[(b * 3 + i) * 3 + j] += a[(b * 3 + i) * 4 + q] * a[(b * 3 + j) * 4 + q];
  expect_near(run_model(model(g), Tensor{{2, 3, 4}, a}).data, want, 1e-5f);
}

// Shape -> Gather -> Unsqueeze -> Concat -> Reshape: sizes computed at run time, for any input size.
TEST(KernelsTest, ShapeArithmeticReshapesAnyInputSize) {
  GraphSpec g;
  g.initializers = {tensor("idx", {}, {}, {1}), tensor("minus_one", {1}, {}, {-1})};
  g.nodes = {node("Shape", {"x"}, {"s"}), node("Gather", {"s", "idx"}, {"rows"}, {attr_int("axis", 0)}),
             node("Unsqueeze", {"rows"}, {"rows1"}, {attr_ints("axes", {0})}),
             node("Concat", {"rows1", "minus_one"}, {"target"}, {attr_int("axis", 0)}),
             node("Reshape", {"x", "target"}, {"y"})};
  g.inputs = {value_info("x", {1, -1, 2, 3})};
  g.outputs = {value_info("y", {-1, -1})};
  for (int64_t rows : {1, 4, 7}) {
    Tensor y = run_model(model(g, 11), Tensor{{1, rows, 2, 3}, std::vector<float>(rows * 6, 1.0f)});
    EXPECT_EQ(y.shape, (std::vector<int64_t>{rows, 6}));
  }
}

TEST(KernelsTest, SoftmaxBeforeOpset13FlattensFromTheAxis) {
  const std::vector<float> x{1, 2, 3, 4};
  GraphSpec g;
  g.nodes = {node("Softmax", {"x"}, {"y"}, {attr_int("axis", 1)})};
  g.inputs = {value_info("x", {1, 2, 2})};
  g.outputs = {value_info("y", {1, 2, 2})};
  double total = 0;
  for (float v : x) total += std::exp(v);
  std::vector<float> flat, per_axis;
  for (float v : x) flat.push_back(static_cast<float>(std::exp(v) / total));
  // Opset 13: over axis 1 only, pairs (x0, x2) and (x1, x3).
  per_axis = {1 / (1 + std::exp(2.0f)), 1 / (1 + std::exp(2.0f)), 1 / (1 + std::exp(-2.0f)), 1 / (1 + std::exp(-2.0f))};
  expect_near(run_model(model(g, 11), Tensor{{1, 2, 2}, x}).data, flat, 1e-6f);
  expect_near(run_model(model(g, 13), Tensor{{1, 2, 2}, x}).data, per_axis, 1e-6f);
}

TEST(KernelsTest, ResizeNearestAsymmetricFloorDoubles) {
  GraphSpec g;
  g.initializers = {tensor("roi", {0}, {}), tensor("scales", {4}, {1, 1, 2, 2})};
  g.nodes = {node("Resize", {"x", "roi", "scales"}, {"y"},
                  {attr_string("mode", "nearest"), attr_string("coordinate_transformation_mode", "asymmetric"),
                   attr_string("nearest_mode", "floor")})};
  g.inputs = {value_info("x", {1, 1, -1, -1})};
  g.outputs = {value_info("y", {1, 1, -1, -1})};
  Tensor y = run_model(model(g, 11), Tensor{{1, 1, 2, 2}, {1, 2, 3, 4}});
  EXPECT_EQ(y.shape, (std::vector<int64_t>{1, 1, 4, 4}));
  EXPECT_EQ(y.data, (std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
}

TEST(KernelsTest, ResizeLinearHalfPixel) {
  GraphSpec g;
  g.initializers = {tensor("roi", {0}, {}), tensor("scales", {4}, {1, 1, 1, 2})};
  g.nodes = {node("Resize", {"x", "roi", "scales"}, {"y"}, {attr_string("mode", "linear")})};
  g.inputs = {value_info("x", {1, 1, 1, 2})};
  g.outputs = {value_info("y", {1, 1, 1, 4})};
  // half_pixel: sources -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
  expect_near(run_model(model(g, 11), Tensor{{1, 1, 1, 2}, {0, 4}}).data, {0, 1, 3, 4}, 1e-6f);
}

TEST(KernelsTest, PoolingMaxAverageAndGlobal) {
  const std::vector<float> x{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};  // 3 x 4
  GraphSpec g;
  g.nodes = {node("MaxPool", {"x"}, {"mx"}, {attr_ints("kernel_shape", {2, 2}), attr_ints("strides", {2, 2})}),
             node("AveragePool", {"x"}, {"av"},
                  {attr_ints("kernel_shape", {3, 2}), attr_ints("strides", {3, 2}), attr_ints("pads", {0, 1, 0, 1}),
                   attr_int("count_include_pad", 0)}),
             node("GlobalAveragePool", {"x"}, {"gl"}), node("Flatten", {"mx"}, {"mf"}),
             node("Flatten", {"av"}, {"af"}), node("Flatten", {"gl"}, {"gf"}),
             node("Concat", {"mf", "af", "gf"}, {"y"}, {attr_int("axis", 1)})};
  g.inputs = {value_info("x", {1, 1, 3, 4})};
  g.outputs = {value_info("y", {1, -1})};
  // Max 2x2 stride 2 over rows 0-1: 6, 8. Average 3x2 with a 1-column pad each side: columns {0}, {1,2}, {3}.
  const std::vector<float> want{6, 8, 5, 6.5f, 8, 6.5f};
  expect_near(run_model(model(g, 11), Tensor{{1, 1, 3, 4}, x}).data, want, 1e-6f);
}

TEST(KernelsTest, SliceFromAttributesAndFromInputs) {
  const std::vector<float> x{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};  // 3 x 4
  GraphSpec old_style;
  old_style.nodes = {node("Slice", {"x"}, {"y"}, {attr_ints("axes", {1}), attr_ints("starts", {1}), attr_ints("ends", {-1})})};
  old_style.inputs = {value_info("x", {3, 4})};
  old_style.outputs = {value_info("y", {3, 2})};
  expect_near(run_model(model(old_style, 9), Tensor{{3, 4}, x}).data, {1, 2, 5, 6, 9, 10}, 0);
  GraphSpec new_style;
  new_style.initializers = {tensor("st", {2}, {}, {2, 3}), tensor("en", {2}, {}, {-100, 0}),
                            tensor("ax", {2}, {}, {0, 1}), tensor("sp", {2}, {}, {-2, -1})};
  new_style.nodes = {node("Slice", {"x", "st", "en", "ax", "sp"}, {"y"})};
  new_style.inputs = {value_info("x", {3, 4})};
  new_style.outputs = {value_info("y", {2, 3})};
  // Rows 2, 0 (step -2); columns 3, 2, 1 (step -1, end 0 exclusive).
  expect_near(run_model(model(new_style, 13), Tensor{{3, 4}, x}).data, {11, 10, 9, 3, 2, 1}, 0);
}

TEST(KernelsTest, ReduceMeanPowSqrtSubAsInLayerNorm) {
  const std::vector<float> x{1, 2, 3, 4, 10, 20, 30, 40};
  GraphSpec g;
  g.initializers = {tensor("two", {}, {2.0f})};
  g.nodes = {node("ReduceMean", {"x"}, {"mean"}, {attr_ints("axes", {-1})}), node("Sub", {"x", "mean"}, {"d"}),
             node("Pow", {"d", "two"}, {"sq"}), node("ReduceMean", {"sq"}, {"var"}, {attr_ints("axes", {-1})}),
             node("Sqrt", {"var"}, {"sd"}), node("Div", {"d", "sd"}, {"y"})};
  g.inputs = {value_info("x", {2, 4})};
  g.outputs = {value_info("y", {2, 4})};
  const float z = 1.5f / std::sqrt(1.25f), u = 0.5f / std::sqrt(1.25f);
  expect_near(run_model(model(g, 11), Tensor{{2, 4}, x}).data, {-z, -u, u, z, -z, -u, u, z}, 1e-5f);
}

TEST(KernelsTest, ActivationsAndCastSqueeze) {
  const std::vector<float> x{-4, -1, 0, 0.5f, 2.7f, 4};
  GraphSpec g;
  g.nodes = {node("Relu", {"x"}, {"r"}), node("Sigmoid", {"r"}, {"s"}),
             node("HardSigmoid", {"s"}, {"h"}, {attr_float("alpha", 0.2f), attr_float("beta", 0.5f)}),
             node("HardSwish", {"h"}, {"hs"}), node("Cast", {"hs"}, {"i"}, {attr_int("to", 7)}),
             node("Cast", {"i"}, {"f"}, {attr_int("to", 1)}), node("Add", {"f", "hs"}, {"sum"}),
             node("Unsqueeze", {"sum"}, {"u"}, {attr_ints("axes", {0})}), node("Squeeze", {"u"}, {"y"}, {attr_ints("axes", {0})})};
  g.inputs = {value_info("x", {6})};
  g.outputs = {value_info("y", {6})};
  std::vector<float> want;
  for (float v : x) {
    float r = std::max(v, 0.0f), s = 1 / (1 + std::exp(-r)), h = std::min(1.0f, std::max(0.0f, 0.2f * s + 0.5f));
    float hs = h * std::min(1.0f, std::max(0.0f, h / 6 + 0.5f));
    want.push_back(std::trunc(hs) + hs);
  }
  expect_near(run_model(model(g, 11), Tensor{{6}, x}).data, want, 1e-6f);
}

TEST(KernelsTest, FastExpIsWithinHalfAMicroOfStdExp) {
  double worst = 0;
  for (float x = -87.0f; x < 88.0f; x += 0.0137f) {
    const double want = std::exp(static_cast<double>(x));
    worst = std::max(worst, std::fabs(fast_exp(x) - want) / want);
  }
  EXPECT_LT(worst, 5e-7);
  EXPECT_EQ(fast_exp(-1000.0f), fast_exp(-87.0f));  // clamped, never a denormal or NaN
}

}  // namespace
}  // namespace textra::nn
