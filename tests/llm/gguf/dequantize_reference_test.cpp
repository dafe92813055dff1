// Blocks quantised by llama.cpp (data/ggml_reference_blocks.json, see its "note"): our dequantisation must
// give ggml's floats bit for bit, for every type including those no fixture file carries (Q4_1, Q5_1,
// Q2_K, Q3_K, Q8_K, BF16).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "base/files.h"
#include "llm/gguf/dequantize.h"
#include "test_support.h"

namespace textra::llm {
namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> bytes(hex.size() / 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  }
  return bytes;
}

TEST(DequantizeReference, MatchesGgmlBitForBit) {
  auto text = read_file(testing::source_dir() + "/tests/llm/gguf/data/ggml_reference_blocks.json");
  ASSERT_TRUE(text.is_ok()) << text.status().message();
  const auto json = nlohmann::json::parse(*text);
  const std::size_t n = json["input"].size();
  std::set<GgmlType> covered;
  for (const auto& c : json["cases"]) {
    const std::string name = c["type"];
    const auto type = type_from_name(name);
    ASSERT_TRUE(type.has_value()) << name;
    const auto blocks = from_hex(c["blocks_hex"]);
    ASSERT_EQ(blocks.size(), *row_bytes(*type, n)) << name;
    std::vector<float> out(n);
    ASSERT_TRUE(dequantize(*type, blocks, out).is_ok()) << name;
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_EQ(out[i], c["values"][i].get<float>()) << name << " element " << i;
    }
    covered.insert(*type);
  }
  for (GgmlType t : {GgmlType::kF16, GgmlType::kBF16, GgmlType::kQ4_0, GgmlType::kQ4_1, GgmlType::kQ5_0,
                     GgmlType::kQ5_1, GgmlType::kQ8_0, GgmlType::kQ2_K, GgmlType::kQ3_K, GgmlType::kQ4_K,
                     GgmlType::kQ5_K, GgmlType::kQ6_K, GgmlType::kQ8_K}) {
    EXPECT_TRUE(covered.count(t)) << type_name(t);
  }
}

}  // namespace
}  // namespace textra::llm
