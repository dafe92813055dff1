// The models `textra serve --models DIR` offers to the Ollama and OpenAI endpoints: every *.gguf file of
// DIR (named by its file stem) and, when DIR is an Ollama models folder (manifests/ + blobs/), every model
// pulled there (named as `ollama list` shows them). Models load on first use and stay loaded; beyond
// max_loaded the least recently used is dropped (requests still using it keep it alive until they end).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/runner/chat_runner.h"

namespace textra::server {

struct ModelEntry {
  std::string name;         // "tiny-phi3-chat-q8_0" (file) or "llama3:8b" (Ollama)
  std::string path;         // the GGUF file
  std::uint64_t size = 0;   // bytes
  std::int64_t modified = 0;  // seconds since the epoch
  std::string digest;       // Ollama: the blob's sha256; file: sha256 of its path, size and time (not its bytes)
  nlohmann::ordered_json details;     // Ollama's "details": format, family, parameter_size, quantization_level
  nlohmann::ordered_json model_info;  // GGUF metadata as Ollama's /api/show "model_info" (scalars only)
  std::string chat_template;
};

class ModelRegistry {
 public:
  // An empty dir offers no models. Files that are not readable GGUF are left out with a warning.
  static Result<std::unique_ptr<ModelRegistry>> scan(const std::string& dir, std::size_t max_loaded);

  const std::vector<ModelEntry>& models() const { return models_; }
  // By name; "NAME:latest" finds a file model NAME and an Ollama model NAME:latest is found as NAME too.
  const ModelEntry* find(const std::string& name) const;
  // Names of the models loaded now, most recently used first.
  std::vector<std::string> loaded_names();
  // The loaded model, loading it now if needed (*load_ms: time spent loading, 0 when it was loaded).
  Result<std::shared_ptr<const llm::ChatRunner>> runner(const ModelEntry& entry, double* load_ms);

 private:
  std::vector<ModelEntry> models_;
  std::size_t max_loaded_ = 1;
  std::mutex mutex_;
  // Most recently used first.
  std::list<std::pair<std::string, std::shared_ptr<const llm::ChatRunner>>> loaded_;
};

}  // namespace textra::server
