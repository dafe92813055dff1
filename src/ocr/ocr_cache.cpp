#include "ocr/ocr_cache.h"

#include <filesystem>
#include <system_error>

#include "base/files.h"
#include "doc/json.h"

namespace textra::ocr {

std::string OcrCache::path_for(const std::string& image) const {
  return (std::filesystem::path(folder_) / (std::filesystem::path(image).stem().string() + ".json")).string();
}

std::optional<Result<doc::Document>> OcrCache::find(const std::string& image) const {
  if (folder_.empty()) return std::nullopt;
  const std::string path = path_for(image);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return std::nullopt;
  return doc::read_document_file(path);
}

Status OcrCache::store(const std::string& image, const doc::Document& document) const {
  if (folder_.empty()) return Status::ok();
  std::error_code error;
  std::filesystem::create_directories(folder_, error);
  if (error) return io_error("OCR cache folder " + folder_ + ": " + error.message());
  return write_file(path_for(image), doc::to_json(document).dump());
}

}  // namespace textra::ocr
