#include "cli/output_files.h"

#include <filesystem>
#include <set>

namespace textra::cli {

namespace fs = std::filesystem;

std::vector<std::string> output_paths(const std::vector<std::string>& files, const std::string& dir,
                                      const std::string& extension) {
  std::vector<std::string> paths;
  std::set<std::string> taken;
  for (const std::string& file : files) {
    std::string stem = fs::path(file).stem().string();
    std::string name = stem + extension;
    for (int n = 2; !taken.insert(name).second; ++n) name = stem + "-" + std::to_string(n) + extension;
    paths.push_back((fs::path(dir) / name).string());
  }
  return paths;
}

Status create_output_directory(const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return io_error(dir + ": cannot create the output directory: " + error.message());
  return Status::ok();
}

}  // namespace textra::cli
