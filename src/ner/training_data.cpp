#include "ner/training_data.h"

#include <filesystem>

#include "ner/sroie.h"

namespace textra::ner {

Result<std::vector<LabelledPage>> load_sroie_split(const std::string& dir, const std::string& split) {
  std::vector<std::string> ids;
  if (split == "all") {
    for (const char* part : {"train", "test"}) {
      TEXTRA_ASSIGN_OR_RETURN(std::vector<std::string> some, sroie_split(dir, part));
      ids.insert(ids.end(), some.begin(), some.end());
    }
  } else {
    TEXTRA_ASSIGN_OR_RETURN(ids, sroie_split(dir, split));
  }
  std::vector<LabelledPage> pages;
  for (const std::string& id : ids) {
    TEXTRA_ASSIGN_OR_RETURN(SroieDocument d, load_sroie_document(dir, id));
    pages.push_back(sroie_labelled_page(d));
  }
  return pages;
}

Result<std::vector<LabelledPage>> load_training_data(const std::string& path, const TrainingDataOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (fs::is_directory(path + "/box", ec) && fs::is_directory(path + "/key", ec)) {
      return load_sroie_split(path, options.split);
    }
    return unsupported(path + ": not a training data folder (expected a SROIE folder with box/ and key/)");
  }
  return unsupported(path + ": unknown training data format");
}

}  // namespace textra::ner
