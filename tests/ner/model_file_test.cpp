#include <gtest/gtest.h>

#include "ner/features.h"
#include "ner/model_file.h"

namespace textra::ner {
namespace {

NerModel small_model() {
  NerModel m;
  m.labels = *builtin_label_set("receipt");
  m.feature_version = kFeatureVersion;
  m.attributes = {"b", "w=total", "kl=TTC"};
  m.weights = CrfWeights(m.labels.size(), m.attributes.size());
  for (std::size_t i = 0; i < m.weights.state.size(); ++i) m.weights.state[i] = 0.25 * static_cast<double>(i) - 1.0;
  for (std::size_t i = 0; i < m.weights.transition.size(); ++i) m.weights.transition[i] = -0.5 * static_cast<double>(i);
  m.info = {{"pages", 3}};
  m.index_attributes();
  return m;
}

TEST(ModelFile, RoundTrips) {
  NerModel m = small_model();
  std::string bytes = serialize_model(m);
  auto back = parse_model(bytes, "m.crf");
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->labels, m.labels);
  EXPECT_EQ(back->attributes, m.attributes);
  EXPECT_EQ(back->weights.state, m.weights.state);  // values chosen exact in float32
  EXPECT_EQ(back->weights.transition, m.weights.transition);
  EXPECT_EQ(back->info["pages"], 3);
  EXPECT_EQ(back->attribute_id("kl=TTC"), 2u);
  EXPECT_FALSE(back->attribute_id("nope").has_value());
}

TEST(ModelFile, RefusesEveryTruncation) {
  std::string bytes = serialize_model(small_model());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = parse_model(bytes.substr(0, n), "cut.crf");
    ASSERT_FALSE(r.is_ok()) << "accepted a file cut at " << n << " bytes";
    EXPECT_NE(r.status().message().find("cut.crf"), std::string::npos);
  }
  auto r = parse_model(bytes.substr(0, bytes.size() - 3), "cut.crf");
  EXPECT_NE(r.status().message().find("truncated"), std::string::npos) << r.status().message();
}

TEST(ModelFile, RefusesNewerVersionClearly) {
  std::string bytes = serialize_model(small_model());
  bytes[8] = static_cast<char>(kModelFormatVersion + 1);
  auto r = parse_model(bytes, "new.crf");
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(r.status().message().find("newer"), std::string::npos) << r.status().message();
}

TEST(ModelFile, RefusesOtherFeatureVersions) {
  NerModel m = small_model();
  m.feature_version = kFeatureVersion + 1;
  auto r = parse_model(serialize_model(m), "old.crf");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("retrain"), std::string::npos) << r.status().message();
}

TEST(ModelFile, RefusesDamageAndOtherFiles) {
  std::string bytes = serialize_model(small_model());
  std::string damaged = bytes;
  damaged[damaged.size() - 20] ^= 0x40;  // inside the weights
  EXPECT_NE(parse_model(damaged, "d.crf").status().message().find("checksum"), std::string::npos);
  EXPECT_NE(parse_model("GGUF....", "x.gguf").status().message().find("signature"), std::string::npos);
  EXPECT_FALSE(parse_model(bytes + "x", "long.crf").is_ok());
}

}  // namespace
}  // namespace textra::ner
