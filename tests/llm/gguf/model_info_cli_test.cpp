// `textra model info` end to end: the executable on fixture files, JSON parsed back.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace {

struct CommandOutput {
  int status;
  std::string out;
};

CommandOutput run_textra(const std::string& args) {
  const std::string command = textra::testing::binary_dir() + "/textra " + args + " 2>&1";
  CommandOutput run{-1, ""};
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  run.status = pclose(pipe);
  return run;
}

TEST(ModelInfoCli, JsonForAChatModel) {
  TEXTRA_REQUIRE_SHARED();
  const CommandOutput run = run_textra("model info --json " + textra::testing::shared_dir() +
                             "/fixtures/llm/tiny-phi3-chat-q8_0.gguf");
  ASSERT_EQ(run.status, 0) << run.out;
  const auto json = nlohmann::json::parse(run.out);
  // Values from the fixture README: phi3, n_embd 32, 2 layers, context 4096, real Phi-3 SPM vocab (32064).
  EXPECT_EQ(json["architecture"], "phi3");
  EXPECT_EQ(json["embedding_length"], 32);
  EXPECT_EQ(json["block_count"], 2);
  EXPECT_EQ(json["context_length"], 4096);
  EXPECT_EQ(json["vocab_type"], "llama");
  EXPECT_EQ(json["vocab_size"], 32064);
  EXPECT_EQ(json["has_chat_template"], true);
  EXPECT_EQ(json["chat_template_family"], "phi3");
}

TEST(ModelInfoCli, VocabularyOnlyFileAndErrors) {
  TEXTRA_REQUIRE_SHARED();
  const CommandOutput vocab = run_textra("model info " + textra::testing::shared_dir() + "/fixtures/tokenizer/ggml-vocab-gpt-2.gguf");
  ASSERT_EQ(vocab.status, 0) << vocab.out;
  EXPECT_NE(vocab.out.find("gpt2"), std::string::npos) << vocab.out;
  EXPECT_NE(vocab.out.find("50,257 tokens"), std::string::npos) << vocab.out;
  const CommandOutput bad = run_textra("model info " + textra::testing::source_dir() + "/CMakeLists.txt");
  EXPECT_NE(bad.status, 0);
  EXPECT_NE(bad.out.find("bad magic"), std::string::npos) << bad.out;
}

}  // namespace
