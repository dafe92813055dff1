// Word labels for an OCR'd invoice from our ground truth (../shared/data/invoices-fr/gt/*.json): for
// every label of the set that names a schema field, the field's printed `raw` value (else its
// normalised value) is located among the page's words with fields::locate (the provenance matcher:
// edit distance on letters and digits >= 0.8 similarity; dates and amounts also match words that parse
// to the same value), and those words get the label. Values not found leave their words unlabelled.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "doc/document.h"
#include "fields/schema.h"
#include "ner/dataset.h"
#include "ner/label_set.h"

namespace textra::ner {

// Labels for the first page of `document` (the invoices are one page each).
LabelledPage ground_truth_labelled_page(const doc::Document& document, const nlohmann::json& ground_truth,
                                        const LabelSet& labels, const fields::Schema& schema);

// True when the JSON is one of our ground-truth files (file, fields, raw).
bool is_ground_truth(const nlohmann::json& j);

}  // namespace textra::ner
