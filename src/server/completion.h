// What the Ollama and OpenAI endpoints share: find and load the model, turn the requested answer format
// into a grammar, wait for a generation slot, generate (streamed or not), count tokens in /metrics. Each API
// file only reads its request shape and writes its response shape (docs/api.md).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/runner/chat_runner.h"
#include "server/generation_gate.h"
#include "server/metrics.h"
#include "server/model_registry.h"

namespace textra::server {

struct CompletionRequest {
  std::string model;                       // as the client named it
  std::vector<llm::ChatMessage> messages;  // rendered with the model's chat template...
  std::optional<std::string> raw_prompt;   // ...or this prompt text as is
  // null: free text; "json": a JSON value; an object: a JSON Schema the answer must match.
  nlohmann::ordered_json format;
  llm::RunOptions run;                     // sampling, max_tokens, n_ctx, stop
};

// Admitted: the model is loaded, the prompt encoded, the grammar compiled and a generation slot held.
struct PendingCompletion {
  std::chrono::steady_clock::time_point start;
  std::unique_ptr<GenerationGate::Ticket> ticket;
  std::shared_ptr<const llm::ChatRunner> runner;
  std::vector<int32_t> prompt;
  llm::RunOptions run;
  double load_ms = 0;
};

struct CompletionResult {
  std::string text;
  llm::StopReason stop = llm::StopReason::kLength;
  std::int64_t prompt_tokens = 0, generated_tokens = 0;
  double load_ms = 0, prompt_ms = 0, generation_ms = 0, total_ms = 0;
};

class CompletionService {
 public:
  CompletionService(ModelRegistry& models, GenerationGate& gate, Metrics& metrics, int timeout_s)
      : models_(models), gate_(gate), metrics_(metrics), timeout_s_(timeout_s) {}

  // Loads the model without generating (Ollama's empty prompt); kNotFound for an unknown model.
  Status preload(const std::string& model);
  // Everything that can fail before the answer starts, so that it becomes the HTTP status: unknown model
  // (kNotFound), bad format or prompt (kInvalidArgument, kUnsupported, kLimitExceeded), busy (kBusy).
  Result<std::unique_ptr<PendingCompletion>> admit(CompletionRequest request);
  // Generates; text goes to on_text as it comes. Stops early when client_gone() says so or when the
  // request timeout has passed since admit (then the stop reason is kCancelled).
  Result<CompletionResult> run(PendingCompletion& pending, const llm::TextSink& on_text,
                               const std::function<bool()>& client_gone);
  // The server is stopping: running generations end at their next token (kCancelled).
  void stop_all() { stopping_ = true; }

 private:
  ModelRegistry& models_;
  GenerationGate& gate_;
  Metrics& metrics_;
  int timeout_s_;
  std::atomic<bool> stopping_{false};
};

// "2026-11-26T17:22:45.499127Z", as Ollama writes created_at and modified_at.
std::string rfc3339(std::chrono::system_clock::time_point time);

}  // namespace textra::server
