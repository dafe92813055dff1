// Reads training data from what the user points `textra train --data` at, whatever its format:
//   - a SROIE folder (box/, key/, split.json): the pages of one split;
//   - a Textra training-format JSON file (array of {file_name, width, height, annotations});
//   - a Label Studio JSON export (array of tasks with annotations).
// Formats are told apart by content, not by file name.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ner/dataset.h"

namespace textra::ner {

struct TrainingDataOptions {
  std::string split = "train";  // SROIE folders: "train", "test" or "all"
};

Result<std::vector<LabelledPage>> load_training_data(const std::string& path, const TrainingDataOptions& options);

// The documents of a SROIE split as labelled pages (ground-truth box lines, labels from the keys).
Result<std::vector<LabelledPage>> load_sroie_split(const std::string& dir, const std::string& split);

}  // namespace textra::ner
