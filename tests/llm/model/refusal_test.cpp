// Files that are not a supported model are refused at load with a message naming the problem.
#include <gtest/gtest.h>

#include <string>

#include "llm/gguf/gguf_writer.h"
#include "llm/model/model.h"
#include "test_support.h"

namespace textra::llm {
namespace {

// A minimal llama model (1 layer, tiny dims); `skip` omits a tensor, `bad_shape` gives one wrong dims.
Status write_tiny_llama(const std::string& path, const std::string& arch, const std::string& skip,
                        const std::string& bad_shape) {
  GgufWriter w;
  const int64_t e = 64, ff = 64, vocab = 32;
  TEXTRA_RETURN_IF_ERROR(w.add_metadata("general.architecture", GgufValue::string(arch)));
  const std::string a = arch + ".";
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + "context_length", GgufValue::u32(64)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + "embedding_length", GgufValue::u32(e)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + "block_count", GgufValue::u32(1)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + "feed_forward_length", GgufValue::u32(ff)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + "attention.head_count", GgufValue::u32(4)));
  TEXTRA_RETURN_IF_ERROR(w.add_metadata(a + "attention.layer_norm_rms_epsilon", GgufValue::f32(1e-5f)));
  const std::vector<std::pair<std::string, std::vector<int64_t>>> tensors = {
      {"token_embd.weight", {e, vocab}}, {"output_norm.weight", {e}},
      {"blk.0.attn_norm.weight", {e}},   {"blk.0.attn_q.weight", {e, e}},
      {"blk.0.attn_k.weight", {e, e}},   {"blk.0.attn_v.weight", {e, e}},
      {"blk.0.attn_output.weight", {e, e}}, {"blk.0.ffn_norm.weight", {e}},
      {"blk.0.ffn_gate.weight", {e, ff}}, {"blk.0.ffn_up.weight", {e, ff}},
      {"blk.0.ffn_down.weight", {ff, e}},
  };
  for (auto [name, ne] : tensors) {
    if (name == skip) continue;
    if (name == bad_shape) ne[0] += 32;
    TEXTRA_RETURN_IF_ERROR(w.add_tensor(name, GgmlType::kF32, ne));
  }
  TEXTRA_ASSIGN_OR_RETURN(auto out, w.begin(path));
  for (const GgufTensorInfo& t : w.tensors()) {
    const std::vector<uint8_t> zeros(t.n_bytes, 0);
    TEXTRA_RETURN_IF_ERROR(out->write(zeros));
  }
  return out->finish();
}

std::string load_error(const std::string& arch, const std::string& skip, const std::string& bad_shape) {
  const std::string path = testing::temp_dir("llm_refusal") + "/m.gguf";
  const Status written = write_tiny_llama(path, arch, skip, bad_shape);
  EXPECT_TRUE(written.is_ok()) << written.message();
  auto model = Model::load(path);
  return model.is_ok() ? "" : model.status().message();
}

TEST(ModelRefusal, ValidFileLoads) { EXPECT_EQ(load_error("llama", "", ""), ""); }

TEST(ModelRefusal, UnsupportedArchitecture) {
  EXPECT_NE(load_error("mamba", "", "").find("architecture 'mamba' is not supported"), std::string::npos);
}

TEST(ModelRefusal, MissingTensorIsNamed) {
  EXPECT_NE(load_error("llama", "blk.0.ffn_up.weight", "").find("'blk.0.ffn_up.weight' is missing"), std::string::npos);
}

TEST(ModelRefusal, WrongShapeIsNamed) {
  const std::string error = load_error("llama", "", "blk.0.attn_k.weight");
  EXPECT_NE(error.find("'blk.0.attn_k.weight' has shape [96, 64], expected [64, 64]"), std::string::npos) << error;
}

}  // namespace
}  // namespace textra::llm
