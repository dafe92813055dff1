#include "base/shared_paths.h"

#include <cstdlib>
#include <filesystem>

namespace textra {

std::string shared_dir() {
  const char* env = std::getenv("TEXTRA_SHARED");
  std::string dir = env != nullptr ? env : TEXTRA_SHARED_DIR_DEFAULT;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return "";
  return std::filesystem::absolute(dir, ec).string();
}

}  // namespace textra
