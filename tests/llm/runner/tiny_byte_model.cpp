#include "tiny_byte_model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "llm/model/synthetic_model.h"

namespace textra::llm {

std::unique_ptr<Model> load_tiny_byte_model() {
  SynthOptions options;
  options.preset = {"tiny", Arch::kLlama, kTinyVocab, 64, 1, 2, 2, 128, 256, 10000.0f, 1e-5f, true, false, 0};
  options.file_type = SynthFileType::kF16;
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("textra_tiny_" + std::to_string(::getpid()) + ".gguf")).string();
  Status written = write_synthetic_model(options, path);
  EXPECT_TRUE(written.is_ok()) << written.message();
  auto model = Model::load(path);
  std::filesystem::remove(path);
  EXPECT_TRUE(model.is_ok()) << model.status().message();
  if (!model.is_ok()) return nullptr;
  EXPECT_EQ((*model)->config().n_vocab, kTinyVocab);
  return std::move(*model);
}

std::vector<std::string> tiny_token_texts() {
  std::vector<std::string> texts;
  for (int b = 0; b < 256; ++b) texts.emplace_back(1, static_cast<char>(b));
  for (int id = 256; id < kTinyBos; ++id) texts.push_back("<synth_" + std::to_string(id) + ">");
  texts.emplace_back();
  texts.emplace_back("<|end_of_text|>");
  return texts;
}

std::shared_ptr<const TokenVocabulary> tiny_grammar_vocabulary() {
  auto vocab = TokenVocabulary::build(tiny_token_texts(), {kTinyEos});
  EXPECT_TRUE(vocab.is_ok()) << vocab.status().message();
  return vocab.is_ok() ? *vocab : nullptr;
}

}  // namespace textra::llm
