// Command-line options shared by the LLM commands (generate, chat, bench-llm).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/command.h"
#include "llm/gguf/gguf_file.h"
#include "llm/model/model.h"
#include "llm/sampling/generation.h"
#include "llm/sampling/sampler.h"
#include "llm/tokenizer/tokenizer.h"

namespace textra::cli {

struct LlmRunOptions {
  std::string model_path;
  int threads = 0;       // 0 = all cores
  int64_t n_ctx = 0;     // 0 = the model's context, capped
  int64_t n_batch = 512;
};

void add_run_options(CLI::App& cmd, LlmRunOptions& o);
void add_sampling_options(CLI::App& cmd, llm::SamplingParams& p);
llm::SessionOptions session_options(const LlmRunOptions& o);

// A model with its tokenizer (absent when the file has no vocabulary, e.g. the test fixtures' tiny models
// are usable with token ids only).
struct LoadedLlm {
  std::shared_ptr<const llm::GgufFile> file;
  std::unique_ptr<llm::Model> model;
  std::unique_ptr<llm::Tokenizer> tokenizer;

  // End-of-generation test: the tokenizer's, else the EOS/EOT ids of the metadata.
  std::function<bool(int32_t)> end_of_generation() const;
  // A token's text as shown to the user (control tokens hidden); "" without a tokenizer.
  llm::TokenPieceFn piece_fn() const;
};
Result<LoadedLlm> load_llm(const std::string& path);

// Prints "textra: <message>" to stderr and returns the exit code.
int fail(const Status& status, int code = kExitFailure);

}  // namespace textra::cli
