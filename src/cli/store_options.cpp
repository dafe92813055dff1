#include "cli/store_options.h"

#include <cstdlib>

namespace textra::cli {

void add_store_option(CLI::App& cmd, std::string& url) {
  cmd.add_option("--store", url, "Document store: sqlite:DIR or postgresql://USER@HOST:PORT/DB")->required();
}

Result<std::unique_ptr<store::Store>> open_store(const std::string& url) {
  std::string cache;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    cache = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    cache = std::string(home) + "/.cache";
  } else {
    cache = "/tmp";
  }
  return store::Store::open_url(url, cache + "/textra/originals");
}

}  // namespace textra::cli
