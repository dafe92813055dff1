// The extraction engine interface: a document in, the schema's fields out (fields/result.h), whatever
// reads them (the NER model here, an LLM in llm_engine). Engines are created once and shared: `extract`
// must allow concurrent calls (the CLI's -j and the server's workers use one engine).
#pragma once

#include "base/status.h"
#include "doc/document.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

class Engine {
 public:
  virtual ~Engine() = default;
  // name ("ner", "llm"), model, version: copied into every result's "engine".
  virtual fields::EngineInfo info() const = 0;
  // Fields the document does not show are null. Errors are for failures of the engine itself
  // (a backend that does not answer), not for fields it could not find.
  virtual Result<fields::Extraction> extract(const doc::Document& document, const fields::Schema& schema) const = 0;
};

}  // namespace textra::extract
