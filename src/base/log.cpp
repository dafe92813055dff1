#include "base/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace textra::log {
namespace {

Level level_from_env() {
  const char* env = std::getenv("TEXTRA_LOG");
  if (env == nullptr) return Level::kWarn;
  if (std::strcmp(env, "error") == 0) return Level::kError;
  if (std::strcmp(env, "info") == 0) return Level::kInfo;
  if (std::strcmp(env, "debug") == 0) return Level::kDebug;
  return Level::kWarn;
}

std::atomic<int>& level_storage() {
  static std::atomic<int> level{static_cast<int>(level_from_env())};
  return level;
}

const char* level_name(Level level) {
  switch (level) {
    case Level::kError: return "error";
    case Level::kWarn: return "warning";
    case Level::kInfo: return "info";
    case Level::kDebug: return "debug";
  }
  return "";
}

}  // namespace

Level current_level() { return static_cast<Level>(level_storage().load(std::memory_order_relaxed)); }
void set_level(Level level) { level_storage().store(static_cast<int>(level)); }

void write(Level level, const std::string& message) {
  static std::mutex mutex;  // keeps lines from different threads whole
  std::lock_guard<std::mutex> lock(mutex);
  std::fprintf(stderr, "textra: %s: %s\n", level_name(level), message.c_str());
}

}  // namespace textra::log
