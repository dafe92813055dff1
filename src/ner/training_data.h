// Reads training data from what the user points `textra train --data` at, whatever its format:
//   - a SROIE folder (box/, key/, split.json): the pages of one split;
//   - a Textra training-format JSON file (array of {file_name, width, height, annotations});
//   - a Label Studio JSON export (array of tasks with annotations);
//   - labelled documents (ner/labelled_document.h, what `textra synth invoices` writes): a file or a folder;
//   - our ground truth: a folder of (or one) gt JSON files, with the images in ../img/ (OCR'd through
//     the `recognise` callback, so this module does not depend on OCR).
// Formats are told apart by content, not by file name.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "ner/dataset.h"
#include "ner/label_set.h"

namespace textra::ner {

struct TrainingDataOptions {
  std::string split = "train";  // SROIE folders: "train", "test" or "all"
  LabelSet labels;              // meaning of the Textra format's label ids; the fields ground truth labels
  // Document of an image (OCR); needed for ground-truth folders only.
  std::function<Result<doc::Document>(const std::string& image_path)> recognise;
  // Ground-truth file stems to leave out (cross-validation folds); empty = none.
  std::vector<std::string> exclude;
};

Result<std::vector<LabelledPage>> load_training_data(const std::string& path, const TrainingDataOptions& options);

// The documents of a SROIE split as labelled pages (ground-truth box lines, labels from the keys).
Result<std::vector<LabelledPage>> load_sroie_split(const std::string& dir, const std::string& split);

}  // namespace textra::ner
