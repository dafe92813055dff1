#include "extract/llm_engine.h"

#include "doc/layout_text.h"
#include "extract/llm_prompt.h"
#include "fields/assemble.h"

namespace textra::extract {

LlmEngine::LlmEngine(std::shared_ptr<const LlmBackend> backend, LlmEngineOptions options)
    : backend_(std::move(backend)), options_(std::move(options)) {}

fields::EngineInfo LlmEngine::info() const {
  return {"llm", backend_->name() + ":" + backend_->model(), TEXTRA_VERSION_STRING};
}

namespace {
// Runs of spaces in the layout text are cut to this: columns stay apart (words of a column are 1 space
// apart), and the text shrinks by half on invoices, which leaves more of the context to long documents.
// Llama 3 tokenizes a run of any length as one token; Phi-3's SentencePiece spends more on long runs
// (docs/llm-extraction.md, "A leaner prompt").
constexpr std::size_t kMaxSpaceRun = 3;
}  // namespace

LlmRequest LlmEngine::request_for(const doc::Document& document, const fields::Schema& schema,
                                  std::size_t* cut_to_chars) const {
  std::string text = cap_space_runs(doc::layout_text(document), kMaxSpaceRun);
  // The budget depends on the instructions and the answer budget: measure them without the document first.
  LlmRequest request = build_llm_request(schema, "", options_.language);
  request.max_tokens = options_.max_tokens;
  request.seed = options_.seed;
  std::size_t budget = backend_->document_char_budget(request);
  request = build_llm_request(schema, fit_document_text(text, budget), options_.language);
  request.max_tokens = options_.max_tokens;
  request.seed = options_.seed;
  if (cut_to_chars != nullptr) *cut_to_chars = budget != 0 && text.size() > budget ? budget : 0;
  return request;
}

Result<fields::Extraction> LlmEngine::extract(const doc::Document& document, const fields::Schema& schema) const {
  std::size_t cut_to_chars = 0;
  LlmRequest request = request_for(document, schema, &cut_to_chars);

  fields::Extraction extraction = fields::new_extraction(schema, document.file, info());
  if (cut_to_chars > 0) {
    extraction.warn("document_truncated", "the document text was cut to " + std::to_string(cut_to_chars) +
                                              " characters to fit the model's context");
  }
  TEXTRA_ASSIGN_OR_RETURN(LlmAnswer answer, backend_->complete(request));
  fields::Json values = fields::Json::parse(answer.text, nullptr, false);
  if (values.is_discarded() || !values.is_object()) {
    return corrupt(backend_->name() + " model " + backend_->model() + " returned text that is not a JSON object: " +
                   answer.text.substr(0, 200));
  }
  fields::AssembleOptions options;
  options.normalize = fields::normalize_options_for_language(options_.language);
  fields::assemble_from_values(schema, values, &document, options, extraction);
  extraction.add_timing("llm_prompt", answer.prompt_ms);
  extraction.add_timing("llm_generation", answer.generation_ms);
  extraction.add_stat("prompt_tokens", answer.prompt_tokens);
  extraction.add_stat("cached_tokens", answer.cached_tokens);
  extraction.add_stat("forced_tokens", answer.forced_tokens);
  extraction.add_stat("drafted_tokens", answer.drafted_tokens);
  extraction.add_stat("accepted_tokens", answer.accepted_tokens);
  extraction.add_stat("generated_tokens", answer.generated_tokens);
  extraction.add_stat("generation_passes", answer.generation_passes);
  return extraction;
}

}  // namespace textra::extract
