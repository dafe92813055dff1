// What a client may ask of one extraction (POST /v1/extract fields, `textra submit` options), stored as JSON
// with its job so that whichever worker process takes the job runs it the same way (CONTRACTS.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::pipeline {

struct ExtractParams {
  std::string engine;       // "" = default (ner), "ner" or "llm"
  std::string schema;       // its name: "" = default (invoice), a built-in name, or a stored schema's
  std::string fields;       // quick field list, as `textra extract --fields`
  std::string lang;         // OCR languages, "" = default
  std::string schema_json;  // the JSON Schema of a schema that is not built-in (never a file path)
  std::string ocr_engine;   // tesseract, ppocr or fusion, "" = the pipeline's default
  // llm: `model` is a model the server serves (--models), or with ollama/openai one of that server's; those
  // are base URLs the server allows (--allow-remote).
  std::string model;
  std::string ollama;
  std::string openai;
  std::string language;     // of the document (fr, en): "" = fr
  int max_tokens = 0;       // llm answer budget: 0 = the engine's default
};

nlohmann::json extract_params_json(const ExtractParams& params);
// Missing or mistyped members are left at their defaults (a job stored by an older version).
ExtractParams extract_params_from_json(const nlohmann::json& params);

// The engine part of a request, before any model is loaded: a known engine, at most one remote server and
// only one of `allowed_remote` (kInvalidArgument naming the URL otherwise), a model for llm, a budget
// within 16..65536 tokens, and no llm fields with the ner engine.
Status check_engine_params(const ExtractParams& params, const std::vector<std::string>& allowed_remote);

}  // namespace textra::pipeline
