// Writes the seed corpus of the GGUF reader fuzz target (run after each build of it): small files that
// reach every value type, nested arrays, custom alignment, vocabulary-only files and every tensor type.
#include <cstdio>
#include <string>
#include <vector>

#include "llm/gguf/gguf_writer.h"

using namespace textra::llm;

namespace {

bool write(GgufWriter& writer, const std::string& path) {
  auto stream = writer.begin(path);
  if (!stream.is_ok()) return false;
  for (const auto& tensor : writer.tensors()) {
    std::vector<std::uint8_t> bytes(tensor.n_bytes);
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 37 + 11);
    if (!(*stream)->write(bytes).is_ok()) return false;
  }
  return (*stream)->finish().is_ok();
}

void add_all_value_types(GgufWriter& w) {
  (void)w.add_metadata("general.architecture", GgufValue::string("llama"));
  (void)w.add_metadata("llama.context_length", GgufValue::u32(512));
  (void)w.add_metadata("i8", GgufValue::signed_int(GgufValueType::kInt8, -3));
  (void)w.add_metadata("u16", GgufValue::unsigned_int(GgufValueType::kUint16, 7));
  (void)w.add_metadata("i64", GgufValue::signed_int(GgufValueType::kInt64, -9));
  (void)w.add_metadata("f64", GgufValue::floating(GgufValueType::kFloat64, 2.5));
  (void)w.add_metadata("flag", GgufValue::boolean(true));
  (void)w.add_metadata("tokenizer.ggml.model", GgufValue::string("gpt2"));
  (void)w.add_metadata("tokenizer.ggml.tokens", GgufValue::string_array({"a", "b", "ab", "<s>"}));
  const float scores[] = {0.f, -1.f, -2.f, 0.5f};
  (void)w.add_metadata("tokenizer.ggml.scores", GgufValue::f32_array(scores));
  const std::int32_t types[] = {1, 1, 1, 3};
  (void)w.add_metadata("tokenizer.ggml.token_type", GgufValue::i32_array(types));
  GgufArray inner(GgufValueType::kUint8);
  inner.append(GgufValue::unsigned_int(GgufValueType::kUint8, 5));
  GgufArray outer(GgufValueType::kArray);
  outer.append(GgufValue::array(inner));
  (void)w.add_metadata("nested", GgufValue::array(outer));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_seeds DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  bool ok = true;
  {
    GgufWriter w;
    add_all_value_types(w);
    ok &= write(w, dir + "/vocab_only.gguf");
  }
  {
    GgufWriter w;
    add_all_value_types(w);
    for (GgmlType t : {GgmlType::kF32, GgmlType::kF16, GgmlType::kBF16, GgmlType::kQ4_0, GgmlType::kQ4_1,
                       GgmlType::kQ5_0, GgmlType::kQ5_1, GgmlType::kQ8_0}) {
      (void)w.add_tensor("blk.0." + std::string(type_name(t)) + ".weight", t, {32, 2});
    }
    ok &= write(w, dir + "/legacy_types.gguf");
  }
  {
    GgufWriter w;
    (void)w.add_metadata("general.alignment", GgufValue::u32(64));
    for (GgmlType t : {GgmlType::kQ2_K, GgmlType::kQ3_K, GgmlType::kQ4_K, GgmlType::kQ5_K, GgmlType::kQ6_K,
                       GgmlType::kQ8_K}) {
      (void)w.add_tensor(std::string(type_name(t)), t, {256});
    }
    ok &= write(w, dir + "/k_types.gguf");
  }
  {
    GgufWriter w;
    (void)w.add_tensor("t", GgmlType::kF32, {2, 1, 1, 3});
    ok &= write(w, dir + "/four_dims.gguf");
  }
  return ok ? 0 : 1;
}
