// A labelled document: the document JSON of docs/formats.md (what `textra ocr -f json` writes) whose
// words carry the name of their label ("label", absent for the outside class), marked by a top-level
// "label_set" naming the set the names belong to. It keeps the page's lines as drawn or recognised, so
// a model trains on the same line structure it sees at inference. `textra synth invoices` writes it;
// `textra train --data` reads it (a file, or a folder of them). One page per file.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "ner/dataset.h"

namespace textra::ner {

bool is_labelled_document(const nlohmann::json& j);
Result<LabelledPage> parse_labelled_document(const nlohmann::json& j, const std::string& name);
// `labels` has one entry per word of `page` (in word-id order).
nlohmann::json to_labelled_document(const LabelledPage& page, const std::string& label_set);

}  // namespace textra::ner
