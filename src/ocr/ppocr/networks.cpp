#include "ocr/ppocr/networks.h"

#include <filesystem>
#include <map>
#include <mutex>

#include "base/model_paths.h"

namespace textra::ocr::ppocr {
namespace {

constexpr const char* kRemedy = "run scripts/setup (or scripts/fetch-ppocr-models) to fetch the PP-OCR models";

Result<std::string> locate(const std::string& dir, const std::string& file) {
  if (dir.empty()) return find_model_file(std::string("ppocr/") + file, kRemedy);
  std::string path = (std::filesystem::path(dir) / file).string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return not_found("PP-OCR model file " + path + " not found; " + kRemedy);
  return path;
}

Result<std::shared_ptr<const nn::Model>> load_model(const std::string& dir, const std::string& file) {
  TEXTRA_ASSIGN_OR_RETURN(std::string path, locate(dir, file));
  auto model = nn::Model::load(path);
  if (!model.is_ok()) {
    return Status(model.status().code(), model.status().message() + "; " + kRemedy + " again if the file is damaged");
  }
  return model;
}

Result<std::shared_ptr<const Networks>> load_from(const std::string& dir) {
  auto networks = std::make_shared<Networks>();
  TEXTRA_ASSIGN_OR_RETURN(networks->detector, load_model(dir, kDetectorFile));
  TEXTRA_ASSIGN_OR_RETURN(networks->classifier, load_model(dir, kClassifierFile));
  TEXTRA_ASSIGN_OR_RETURN(networks->recognizer, load_model(dir, kRecognizerFile));
  TEXTRA_ASSIGN_OR_RETURN(std::string keys_path, locate(dir, kKeysFile));
  TEXTRA_ASSIGN_OR_RETURN(networks->keys, Keys::load(keys_path));
  return std::shared_ptr<const Networks>(std::move(networks));
}

}  // namespace

bool networks_installed() {
  for (const char* file : {kDetectorFile, kClassifierFile, kRecognizerFile, kKeysFile}) {
    if (!locate("", file).is_ok()) return false;
  }
  return true;
}

Result<std::shared_ptr<const Networks>> load_networks(const std::string& dir) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Networks>> loaded;
  // Held while loading: engines created at once by several workers wait for one load instead of each
  // reading the files.
  std::lock_guard<std::mutex> lock(mutex);
  auto it = loaded.find(dir);
  if (it != loaded.end()) return it->second;
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const Networks> networks, load_from(dir));
  loaded.emplace(dir, networks);
  return networks;
}

}  // namespace textra::ocr::ppocr
