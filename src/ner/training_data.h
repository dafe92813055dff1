// Reads training data from what the user points `textra train --data` at, whatever its format:
//   - a SROIE folder (box/, key/, split.json): the pages of one split; with `sroie_images`, also our own
//     OCR of the split's images in img/, labelled from the same keys, so the model learns the words
//     and lines our OCR gives (glued words, misreads, a line cut in two) as well as the clean ones;
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
  // SROIE folders: add the OCR (through `recognise`) of each split image found in img/ as a second page.
  bool sroie_images = false;
};

Result<std::vector<LabelledPage>> load_training_data(const std::string& path, const TrainingDataOptions& options);

// The documents of a SROIE split as labelled pages (ground-truth box lines, labels from the keys), then,
// with options.sroie_images, the OCR'd pages of the split's images.
Result<std::vector<LabelledPage>> load_sroie_split(const std::string& dir, const TrainingDataOptions& options);

}  // namespace textra::ner
