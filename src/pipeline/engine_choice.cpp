#include "pipeline/engine_choice.h"

#include <chrono>

#include "extract/llm_engine.h"
#include "extract/ner_engine.h"

namespace textra::pipeline {

Result<std::unique_ptr<extract::LlmBackend>> make_llm_backend(const EngineChoice& choice) {
  if (!choice.ollama_url.empty()) return extract::make_ollama_backend(choice.ollama_url, choice.model);
  if (!choice.openai_url.empty()) return extract::make_openai_backend(choice.openai_url, choice.model);
  std::string path = choice.gguf;
  if (path.empty() && !choice.model.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(path, extract::resolve_ollama_model(choice.model));
  }
  if (path.empty()) {
    return invalid_argument("--engine llm needs -m FILE.gguf, --model NAME (an Ollama model), "
                            "--ollama URL --model NAME or --openai URL --model NAME");
  }
  extract::EmbeddedOptions options;
  options.threads = choice.threads;
  options.n_ctx = choice.n_ctx;
  options.prompt_cache = !choice.no_prompt_cache;
  options.draft_tokens = choice.draft_tokens;
  return extract::make_embedded_backend(path, options);
}

Result<std::unique_ptr<extract::Engine>> make_engine(const EngineChoice& choice, const fields::Schema& schema,
                                                     std::shared_ptr<const extract::LlmBackend> backend) {
  if (choice.engine == "llm") {
    if (!backend) {
      TEXTRA_ASSIGN_OR_RETURN(backend, make_llm_backend(choice));
    }
    extract::LlmEngineOptions options{.language = choice.language, .max_tokens = choice.max_tokens};
    return std::unique_ptr<extract::Engine>(new extract::LlmEngine(std::move(backend), options));
  }
  if (choice.engine != "ner") return invalid_argument("engine \"" + choice.engine + "\": use ner or llm");
  std::string model = choice.ner_model;
  if (model.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(model, extract::default_ner_model(schema));
  }
  TEXTRA_ASSIGN_OR_RETURN(auto engine, extract::NerEngine::load(model));
  return std::unique_ptr<extract::Engine>(std::move(engine));
}

Result<fields::Extraction> Extractors::extract(const doc::Document& document) const {
  if (!detect) return primary.engine->extract(document, primary.schema);
  return extract::extract_auto(document, primary, receipt ? &*receipt : nullptr);
}

Result<Extractors> make_extractors(const EngineChoice& choice, const std::string& schema_name,
                                   const std::string& field_list) {
  bool detect = schema_name == "auto" && field_list.empty();
  std::string first = detect ? "invoice" : schema_name;
  if (detect && choice.engine == "ner" && !choice.ner_model.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(auto model, extract::NerEngine::load(choice.ner_model));
    std::string labels = model->label_set_name();
    first = labels == "receipt" ? labels : "invoice";
    TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, fields::resolve_schema(first, ""));
    return Extractors{{std::move(schema), std::move(model)}, std::nullopt, true};
  }
  TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, fields::resolve_schema(first, field_list));
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const extract::Engine> engine, make_engine(choice, schema));
  Extractors out{{std::move(schema), engine}, std::nullopt, detect};
  if (detect) {
    TEXTRA_ASSIGN_OR_RETURN(fields::Schema receipt, fields::builtin_schema("receipt"));
    std::shared_ptr<const extract::Engine> receipt_engine = engine;
    if (choice.engine == "ner") {
      TEXTRA_ASSIGN_OR_RETURN(receipt_engine, make_engine(choice, receipt));
    }
    out.receipt = extract::SchemaEngine{std::move(receipt), std::move(receipt_engine)};
  }
  return out;
}

Result<fields::Extraction> extract_timed(const Extractors& extractors, const doc::Document& document,
                                         std::optional<double> ocr_ms) {
  const auto start = std::chrono::steady_clock::now();
  TEXTRA_ASSIGN_OR_RETURN(fields::Extraction result, extractors.extract(document));
  if (ocr_ms) result.add_timing("ocr", *ocr_ms);
  result.add_timing("extract",
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  return result;
}

}  // namespace textra::pipeline
