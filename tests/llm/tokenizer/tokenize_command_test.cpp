// `textra tokenize` end to end: the README example of the tokenizer fixtures (Phi-3 right-strip rule).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include "test_support.h"

namespace textra {
namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

TEST(TokenizeCommand, PrintsIdsAsOneJsonArray) {
  TEXTRA_REQUIRE_SHARED();
  const std::string vocab = testing::shared_dir() + "/fixtures/tokenizer/ggml-vocab-phi-3.gguf";
  const std::string textra = testing::binary_dir() + "/textra tokenize -m '" + vocab + "' ";
  const std::string text = "'<|user|>\nBonjour<|end|>\n<|assistant|>\n'";
  EXPECT_EQ(run(textra + "--ids --no-bos " + text), "[32010, 8396, 29926, 473, 32007, 32001]\n");
  EXPECT_EQ(run(textra + "--ids " + text), "[1, 32010, 8396, 29926, 473, 32007, 32001]\n");
  // Without special-token parsing "<|end|>" is plain text.
  EXPECT_EQ(run(textra + "--ids --no-parse-special " + text).find("32007"), std::string::npos);
  EXPECT_EQ(run(textra + "--no-bos 'Bon'"), "8396\t' Bon'\n");
}

}  // namespace
}  // namespace textra
