// The LLM engine (docs/architecture.md, "LLM extraction"): the document's layout text and the schema go to a language
// model (llm_backend.h), whose JSON answer is normalised, located on the page and validated by the same
// code as the NER engine (fields/assemble.h).
#pragma once

#include <memory>

#include "extract/engine.h"
#include "extract/llm_backend.h"

namespace textra::extract {

struct LlmEngineOptions {
  std::string language = "fr";  // of the documents: prompt language and date/amount conventions
  int max_tokens = 1024;        // answer budget (the embedded grammar closes the JSON within it)
  std::uint64_t seed = 0;
};

class LlmEngine : public Engine {
 public:
  // The backend may be shared by several engines (e.g. a server's requests with different options).
  LlmEngine(std::shared_ptr<const LlmBackend> backend, LlmEngineOptions options);
  fields::EngineInfo info() const override;
  Result<fields::Extraction> extract(const doc::Document& document, const fields::Schema& schema) const override;

  // What extract() sends to the model: the prompt with the document's layout text cut to the backend's
  // budget (`cut_to_chars`: that budget when the text was cut, else 0). With backend(), lets a caller look
  // at the raw answer.
  LlmRequest request_for(const doc::Document& document, const fields::Schema& schema,
                         std::size_t* cut_to_chars = nullptr) const;
  const LlmBackend& backend() const { return *backend_; }

 private:
  std::shared_ptr<const LlmBackend> backend_;
  LlmEngineOptions options_;
};

}  // namespace textra::extract
