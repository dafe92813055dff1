#include "server/pipeline.h"

#include <chrono>

#include "extract/ner_engine.h"
#include "fields/result.h"
#include "server/schema_library.h"

namespace textra::server {
namespace {
double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

Pipeline::Pipeline(ocr::OcrOptions ocr_options) : ocr_options_(std::move(ocr_options)) {}

Result<const extract::Engine*> Pipeline::engine_for(const std::string& engine_name, const fields::Schema& schema) {
  std::string name = engine_name.empty() ? "ner" : engine_name;
  if (name != "ner") return invalid_argument("engine \"" + name + "\" is not available in this server");
  std::string key = name + "/" + schema.name;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = engines_.find(key);
  if (it == engines_.end()) {
    TEXTRA_ASSIGN_OR_RETURN(std::string model, extract::default_ner_model(schema));
    TEXTRA_ASSIGN_OR_RETURN(auto engine, extract::NerEngine::load(model));
    it = engines_.emplace(key, std::move(engine)).first;
  }
  return it->second.get();
}

ocr::EnginePool& Pipeline::ocr_pool(const ocr::EngineOptions& engine) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = ocr_pools_[std::string(ocr::engine_kind_name(engine.kind)) + "/" + engine.languages];
  if (!slot) slot = std::make_unique<ocr::EnginePool>(engine);
  return *slot;
}

Result<doc::Document> Pipeline::ocr_file(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(auto source, ingest::open_file(path, ocr_options_.limits));
  return ocr::ocr_document(*source, ocr_pool(ocr_options_.engine), ocr_options_);
}

Result<nlohmann::json> Pipeline::run(const std::string& bytes, const std::string& file_name,
                                     const ExtractParams& params) {
  TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, extraction_schema(params));
  TEXTRA_ASSIGN_OR_RETURN(const extract::Engine* engine, engine_for(params.engine, schema));
  ocr::OcrOptions options = ocr_options_;
  if (!params.lang.empty()) options.engine.languages = params.lang;
  if (!params.ocr_engine.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(options.engine.kind, ocr::parse_engine_kind(params.ocr_engine));
  }
  TEXTRA_RETURN_IF_ERROR(ocr::validate(options.engine));

  auto start = std::chrono::steady_clock::now();
  TEXTRA_ASSIGN_OR_RETURN(auto source, ingest::open_bytes(file_name, bytes, options.limits));
  TEXTRA_ASSIGN_OR_RETURN(doc::Document document, ocr::ocr_document(*source, ocr_pool(options.engine), options));
  double ocr_ms = ms_since(start);
  start = std::chrono::steady_clock::now();
  TEXTRA_ASSIGN_OR_RETURN(fields::Extraction extraction, engine->extract(document, schema));
  extraction.file = file_name;
  extraction.add_timing("ocr", ocr_ms);
  extraction.add_timing("extract", ms_since(start));
  nlohmann::json out = nlohmann::json::parse(fields::to_json(extraction).dump());
  out["pages"] = document.pages.size();
  return out;
}

}  // namespace textra::server
