#include "imaging/leptonica_messages.h"

#include <leptonica/allheaders.h>

#include <mutex>
#include <string>

#include "base/log.h"

namespace textra::imaging {
namespace {

void to_debug_log(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && text.back() == '\n') text.pop_back();
  LOG_DEBUG("leptonica: " << text);
}

}  // namespace

void route_leptonica_messages_to_log() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler(to_debug_log); });
}

}  // namespace textra::imaging
