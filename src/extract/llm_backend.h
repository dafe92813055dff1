// Where the LLM engine's answer comes from: our embedded GGUF engine (constrained by the schema's
// grammar), an Ollama server, or an OpenAI-compatible server. One interface, so the engine, the prompt and
// the validation are the same whichever answers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "fields/schema.h"
#include "llm/chat/chat_template.h"

namespace textra::extract {

struct LlmRequest {
  std::vector<llm::ChatMessage> messages;
  fields::Json json_schema;  // the answer must be JSON valid against it
  int max_tokens = 1024;
  std::uint64_t seed = 0;
};

struct LlmAnswer {
  std::string text;  // the JSON text
  std::int64_t prompt_tokens = 0, generated_tokens = 0;
  // The embedded engine's counters (llm::GenerationTimings); remote servers leave them 0.
  std::int64_t cached_tokens = 0, forced_tokens = 0, drafted_tokens = 0, accepted_tokens = 0, generation_passes = 0;
  double prompt_ms = 0, generation_ms = 0;
};

class LlmBackend {
 public:
  virtual ~LlmBackend() = default;
  virtual Result<LlmAnswer> complete(const LlmRequest& request) const = 0;
  virtual std::string name() const = 0;   // "embedded", "ollama", "openai"
  virtual std::string model() const = 0;  // file or model name, as results report it
  // How many characters of document text fit the model's context next to the instructions and the answer
  // (0 = no limit known: a remote server decides).
  virtual std::size_t document_char_budget(const LlmRequest& request_without_document) const = 0;
};

// Timeouts and retries of the remote backends.
struct RemoteOptions {
  int timeout_s = 300;      // one request, generation included
  int retries = 2;          // further tries on connection errors, 429 and 5xx, with a growing pause
  int num_ctx = 8192;       // Ollama options.num_ctx
};

Result<std::unique_ptr<LlmBackend>> make_ollama_backend(const std::string& url, const std::string& model,
                                                        const RemoteOptions& options = {});
// The API key comes from $OPENAI_API_KEY (or $TEXTRA_OPENAI_API_KEY); servers without keys need none.
Result<std::unique_ptr<LlmBackend>> make_openai_backend(const std::string& url, const std::string& model,
                                                        const RemoteOptions& options = {});

struct EmbeddedOptions {
  int threads = 0;        // 0 = all cores
  std::int64_t n_ctx = 4096;
  // The prompt cache (llm/runner/prompt_cache.h) of the instructions and schema: in memory, and in files
  // under prompt_cache_dir ("" = $XDG_CACHE_HOME/textra, else ~/.cache/textra). false: neither.
  bool prompt_cache = true;
  std::string prompt_cache_dir;
  // Jump-forward over the text the schema fixes (keys, quotes, colons, commas, braces): fewer forward passes;
  // answers stay valid but may differ from plain token-by-token decoding (docs/llm-extraction.md).
  bool jump_forward = true;
  // Prompt-lookup drafts of up to this many tokens copied from the document or the answer, verified in one
  // forward pass: the answer is byte-identical to plain greedy decoding, in fewer passes when the model
  // copies (docs/llm-extraction.md). 0: off.
  int draft_tokens = 0;
};
Result<std::unique_ptr<LlmBackend>> make_embedded_backend(const std::string& gguf_path,
                                                          const EmbeddedOptions& options = {});

// `llama3:8b` -> the GGUF blob of an Ollama installation ($OLLAMA_MODELS, else ~/.ollama/models), read from
// its manifest, so models already pulled with Ollama run in the embedded engine without an Ollama server.
Result<std::string> resolve_ollama_model(const std::string& name);
// The same in a given Ollama models folder (the one holding manifests/ and blobs/).
Result<std::string> resolve_ollama_model_in(const std::string& models_dir, const std::string& name);
// Every model of an Ollama models folder, named as `ollama list` shows them ("llama3:8b",
// "namespace/model:tag"), with its GGUF blob; manifests that do not resolve are left out.
struct OllamaModel {
  std::string name;
  std::string blob_path;
};
std::vector<OllamaModel> list_ollama_models(const std::string& models_dir);

}  // namespace textra::extract
