// The ONNX reader and graph checks on hand-made models: what loads, and what is refused with a clear error.
#include <gtest/gtest.h>

#include <random>

#include "nn/nn.h"
#include "nn/wire_reader.h"
#include "onnx_writer.h"

namespace textra::nn {
namespace {

using namespace testing;  // NOLINT: the writer's small builders

// y = x + b with b of shape [C] over x [1, T, C]: the broadcast the recogniser's attention blocks use.
std::string add_bias_model() {
  GraphSpec g;
  g.initializers = {tensor("b", {3}, {10, 20, 30})};
  g.nodes = {node("Add", {"x", "b"}, {"y"}, {}, "add_bias")};
  g.inputs = {value_info("x", {1, -1, 3})};
  g.outputs = {value_info("y", {1, -1, 3})};
  return model(g);
}

TEST(OnnxReaderTest, LoadsAndRunsATinyGraph) {
  auto m = Model::load_bytes(add_bias_model(), "tiny");
  ASSERT_TRUE(m.is_ok()) << m.status().message();
  EXPECT_EQ((*m)->input_names(), std::vector<std::string>{"x"});
  EXPECT_EQ((*m)->output_names(), std::vector<std::string>{"y"});
  auto out = (*m)->run({Tensor{{1, 2, 3}, {1, 2, 3, 4, 5, 6}}});
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  EXPECT_EQ((*out)[0].shape, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ((*out)[0].data, (std::vector<float>{11, 22, 33, 14, 25, 36}));
}

TEST(OnnxReaderTest, InputOfAWrongShapeIsRefusedNamingTheInput) {
  auto m = Model::load_bytes(add_bias_model(), "tiny");
  ASSERT_TRUE(m.is_ok());
  auto out = (*m)->run({Tensor{{1, 2, 4}, std::vector<float>(8, 0.0f)}});
  ASSERT_FALSE(out.is_ok());
  EXPECT_EQ(out.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find("'x'"), std::string::npos) << out.status().message();
  auto mismatched = (*m)->run({Tensor{{1, 2, 3}, std::vector<float>(5, 0.0f)}});
  EXPECT_FALSE(mismatched.is_ok());
}

TEST(OnnxReaderTest, UnknownOperatorIsRefusedNamingNodeAndOp) {
  GraphSpec g;
  g.nodes = {node("Relu", {"x"}, {"r"}), node("FancyOp", {"r"}, {"y"}, {}, "mystery_node")};
  g.inputs = {value_info("x", {1})};
  g.outputs = {value_info("y", {1})};
  auto m = Model::load_bytes(model(g), "fancy.onnx");
  ASSERT_FALSE(m.is_ok());
  const std::string& msg = m.status().message();
  EXPECT_NE(msg.find("fancy.onnx"), std::string::npos) << msg;
  EXPECT_NE(msg.find("mystery_node"), std::string::npos) << msg;
  EXPECT_NE(msg.find("FancyOp"), std::string::npos) << msg;
}

TEST(OnnxReaderTest, UnknownAttributeIsRefusedNamingIt) {
  GraphSpec g;
  g.nodes = {node("Relu", {"x"}, {"y"}, {attr_int("slope", 2)}, "relu_1")};
  g.inputs = {value_info("x", {1})};
  g.outputs = {value_info("y", {1})};
  auto m = Model::load_bytes(model(g), "m");
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("relu_1"), std::string::npos) << m.status().message();
  EXPECT_NE(m.status().message().find("slope"), std::string::npos) << m.status().message();
}

// Found by onnx_reader_fuzz under UBSan: an empty float initializer (Resize's roi) passed null to memcpy.
TEST(OnnxReaderTest, LoadsAnEmptyInitializer) {
  GraphSpec g;
  g.initializers = {tensor("b", {3}, {10, 20, 30}), tensor("empty", {0}, {})};
  g.nodes = {node("Add", {"x", "b"}, {"y"})};
  g.inputs = {value_info("x", {3})};
  g.outputs = {value_info("y", {3})};
  auto m = Model::load_bytes(model(g), "m");
  ASSERT_TRUE(m.is_ok()) << m.status().message();
}

TEST(OnnxReaderTest, InitializerWithTooFewBytesIsRefused) {
  GraphSpec g;
  ProtoWriter t;
  t.packed_varints(1, {4}).varint_field(2, 1).bytes_field(8, "short_weights").bytes_field(9, std::string(12, '\0'));
  g.initializers = {t.str()};
  g.nodes = {node("Add", {"x", "short_weights"}, {"y"})};
  g.inputs = {value_info("x", {4})};
  g.outputs = {value_info("y", {4})};
  auto m = Model::load_bytes(model(g), "m");
  ASSERT_FALSE(m.is_ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kCorrupt);
  EXPECT_NE(m.status().message().find("short_weights"), std::string::npos) << m.status().message();
}

TEST(OnnxReaderTest, CyclesAndMissingInputsAreRefused) {
  GraphSpec cycle;
  cycle.nodes = {node("Add", {"x", "b"}, {"a"}), node("Relu", {"a"}, {"b"})};
  cycle.inputs = {value_info("x", {1})};
  cycle.outputs = {value_info("b", {1})};
  EXPECT_FALSE(Model::load_bytes(model(cycle), "m").is_ok());
  GraphSpec missing;
  missing.nodes = {node("Add", {"x", "nowhere"}, {"y"})};
  missing.inputs = {value_info("x", {1})};
  missing.outputs = {value_info("y", {1})};
  auto m = Model::load_bytes(model(missing), "m");
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("nowhere"), std::string::npos) << m.status().message();
}

TEST(OnnxReaderTest, EveryTruncationIsRefused) {
  const std::string bytes = add_bias_model();
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    auto m = Model::load_bytes(std::string_view(bytes).substr(0, cut), "cut");
    EXPECT_FALSE(m.is_ok()) << "loaded a model cut at byte " << cut;
    if (!m.is_ok()) EXPECT_FALSE(m.status().message().empty());
  }
}

