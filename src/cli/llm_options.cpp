#include "cli/llm_options.h"

#include <cstdio>

#include "base/thread_pool.h"

namespace textra::cli {

void add_run_options(CLI::App& cmd, LlmRunOptions& o) {
  cmd.add_option("-m,--model", o.model_path, "GGUF model file")->required()->check(CLI::ExistingFile);
  cmd.add_option("-t,--threads", o.threads, "Threads (0 = all cores)")->capture_default_str();
  cmd.add_option("-c,--ctx-size", o.n_ctx, "Context size in tokens (0 = the model's, at most 4096)")->capture_default_str();
  cmd.add_option("-b,--batch-size", o.n_batch, "Prompt tokens per forward pass")->capture_default_str();
}

void add_sampling_options(CLI::App& cmd, llm::SamplingParams& p) {
  cmd.add_option("--temp", p.temperature, "Temperature (0 = greedy)")->capture_default_str();
  cmd.add_option("--top-k", p.top_k, "Top-k (0 = off)")->capture_default_str();
  cmd.add_option("--top-p", p.top_p, "Top-p (1 = off)")->capture_default_str();
  cmd.add_option("--min-p", p.min_p, "Min-p (0 = off)")->capture_default_str();
  cmd.add_option("--repeat-penalty", p.repeat_penalty, "Repetition penalty (1 = off)")->capture_default_str();
  cmd.add_option("--repeat-last-n", p.repeat_last_n, "Tokens the penalty looks back over")->capture_default_str();
  cmd.add_option("--seed", p.seed, "Random seed")->capture_default_str();
}

llm::SessionOptions session_options(const LlmRunOptions& o) {
  llm::SessionOptions s;
  s.n_ctx = o.n_ctx;
  s.n_batch = o.n_batch;
  s.n_threads = o.threads > 0 ? o.threads : static_cast<int>(default_thread_count());
  return s;
}

int fail(const Status& status, int code) {
  std::fprintf(stderr, "textra: %s\n", status.message().c_str());
  return code;
}

}  // namespace textra::cli
