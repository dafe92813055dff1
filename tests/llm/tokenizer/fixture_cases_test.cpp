// The tokenizer fixtures of ../shared/fixtures/tokenizer (expected values produced by llama.cpp c392e509):
// llama.cpp's own .inp/.out pairs and the invoice-oriented cases (ids, pieces, detokenized text) for
// every vocabulary there, in all four add_special/parse_special variants.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "base/files.h"
#include "llm/tokenizer/gguf_vocabulary.h"
#include "test_support.h"

namespace textra::llm {
namespace {

using json = nlohmann::json;

std::string fixture(const std::string& name) { return testing::shared_dir() + "/fixtures/tokenizer/" + name; }

const Tokenizer& load(const std::string& vocab) {
  static std::map<std::string, std::unique_ptr<Tokenizer>> cache;
  auto& slot = cache[vocab];
  if (!slot) {
    auto tok = tokenizer_from_gguf_file(fixture("ggml-vocab-" + vocab + ".gguf"));
    EXPECT_TRUE(tok.is_ok()) << tok.status().message();
    slot = std::move(tok).value();
  }
  return *slot;
}

std::string hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

class VocabFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(VocabFixture, LlamaCppInpOutPairs) {
  TEXTRA_REQUIRE_SHARED();
  const Tokenizer& tok = load(GetParam());
  auto inp = read_file(fixture("ggml-vocab-" + GetParam() + ".gguf.inp"));
  auto out = read_file(fixture("ggml-vocab-" + GetParam() + ".gguf.out"));
  ASSERT_TRUE(inp.is_ok() && out.is_ok());
  const std::string sep = "\n__ggml_vocab_test__\n";
  std::vector<std::string> texts;
  for (std::size_t pos = 0, next; (next = inp->find(sep, pos)) != std::string::npos; pos = next + sep.size()) {
    texts.push_back(inp->substr(pos, next - pos));
  }
  std::istringstream lines(*out);
  std::string line;
  std::size_t i = 0;
  for (; i < texts.size() && std::getline(lines, line); ++i) {
    std::istringstream ids_text(line);
    std::vector<TokenId> expected;
    for (TokenId id; ids_text >> id;) expected.push_back(id);
    EXPECT_EQ(tok.encode(texts[i], {.add_special = false, .parse_special = false}), expected)
        << "case " << i << ": " << json(texts[i]).dump();
  }
  EXPECT_EQ(i, texts.size());
  EXPECT_GT(texts.size(), 30u);
}

TEST_P(VocabFixture, InvoiceCasesAllVariants) {
  TEXTRA_REQUIRE_SHARED();
  const Tokenizer& tok = load(GetParam());
  auto text = read_file(fixture("ggml-vocab-" + GetParam() + ".cases.json"));
  ASSERT_TRUE(text.is_ok());
  const json cases = json::parse(*text);
  const json& v = cases["vocab"];
  EXPECT_EQ(tok.size(), v["n_tokens"].get<std::size_t>());
  EXPECT_EQ(tok.bos(), v["bos"].get<TokenId>());
  EXPECT_EQ(tok.eos(), v["eos"].get<TokenId>());
  EXPECT_EQ(tok.eot(), v["eot"].get<TokenId>());
  EXPECT_EQ(tok.adds_bos(), v["add_bos"].get<bool>());
  EXPECT_EQ(tok.adds_eos(), v["add_eos"].get<bool>());
  int checked = 0;
  for (const json& c : cases["cases"]) {
    const std::string input = c["text"];
    for (const auto& [key, variant] : c["variants"].items()) {
      const EncodeOptions options{.add_special = key.find("add_special=true") != std::string::npos,
                                  .parse_special = key.find("parse_special=true") != std::string::npos};
      const auto expected = variant["ids"].get<std::vector<TokenId>>();
      const std::string where = c["name"].get<std::string>() + " [" + key + "]";
      EXPECT_EQ(tok.encode(input, options), expected) << where;
      for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(hex(tok.piece(expected[i])), variant["pieces_hex"][i].get<std::string>()) << where << " piece " << i;
      }
      EXPECT_EQ(tok.decode(expected, {.remove_special = false, .unparse_special = true}),
                variant["detok"].get<std::string>()) << where;
      EXPECT_EQ(tok.decode(expected, {.remove_special = true, .unparse_special = false}),
                variant["detok_plain"].get<std::string>()) << where;
      ++checked;
    }
  }
  EXPECT_GT(checked, 150);
}

INSTANTIATE_TEST_SUITE_P(Vocabularies, VocabFixture,
                         ::testing::Values("llama-spm", "phi-3", "gpt-2", "llama-bpe", "qwen2"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = (c == '-') ? '_' : c;
                           return name;
                         });

}  // namespace
}  // namespace textra::llm
