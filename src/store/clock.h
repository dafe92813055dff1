// Wall-clock times as the store writes them: queue times in milliseconds since the Unix epoch (compared
// across processes, so not a steady clock), creation times as ISO 8601 UTC text.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>

namespace textra::store {

inline std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

}  // namespace textra::store
