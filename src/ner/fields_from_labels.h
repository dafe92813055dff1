// From word labels to field values: contiguous words of a class become candidates (single-line kinds
// such as dates, amounts and ids also try each line of a multi-line run); the candidates of a field
// are tried from the most confident down, and the first that normalises (fields/field_value.h, the
// same code as the LLM engine) fills the field, with its words and boxes as provenance.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"
#include "ner/model.h"

namespace textra::ner {

struct Candidate {
  std::string path;          // the field in the extraction's schema ("supplier.name", a user's "fournisseur")
  std::string raw;           // as printed, lines joined by '\n'
  double confidence = 0.0;
  fields::Source source;
  std::optional<fields::Role> role;  // the role of the label's field, what the rules look for
};

// Every candidate on every page, most confident first. A label fills the field of `schema` that plays the
// role its field plays in the label set's built-in schema (fields/roles.h), so a user's schema with its
// own names is filled too; labels of a set with no built-in schema fill the field of the same path. Labels
// without a field in the schema are skipped.
std::vector<Candidate> field_candidates(const NerModel& model, const doc::Document& document,
                                        const fields::Schema& schema);

// Fills extraction.fields from the candidates; a field whose candidates all fail to normalise stays null
// and gets an "unreadable_value" warning.
void fill_from_candidates(const std::vector<Candidate>& candidates, const fields::Schema& schema,
                          const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::ner
