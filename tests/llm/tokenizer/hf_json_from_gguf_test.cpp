// Loading from a Hugging Face tokenizer.json, checked at full scale: the fixture vocabularies are
// written out in tokenizer.json form (the documented layout of the `tokenizers` library), read back
// through the tokenizer.json loader, and must reproduce llama.cpp's .inp/.out pairs like the GGUF files.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "base/files.h"
#include "llm/tokenizer/gguf_vocabulary.h"
#include "llm/tokenizer/hf_tokenizer_json.h"
#include "test_support.h"

namespace textra::llm {
namespace {

using json = nlohmann::json;

constexpr const char* kQwen2Regex =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// A tokenizer.json equivalent to a byte-level GGUF vocabulary.
std::string to_tokenizer_json(const Vocabulary& v) {
  json vocab = json::object(), added = json::array();
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v.type_of(static_cast<TokenId>(i)) == TokenType::kControl) {
      added.push_back({{"id", i}, {"content", v.tokens[i]}, {"special", true}, {"lstrip", false},
                       {"rstrip", false}, {"normalized", false}, {"single_word", false}});
    } else {  // normal tokens, and the unused padding entries of Qwen2
      vocab[v.tokens[i]] = i;
    }
  }
  json merges = json::array();
  for (const std::string& m : v.merges) {  // the newer [left, right] form
    const std::size_t space = m.find(' ', 1);
    merges.push_back({m.substr(0, space), m.substr(space + 1)});
  }
  json pre;
  if (v.pre_tokenizer == "gpt-2") {
    pre = {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", true}};
  } else {
    pre = {{"type", "Sequence"},
           {"pretokenizers",
            {{{"type", "Split"}, {"pattern", {{"Regex", kQwen2Regex}}}, {"behavior", "Isolated"}, {"invert", false}},
             {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", false}}}}};
  }
  json root = {{"version", "1.0"},
               {"added_tokens", added},
               {"normalizer", nullptr},
               {"pre_tokenizer", pre},
               {"post_processor", nullptr},
               {"decoder", {{"type", "ByteLevel"}}},
               {"model", {{"type", "BPE"}, {"byte_fallback", false}, {"vocab", vocab}, {"merges", merges}}}};
  return root.dump();
}

class HfJsonFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(HfJsonFixture, ReproducesLlamaCppPairs) {
  TEXTRA_REQUIRE_SHARED();
  const std::string base = testing::shared_dir() + "/fixtures/tokenizer/ggml-vocab-" + GetParam() + ".gguf";
  auto file = GgufFile::open(base);
  ASSERT_TRUE(file.is_ok());
  auto gguf_vocab = vocabulary_from_gguf(**file);
  ASSERT_TRUE(gguf_vocab.is_ok());
  auto vocab = vocabulary_from_hf_tokenizer_json(to_tokenizer_json(*gguf_vocab), "tokenizer.json");
  ASSERT_TRUE(vocab.is_ok()) << vocab.status().message();
  EXPECT_EQ(vocab->pre_tokenizer, GetParam());
  EXPECT_EQ(vocab->size(), gguf_vocab->size());
  auto tok = Tokenizer::create(std::move(vocab).value(), "tokenizer.json");
  ASSERT_TRUE(tok.is_ok()) << tok.status().message();
  EXPECT_FALSE((*tok)->adds_bos());  // no TemplateProcessing post-processor

  auto inp = read_file(base + ".inp");
  auto out = read_file(base + ".out");
  ASSERT_TRUE(inp.is_ok() && out.is_ok());
  const std::string sep = "\n__ggml_vocab_test__\n";
  std::istringstream lines(*out);
  std::string line;
  int checked = 0;
  for (std::size_t pos = 0, next; (next = inp->find(sep, pos)) != std::string::npos && std::getline(lines, line);
       pos = next + sep.size()) {
    std::istringstream ids_text(line);
    std::vector<TokenId> expected;
    for (TokenId id; ids_text >> id;) expected.push_back(id);
    const std::string text = inp->substr(pos, next - pos);
    EXPECT_EQ((*tok)->encode(text, {.add_special = false, .parse_special = false}), expected) << json(text).dump();
    ++checked;
  }
  EXPECT_GT(checked, 30);
}

// (llama-bpe is left out to keep the test short: the unit test covers its expression and BOS template.)
INSTANTIATE_TEST_SUITE_P(ByteLevel, HfJsonFixture, ::testing::Values("gpt-2", "qwen2"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = (c == '-') ? '_' : c;
                           return name;
                         });

}  // namespace
}  // namespace textra::llm
