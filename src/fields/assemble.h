// From an engine's plain values to a full extraction: what the LLM engine calls on the model's JSON
// answer (and the NER engine may call on its chosen texts). Every leaf's printed text becomes `raw`, its
// normalised form `value`; each value is located in the document's words (source); then validate() adds
// the consistency warnings. Nothing is silently fixed: a value that does not normalise keeps its text in
// `raw`, gets a null `value` and an "unreadable_value" warning.
#pragma once

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/provenance.h"
#include "fields/result.h"
#include "fields/validate.h"

namespace textra::fields {

struct AssembleOptions {
  NormalizeOptions normalize;
  LocateOptions locate;
  ValidationOptions validation;
};

// Fills extraction.fields from `values` (a JSON object shaped like the schema, as to_json_schema() asks
// for) and appends warnings. `document` may be null (no provenance). Keys the schema does not have are
// reported ("unknown_field") and dropped; keys it has but `values` lacks stay null.
void assemble_from_values(const Schema& schema, const Json& values, const doc::Document* document,
                          const AssembleOptions& options, Extraction& extraction);

// One leaf: normalise the printed value and locate it. Warnings go to `extraction`, `path` names the field.
FieldValue assemble_leaf(const FieldSpec& spec, const Json& printed, const doc::Document* document,
                         const AssembleOptions& options, const std::string& path, Extraction& extraction);

}  // namespace textra::fields
