// Command-line options shared by the LLM commands (generate, chat, bench-llm).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/command.h"
#include "llm/model/model.h"
#include "llm/runner/loaded_model.h"
#include "llm/sampling/generation.h"
#include "llm/sampling/sampler.h"

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


// Prints "textra: <message>" to stderr and returns the exit code.
int fail(const Status& status, int code = kExitFailure);

}  // namespace textra::cli
