// The original Textra project's training format (../shared/data/invoices-fr/textra-format/README.md):
// a JSON array of {file_name, width, height, annotations: [{box: [x0, y0, x1, y1] in percent of the
// image, text, label: id}]}, label ids being the invoice set's (0 InvNum ... 6 Autre).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ner/dataset.h"
#include "ner/label_set.h"

namespace textra::ner {

// True when the JSON looks like this format (an array whose objects have file_name and annotations).
bool is_textra_format(const nlohmann::json& j);
// `labels` gives the meaning of the ids (the built-in invoice set for the original files).
Result<std::vector<LabelledPage>> parse_textra_format(const nlohmann::json& j, const LabelSet& labels,
                                                      const std::string& name);

// Pages in this format: one annotation per run of same-label words in a line; ids from `labels`
// (the outside class for unlabelled words). Fails on a label name the set does not have.
Result<nlohmann::json> to_textra_format(const std::vector<LabelledPage>& pages, const LabelSet& labels);

}  // namespace textra::ner