// Every single-bit flip either loads a model that runs (a changed weight) or is refused: never a crash.
TEST(OnnxReaderTest, BitFlipsNeverCrash) {
  const std::string bytes = add_bias_model();
  int refused = 0;
  for (size_t k = 0; k < bytes.size(); ++k) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string flipped = bytes;
      flipped[k] = static_cast<char>(flipped[k] ^ (1 << bit));
      auto m = Model::load_bytes(flipped, "flipped");
      if (!m.is_ok()) {
        ++refused;
        continue;
      }
      if ((*m)->input_names().size() == 1) (void)(*m)->run({Tensor{{1, 2, 3}, std::vector<float>(6, 1.0f)}});
    }
  }
  EXPECT_GT(refused, 0);
}

TEST(OnnxReaderTest, OtherFileTypesAreRefused) {
  // A PNG signature and the start of its header chunk (sizeof counts the literal's bytes, NULs included).
  const char png_start[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0";
  const std::string png(png_start, sizeof png_start - 1);
  const std::string gguf = std::string("GGUF\x03\0\0\0", 8) + std::string(64, '\x01');
  for (const std::string& bytes : {png, gguf, std::string(), std::string("{\"not\": \"onnx\"}")}) {
    auto m = Model::load_bytes(bytes, "wrong.onnx");
    ASSERT_FALSE(m.is_ok());
    EXPECT_NE(m.status().message().find("wrong.onnx"), std::string::npos) << m.status().message();
  }
}

TEST(OnnxReaderTest, MissingFileIsAnErrorNamingIt) {
  auto m = Model::load("/nonexistent/model.onnx");
  ASSERT_FALSE(m.is_ok());
  EXPECT_NE(m.status().message().find("/nonexistent/model.onnx"), std::string::npos);
}

TEST(WireReaderTest, RefusesOverlongVarintsAndFieldsPastTheEnd) {
  const std::string overlong = std::string("\x08", 1) + std::string(10, '\xFF') + std::string("\x01", 1);
  WireReader a(overlong);
  WireField f;
  EXPECT_FALSE(a.next(f));
  EXPECT_FALSE(a.status().is_ok());
  const std::string past_end("\x0A\x05\x01\x02", 4);  // field 1, 5 bytes announced, 2 present
  WireReader b(past_end);
  EXPECT_FALSE(b.next(f));
  EXPECT_FALSE(b.status().is_ok());
  const std::string ok("\x08\x96\x01\x15\x00\x00\x80\x3F", 8);  // field 1 = 150, field 2 = 1.0f
  WireReader c(ok);
  ASSERT_TRUE(c.next(f));
  EXPECT_EQ(f.number, 1u);
  EXPECT_EQ(f.scalar, 150u);
  ASSERT_TRUE(c.next(f));
  EXPECT_EQ(*field_float(f, "f"), 1.0f);
  EXPECT_FALSE(c.next(f));
  EXPECT_TRUE(c.status().is_ok());
}

}  // namespace
}  // namespace textra::nn
