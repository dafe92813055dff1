// Where model files (shipped CRF models, downloaded PP-OCR networks) are found: one search order for every
// module, so `textra` finds its models the same way from a build tree, an install or a $TEXTRA_MODELS folder.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace textra {

// The folders searched, in order: $TEXTRA_MODELS, then next to the executable models/, ../models,
// ../share/textra/models, then the source tree's models/ (a build run from the checkout).
std::vector<std::string> model_search_dirs();

// The path of `relative` (e.g. "ppocr/ppocr_keys_v1.txt") in the first folder that has it, or not_found naming
// the file, the folders tried and `remedy` (what the user should do).
Result<std::string> find_model_file(const std::string& relative,
                                    const std::string& remedy = "run scripts/setup to fetch the models");

}  // namespace textra
