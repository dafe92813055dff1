// A damaged PP-OCR model file is refused with an error naming it, never a crash: cut at many offsets,
// bytes flipped at random places, another file type under the model's name.
#include <gtest/gtest.h>

#include <random>

#include "base/files.h"
#include "nn/nn.h"
#include "test_support.h"

namespace textra::nn {
namespace {

std::string classifier_bytes(const std::string& path) {
  auto bytes = read_file(path);
  EXPECT_TRUE(bytes.is_ok()) << bytes.status().message();
  return bytes ? *bytes : std::string();
}

TEST(ModelRefusalTest, TruncatedFileIsRefusedAtEveryCut) {
  std::string path;
  TEXTRA_REQUIRE_MODEL(path, "ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx");
  const std::string bytes = classifier_bytes(path);
  ASSERT_FALSE(bytes.empty());
  ASSERT_TRUE(Model::load_bytes(bytes, path).is_ok());
  std::vector<size_t> cuts;
  for (size_t k = 0; k < 64; ++k) cuts.push_back(k);  // inside the header fields
  for (size_t k = 1; k < 200; ++k) cuts.push_back(bytes.size() * k / 200);
  cuts.push_back(bytes.size() - 1);
  for (size_t cut : cuts) {
    auto m = Model::load_bytes(std::string_view(bytes).substr(0, cut), "cut.onnx");
    ASSERT_FALSE(m.is_ok()) << "loaded the model cut at byte " << cut;
    EXPECT_NE(m.status().message().find("cut.onnx"), std::string::npos) << m.status().message();
  }
}

TEST(ModelRefusalTest, FlippedBytesNeverCrash) {
  std::string path;
  TEXTRA_REQUIRE_MODEL(path, "ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx");
  const std::string bytes = classifier_bytes(path);
  ASSERT_FALSE(bytes.empty());
  std::mt19937 rng(12);
  int refused = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string damaged = bytes;
    // The structure lives between the weights: flip one to four bytes, most of them early in the file.
    const size_t span = trial % 2 ? damaged.size() : std::min<size_t>(damaged.size(), 4096);
    for (int k = 0; k < 1 + trial % 4; ++k) damaged[rng() % span] ^= static_cast<char>(1 + rng() % 255);
    auto m = Model::load_bytes(damaged, "flipped.onnx");
    if (!m.is_ok()) {
      ++refused;
      EXPECT_NE(m.status().message().find("flipped.onnx"), std::string::npos) << m.status().message();
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(ModelRefusalTest, AnotherFileTypeIsRefused) {
  std::string keys;
  TEXTRA_REQUIRE_MODEL(keys, "ppocr/ppocr_keys_v1.txt");
  TEXTRA_REQUIRE_SHARED();
  for (const std::string& path : {keys, testing::shared_dir() + "/data/sroie/img/001.jpg"}) {
    auto m = Model::load(path);
    ASSERT_FALSE(m.is_ok()) << path;
    EXPECT_NE(m.status().message().find(path), std::string::npos) << m.status().message();
  }
}

}  // namespace
}  // namespace textra::nn
