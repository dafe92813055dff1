// Minimal leveled logging to stderr. Level from TEXTRA_LOG (error|warn|info|debug), default warn.
#pragma once

#include <sstream>
#include <string>

namespace textra::log {

enum class Level { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

Level current_level();
void set_level(Level level);
void write(Level level, const std::string& message);

}  // namespace textra::log

#define TEXTRA_LOG(level, expr)                                           \
  do {                                                                    \
    if (static_cast<int>(level) <= static_cast<int>(::textra::log::current_level())) { \
      std::ostringstream textra_log_stream_;                              \
      textra_log_stream_ << expr;                                         \
      ::textra::log::write(level, textra_log_stream_.str());              \
    }                                                                     \
  } while (0)
#define LOG_ERROR(expr) TEXTRA_LOG(::textra::log::Level::kError, expr)
#define LOG_WARN(expr) TEXTRA_LOG(::textra::log::Level::kWarn, expr)
#define LOG_INFO(expr) TEXTRA_LOG(::textra::log::Level::kInfo, expr)
#define LOG_DEBUG(expr) TEXTRA_LOG(::textra::log::Level::kDebug, expr)
