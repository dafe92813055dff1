#include "base/model_paths.h"

#include <cstdlib>
#include <filesystem>

namespace textra {

std::vector<std::string> model_search_dirs() {
  namespace fs = std::filesystem;
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("TEXTRA_MODELS"); env != nullptr && *env != '\0') dirs.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path bin = exe.parent_path();
    for (const char* rel : {"models", "../models", "../share/textra/models"}) dirs.push_back((bin / rel).string());
  }
  dirs.emplace_back(TEXTRA_SOURCE_MODELS_DIR);
  return dirs;
}

Result<std::string> find_model_file(const std::string& relative, const std::string& remedy) {
  namespace fs = std::filesystem;
  std::string tried;
  std::error_code ec;
  for (const std::string& dir : model_search_dirs()) {
    fs::path candidate = fs::path(dir) / relative;
    if (fs::is_regular_file(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
    tried += (tried.empty() ? "" : ", ") + dir;
  }
  return not_found("model file " + relative + " not found (looked in " + tried + "); " + remedy);
}

}  // namespace textra
