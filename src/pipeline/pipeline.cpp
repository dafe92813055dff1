#include "pipeline/pipeline.h"

#include <chrono>

#include "fields/result.h"

namespace textra::pipeline {

Pipeline::Pipeline(PipelineOptions options) : options_(std::move(options)) {}

Result<std::shared_ptr<const extract::LlmBackend>> Pipeline::llm_backend(const EngineChoice& choice) {
  // Loading a model takes seconds: the lock is held meanwhile so that one model is never loaded twice.
  std::string key = choice.gguf + "|" + choice.ollama_url + "|" + choice.openai_url + "|" + choice.model;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = llm_backends_.find(key);
  if (it == llm_backends_.end()) {
    TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::LlmBackend> backend, make_llm_backend(choice));
    it = llm_backends_.emplace(key, std::move(backend)).first;
  }
  return it->second;
}

Result<std::shared_ptr<const extract::Engine>> Pipeline::engine_for(const ExtractParams& params,
                                                                     const fields::Schema& schema) {
  // Checked again here: a job may come from a store other processes write to.
  TEXTRA_RETURN_IF_ERROR(check_engine_params(params, options_.allowed_remote));
  EngineChoice choice;
  if (params.engine == "llm") {
    choice.engine = "llm";
    choice.model = params.model;
    choice.ollama_url = params.ollama;
    choice.openai_url = params.openai;
    if (choice.ollama_url.empty() && choice.openai_url.empty()) {
      if (!options_.model_path) return not_found("this server serves no models (--models)");
      TEXTRA_ASSIGN_OR_RETURN(choice.gguf, options_.model_path(params.model));
      choice.model.clear();
    }
    if (!params.language.empty()) choice.language = params.language;
    if (params.max_tokens != 0) choice.max_tokens = params.max_tokens;
    choice.threads = options_.llm_threads;
    TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::LlmBackend> backend, llm_backend(choice));
    TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::Engine> engine, make_engine(choice, schema, backend));
    return engine;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = ner_engines_.find(schema.name);
  if (it == ner_engines_.end()) {
    TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::Engine> engine, make_engine(choice, schema));
    it = ner_engines_.emplace(schema.name, std::move(engine)).first;
  }
  return it->second;
}

ocr::EnginePool& Pipeline::ocr_pool(const ocr::EngineOptions& engine) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = ocr_pools_[std::string(ocr::engine_kind_name(engine.kind)) + "/" + engine.languages];
  if (!slot) slot = std::make_unique<ocr::EnginePool>(engine);
  return *slot;
}

Result<doc::Document> Pipeline::ocr_file(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(auto source, ingest::open_file(path, options_.ocr.limits));
  return ocr::ocr_document(*source, ocr_pool(options_.ocr.engine), options_.ocr);
}

Result<nlohmann::json> Pipeline::run(const std::string& bytes, const std::string& file_name,
                                     const ExtractParams& params, const fields::Schema& schema) {
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::Engine> engine, engine_for(params, schema));
  ocr::OcrOptions options = options_.ocr;
  if (!params.lang.empty()) options.engine.languages = params.lang;
  if (!params.ocr_engine.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(options.engine.kind, ocr::parse_engine_kind(params.ocr_engine));
  }
  TEXTRA_RETURN_IF_ERROR(ocr::validate(options.engine));

  auto start = std::chrono::steady_clock::now();
  TEXTRA_ASSIGN_OR_RETURN(auto source, ingest::open_bytes(file_name, bytes, options.limits));
  TEXTRA_ASSIGN_OR_RETURN(doc::Document document, ocr::ocr_document(*source, ocr_pool(options.engine), options));
  double ocr_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Extractors extractors{{schema, std::move(engine)}, std::nullopt, false};
  TEXTRA_ASSIGN_OR_RETURN(fields::Extraction extraction, extract_timed(extractors, document, ocr_ms));
  extraction.file = file_name;
  nlohmann::json out = nlohmann::json::parse(fields::to_json(extraction).dump());
  out["pages"] = document.pages.size();
  return out;
}

}  // namespace textra::pipeline
