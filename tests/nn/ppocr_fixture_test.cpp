// The runtime against the PP-OCRv4 reference outputs in ../shared/fixtures/ppocr (README there): every tensor
// within 1e-3, the detection map thresholded at 0.3 agreeing on >= 99.9 % of pixels, greedy CTC text identical.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/files.h"
#include "nn/nn.h"
#include "test_support.h"

namespace textra::nn {
namespace {

std::string fixture_dir() { return testing::shared_dir() + "/fixtures/ppocr/"; }

nlohmann::json manifest() {
  auto text = read_file(fixture_dir() + "manifest.json");
  EXPECT_TRUE(text.is_ok()) << text.status().message();
  return text ? nlohmann::json::parse(*text) : nlohmann::json{};
}

const nlohmann::json& entry(const nlohmann::json& m, const std::string& file) {
  for (const auto& t : m["tensors"]) {
    if (t["file"] == file) return t;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << file << " not in manifest.json";
  return none;
}

Tensor load_tensor(const nlohmann::json& m, const std::string& file) {
  Tensor t;
  t.shape = entry(m, file)["shape"].get<std::vector<int64_t>>();
  auto bytes = read_file(fixture_dir() + file);
  EXPECT_TRUE(bytes.is_ok()) << bytes.status().message();
  if (!bytes || bytes->size() != static_cast<size_t>(t.element_count()) * 4) {
    ADD_FAILURE() << file << " has the wrong size";
    return t;
  }
  t.data.resize(bytes->size() / 4);
  std::memcpy(t.data.data(), bytes->data(), bytes->size());
  return t;
}

float max_abs_diff(const Tensor& a, const Tensor& b) {
  float worst = 0.0f;
  for (size_t k = 0; k < a.data.size() && k < b.data.size(); ++k) worst = std::max(worst, std::fabs(a.data[k] - b.data[k]));
  return worst;
}

std::vector<std::string> read_keys(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> keys;
  for (std::string line; std::getline(in, line);) keys.push_back(line);
  return keys;
}

// Greedy CTC over [1, T, classes]: best class per frame, repeats merged, blanks (0) dropped; the last class
// is a space, the others the key lines.
std::string greedy_text(const Tensor& probs, const std::vector<std::string>& keys) {
  const int64_t frames = probs.shape[1], classes = probs.shape[2];
  std::string text;
  int64_t previous = 0;
  for (int64_t t = 0; t < frames; ++t) {
    const float* row = probs.data.data() + t * classes;
    const int64_t best = std::max_element(row, row + classes) - row;
    if (best != 0 && best != previous) text += best == classes - 1 ? std::string(" ") : keys[best - 1];
    previous = best;
  }
  return text;
}

class PpocrFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override { TEXTRA_REQUIRE_SHARED(); }

  std::shared_ptr<const Model> load(const std::string& file) {
    std::string path;
    path = testing::model_file("ppocr/" + file);
    if (path.empty()) return nullptr;
    auto model = Model::load(path);
    EXPECT_TRUE(model.is_ok()) << model.status().message();
    return model ? *model : nullptr;
  }
};

TEST_F(PpocrFixtureTest, DetectionMapMatchesReference) {
  std::string path;
  TEXTRA_REQUIRE_MODEL(path, "ppocr/ch_PP-OCRv4_det_infer.onnx");
  auto model = load("ch_PP-OCRv4_det_infer.onnx");
  ASSERT_TRUE(model);
  EXPECT_EQ(model->input_names(), std::vector<std::string>{"x"});
  EXPECT_EQ(model->output_names(), std::vector<std::string>{"sigmoid_0.tmp_0"});
  const nlohmann::json m = manifest();
  auto out = model->run({load_tensor(m, "det_input.f32")}, RunOptions{2});
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  const Tensor expected = load_tensor(m, "det_output.f32");
  ASSERT_EQ((*out)[0].shape, expected.shape);
  const float diff = max_abs_diff((*out)[0], expected);
  EXPECT_LE(diff, 1e-3f);
  int64_t agree = 0;
  for (size_t k = 0; k < expected.data.size(); ++k) agree += ((*out)[0].data[k] > 0.3f) == (expected.data[k] > 0.3f);
  EXPECT_GE(static_cast<double>(agree) / static_cast<double>(expected.data.size()), 0.999);
  std::cout << "detection map: max abs diff " << diff << "\n";
}

TEST_F(PpocrFixtureTest, RecognitionMatchesReferenceAndText) {
  std::string path, keys_path;
  TEXTRA_REQUIRE_MODEL(path, "ppocr/ch_PP-OCRv4_rec_infer.onnx");
  TEXTRA_REQUIRE_MODEL(keys_path, "ppocr/ppocr_keys_v1.txt");
  auto model = load("ch_PP-OCRv4_rec_infer.onnx");
  ASSERT_TRUE(model);
  EXPECT_EQ(model->output_names(), std::vector<std::string>{"softmax_11.tmp_0"});
  const std::vector<std::string> keys = read_keys(keys_path);
  ASSERT_EQ(keys.size(), 6623u);
  const nlohmann::json m = manifest();
  for (const char* name : {"0", "1", "2", "wide"}) {
    SCOPED_TRACE(name);
    const std::string out_file = std::string("rec_output_") + name + ".f32";
    auto out = model->run({load_tensor(m, std::string("rec_input_") + name + ".f32")});
    ASSERT_TRUE(out.is_ok()) << out.status().message();
    const Tensor expected = load_tensor(m, out_file);
    ASSERT_EQ((*out)[0].shape, expected.shape);
    const float diff = max_abs_diff((*out)[0], expected);
    EXPECT_LE(diff, 1e-3f);
    EXPECT_EQ(greedy_text((*out)[0], keys), entry(m, out_file)["greedy_text"].get<std::string>());
    std::cout << "recognition " << name << ": max abs diff " << diff << "\n";
  }
}

// The three 320-wide crops in one batch give the same probabilities as one at a time.
TEST_F(PpocrFixtureTest, RecognitionBatchMatchesSingleCrops) {
  std::string path;
  TEXTRA_REQUIRE_MODEL(path, "ppocr/ch_PP-OCRv4_rec_infer.onnx");
  auto model = load("ch_PP-OCRv4_rec_infer.onnx");
  ASSERT_TRUE(model);
  const nlohmann::json m = manifest();
  Tensor batch;
  batch.shape = {3, 3, 48, 320};
  for (const char* name : {"0", "1", "2"}) {
    const Tensor one = load_tensor(m, std::string("rec_input_") + name + ".f32");
    batch.data.insert(batch.data.end(), one.data.begin(), one.data.end());
  }
  auto out = model->run({batch}, RunOptions{2});
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  ASSERT_EQ((*out)[0].shape, (std::vector<int64_t>{3, 40, 6625}));
  for (int k = 0; k < 3; ++k) {
    const Tensor expected = load_tensor(m, "rec_output_" + std::to_string(k) + ".f32");
    Tensor part;
    part.shape = expected.shape;
    part.data.assign((*out)[0].data.begin() + k * expected.data.size(), (*out)[0].data.begin() + (k + 1) * expected.data.size());
    EXPECT_LE(max_abs_diff(part, expected), 1e-3f) << "crop " << k;
  }
}

// The direction classifier says "0 degrees" for an upright line and "180" for the same line turned over.
TEST_F(PpocrFixtureTest, DirectionClassifierTellsUprightFromUpsideDown) {
  std::string path;
  TEXTRA_REQUIRE_MODEL(path, "ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx");
  auto model = load("ch_ppocr_mobile_v2.0_cls_infer.onnx");
  ASSERT_TRUE(model);
  const nlohmann::json m = manifest();
  // The classifier takes 48x192 crops normalised like the recogniser's: the first 192 columns of the wide crop.
  const Tensor wide = load_tensor(m, "rec_input_wide.f32");
  Tensor upright, flipped;
  upright.shape = flipped.shape = {1, 3, 48, 192};
  upright.data.resize(3 * 48 * 192);
  flipped.data.resize(3 * 48 * 192);
  for (int c = 0; c < 3; ++c) {
    for (int y = 0; y < 48; ++y) {
      for (int x = 0; x < 192; ++x) {
        const float v = wide.data[(c * 48 + y) * 640 + x];
        upright.data[(c * 48 + y) * 192 + x] = v;
        flipped.data[(c * 48 + (47 - y)) * 192 + (191 - x)] = v;
      }
    }
  }
  auto a = model->run({upright});
  auto b = model->run({flipped});
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  ASSERT_EQ((*a)[0].shape, (std::vector<int64_t>{1, 2}));
  EXPECT_NEAR((*a)[0].data[0] + (*a)[0].data[1], 1.0f, 1e-5f);
  EXPECT_GT((*a)[0].data[0], 0.9f) << "upright line";
  EXPECT_GT((*b)[0].data[1], 0.9f) << "upside-down line";
}

}  // namespace
}  // namespace textra::nn
