#include "ner/training_data.h"

#include <algorithm>
#include <filesystem>

#include "base/files.h"
#include "fields/schema.h"
#include "ner/ground_truth.h"
#include "ner/label_studio.h"
#include "ner/labelled_document.h"
#include "ner/sroie.h"
#include "ner/textra_format.h"

namespace textra::ner {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxJsonBytes = 256u << 20;

Result<nlohmann::json> read_json(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(path, kMaxJsonBytes));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return corrupt(path + ": not valid JSON");
  return j;
}

Result<LabelledPage> ground_truth_page(const std::string& path, const nlohmann::json& gt, const TrainingDataOptions& options) {
  if (!options.recognise) return invalid_argument(path + ": ground truth needs OCR of its image");
  if (!gt["file"].is_string()) return corrupt(path + ": \"file\" is not a string");
  fs::path image = fs::path(path).parent_path() / ".." / "img" / gt["file"].get<std::string>();
  TEXTRA_ASSIGN_OR_RETURN(doc::Document document, options.recognise(image.lexically_normal().string()));
  // The invoice schema describes our ground truth whatever label set is trained.
  TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, fields::builtin_schema("invoice"));
  return ground_truth_labelled_page(document, gt, options.labels, schema);
}

}  // namespace

Result<std::vector<LabelledPage>> load_sroie_split(const std::string& dir, const TrainingDataOptions& options) {
  if (options.sroie_images && !options.recognise) return invalid_argument(dir + ": training on SROIE images needs OCR");
  std::vector<std::string> ids;
  if (options.split == "all") {
    for (const char* part : {"train", "test"}) {
      TEXTRA_ASSIGN_OR_RETURN(std::vector<std::string> some, sroie_split(dir, part));
      ids.insert(ids.end(), some.begin(), some.end());
    }
  } else {
    TEXTRA_ASSIGN_OR_RETURN(ids, sroie_split(dir, options.split));
  }
  std::vector<LabelledPage> pages;
  std::vector<SroieDocument> with_image;
  for (const std::string& id : ids) {
    TEXTRA_ASSIGN_OR_RETURN(SroieDocument d, load_sroie_document(dir, id));
    pages.push_back(sroie_labelled_page(d));
    std::error_code ec;
    if (options.sroie_images && fs::exists(sroie_image_path(dir, id), ec)) with_image.push_back(std::move(d));
  }
  for (const SroieDocument& d : with_image) {
    TEXTRA_ASSIGN_OR_RETURN(doc::Document document, options.recognise(sroie_image_path(dir, d.id)));
    for (const doc::Page& page : document.pages) pages.push_back({d.id, page, sroie_word_labels(page, d.key)});
  }
  return pages;
}

Result<std::vector<LabelledPage>> load_training_data(const std::string& path, const TrainingDataOptions& options) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (fs::is_directory(path + "/box", ec) && fs::is_directory(path + "/key", ec)) {
      return load_sroie_split(path, options);
    }
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<LabelledPage> pages;
    for (const std::string& file : files) {
      if (std::find(options.exclude.begin(), options.exclude.end(), fs::path(file).stem().string()) != options.exclude.end()) continue;
      TEXTRA_ASSIGN_OR_RETURN(nlohmann::json j, read_json(file));
      if (is_labelled_document(j)) {
        TEXTRA_ASSIGN_OR_RETURN(LabelledPage page, parse_labelled_document(j, file));
        pages.push_back(std::move(page));
        continue;
      }
      if (!is_ground_truth(j)) return unsupported(file + ": not a ground-truth file (file, fields, raw) nor a labelled document");
      TEXTRA_ASSIGN_OR_RETURN(LabelledPage page, ground_truth_page(file, j, options));
      pages.push_back(std::move(page));
    }
    if (pages.empty()) {
      return unsupported(path + ": no training data (expected a SROIE folder, ground-truth or labelled-document JSON files)");
    }
    return pages;
  }
  TEXTRA_ASSIGN_OR_RETURN(nlohmann::json j, read_json(path));
  if (is_textra_format(j)) return parse_textra_format(j, options.labels, path);
  if (is_label_studio_export(j)) return parse_label_studio_export(j, path);
  if (is_labelled_document(j)) {
    TEXTRA_ASSIGN_OR_RETURN(LabelledPage page, parse_labelled_document(j, path));
    return std::vector<LabelledPage>{std::move(page)};
  }
  if (is_ground_truth(j)) {
    TEXTRA_ASSIGN_OR_RETURN(LabelledPage page, ground_truth_page(path, j, options));
    return std::vector<LabelledPage>{std::move(page)};
  }
  return unsupported(path + ": unknown training data format (Textra format, Label Studio export, ground truth)");
}

}  // namespace textra::ner
