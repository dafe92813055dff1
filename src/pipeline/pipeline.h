// The extraction pipeline of `textra serve` and `textra worker`: uploaded bytes -> ingest -> OCR (shared
// engine pools, one per OCR engine and languages) -> extraction engine -> result JSON with timings. Engines
// are loaded once and shared by the workers (Engine::extract is safe to call concurrently): NER models per
// schema, language models per source (a GGUF file, an Ollama or OpenAI server and its model).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "extract/engine.h"
#include "extract/llm_backend.h"
#include "fields/schema.h"
#include "ocr/document_ocr.h"
#include "ocr/engine_pool.h"
#include "pipeline/engine_choice.h"
#include "pipeline/extract_params.h"

namespace textra::pipeline {

struct PipelineOptions {
  ocr::OcrOptions ocr;
  // The GGUF file of a model name of an llm request (the server's --models); unset: no embedded models.
  std::function<Result<std::string>(const std::string& name)> model_path;
  std::vector<std::string> allowed_remote;  // Ollama/OpenAI base URLs a request may name (--allow-remote)
  int llm_threads = 0;                      // embedded engine threads (0: all cores)
};

class Pipeline {
 public:
  explicit Pipeline(PipelineOptions options);
  // The result JSON of the file with `schema` (the one params name, resolved by the caller).
  Result<nlohmann::json> run(const std::string& bytes, const std::string& file_name, const ExtractParams& params,
                             const fields::Schema& schema);
  // OCR of a stored original with the default languages (deterministic: the word ids match the
  // extraction's when it used those languages too).
  Result<doc::Document> ocr_file(const std::string& path);
  const ingest::Limits& limits() const { return options_.ocr.limits; }

 private:
  ocr::EnginePool& ocr_pool(const ocr::EngineOptions& engine);
  Result<std::shared_ptr<const extract::Engine>> engine_for(const ExtractParams& params, const fields::Schema& schema);
  Result<std::shared_ptr<const extract::LlmBackend>> llm_backend(const EngineChoice& choice);

  const PipelineOptions options_;
  std::mutex mutex_;  // guards the maps below
  std::map<std::string, std::unique_ptr<ocr::EnginePool>> ocr_pools_;              // by "engine/languages"
  std::map<std::string, std::shared_ptr<const extract::Engine>> ner_engines_;      // by schema name
  std::map<std::string, std::shared_ptr<const extract::LlmBackend>> llm_backends_;  // by source
};

}  // namespace textra::pipeline
