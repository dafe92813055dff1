// The server's extraction pipeline: uploaded bytes -> ingest -> OCR (shared engine pools, one per OCR engine) ->
// extraction engine -> result JSON. Engines are loaded once per (engine, schema) and shared by the
// workers (Engine::extract is safe to call concurrently).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "extract/engine.h"
#include "ocr/document_ocr.h"
#include "ocr/engine_pool.h"
#include "server/server.h"

namespace textra::server {

class Pipeline {
 public:
  explicit Pipeline(ocr::OcrOptions ocr_options);
  Result<nlohmann::json> run(const std::string& bytes, const std::string& file_name, const ExtractParams& params);
  // OCR of a stored original with the server's default languages (deterministic: the word ids match the
  // extraction's when it used those languages too).
  Result<doc::Document> ocr_file(const std::string& path);
  const ingest::Limits& limits() const { return ocr_options_.limits; }

 private:
  ocr::EnginePool& ocr_pool(const ocr::EngineOptions& engine);
  Result<const extract::Engine*> engine_for(const std::string& engine_name, const fields::Schema& schema);

  ocr::OcrOptions ocr_options_;
  std::mutex mutex_;  // guards the maps below
  std::map<std::string, std::unique_ptr<ocr::EnginePool>> ocr_pools_;  // by "engine/languages"
  std::map<std::string, std::unique_ptr<extract::Engine>> engines_;    // by "engine/schema"
};

}  // namespace textra::server
