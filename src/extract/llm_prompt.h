// The LLM engine's prompt: a system message with the task, the rules of the values and the schema (field
// names, types, descriptions), and a user message with the document as layout text (doc/layout_text.h).
// Documents too long for the model's context are cut by whole lines: the first 60 % of the budget from
// the top of the document (numbers, dates, parties) and the rest from the end (totals), with a marker line
// where text was left out.
#pragma once

#include <string>
#include <string_view>

#include "extract/llm_backend.h"
#include "fields/schema.h"

namespace textra::extract {

// The prompt's texts, in the order build_llm_request joins them (bench_llm_extract --prompt-parts counts
// their tokens).
struct LlmPromptParts {
  std::string instructions;  // the task and the answer's form
  std::string rules;         // how values are written
  std::string schema;        // the fields: names, types, one-line descriptions
  std::string document;      // the user message: a label, then the layout text
};
LlmPromptParts llm_prompt_parts(const fields::Schema& schema, const std::string& document_text,
                                const std::string& language);

// language: "fr" or "en" (the document's; the instructions are written in it).
LlmRequest build_llm_request(const fields::Schema& schema, const std::string& document_text,
                             const std::string& language);

// The layout text with every run of more than max_run spaces cut to max_run: columns stay apart, the
// padding that aligns them costs no tokens.
std::string cap_space_runs(std::string_view text, std::size_t max_run);

// The document text cut to at most max_chars as described above (unchanged when it fits; max_chars 0 = no limit).
std::string fit_document_text(const std::string& text, std::size_t max_chars);

}  // namespace textra::extract
