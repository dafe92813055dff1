// Which extraction engine reads the fields, built the same way for `textra extract`, `textra serve` and
// `textra worker`: the shipped NER model, or a language model run embedded (a GGUF file) or asked through an
// Ollama or OpenAI-compatible server. Options are named as the CLI and POST /v1/extract name them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "doc/document.h"
#include "extract/auto_schema.h"
#include "extract/engine.h"
#include "extract/llm_backend.h"
#include "fields/schema.h"

namespace textra::pipeline {

struct EngineChoice {
  std::string engine = "ner";  // ner or llm
  std::string ner_model;       // ner: a model file; "" = the shipped model of the schema
  // llm: exactly one source of answers. gguf: a GGUF file run embedded; ollama_url / openai_url: a server
  // asked for `model`; `model` alone: an Ollama model read from ~/.ollama/models and run embedded.
  std::string gguf;
  std::string model;
  std::string ollama_url;
  std::string openai_url;
  std::string language = "fr";  // of the documents: prompt, date and amount conventions
  int max_tokens = 1024;
  std::int64_t n_ctx = 4096;    // embedded engine context
  int threads = 0;              // embedded engine threads (0: all cores)
  bool no_prompt_cache = false; // embedded engine: no cache of the instructions and schema (memory or file)
  int draft_tokens = 0;         // embedded engine: prompt-lookup draft length (0: off)
};

// The language model answering for an llm choice (the model file is loaded now).
Result<std::unique_ptr<extract::LlmBackend>> make_llm_backend(const EngineChoice& choice);
// The engine for `schema`; an llm engine uses `backend` (make_llm_backend) when given, else loads its own.
Result<std::unique_ptr<extract::Engine>> make_engine(const EngineChoice& choice, const fields::Schema& schema,
                                                     std::shared_ptr<const extract::LlmBackend> backend = nullptr);

// What a run extracts with: one schema and its engine, or with the "auto" schema the invoice and receipt
// schemas chosen per document by its detected type (extract/auto_schema.h). One engine serves both for
// llm; a given NER model fixes the schema to its labels' and the type is only reported.
struct Extractors {
  extract::SchemaEngine primary;
  std::optional<extract::SchemaEngine> receipt;
  bool detect = false;

  Result<fields::Extraction> extract(const doc::Document& document) const;
};

// schema: "auto", a built-in name or a JSON Schema file; field_list: a quick schema (wins over auto).
Result<Extractors> make_extractors(const EngineChoice& choice, const std::string& schema,
                                   const std::string& field_list);

// Extracts and adds the stage timings in order, as every result reports them: "ocr" (when the document
// went through OCR), then "extract" (engine sub-stages such as llm_prompt come before, from the engine).
Result<fields::Extraction> extract_timed(const Extractors& extractors, const doc::Document& document,
                                         std::optional<double> ocr_ms);

}  // namespace textra::pipeline
