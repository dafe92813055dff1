#include "llm/sampling/text_stream.h"

#include <algorithm>

namespace textra::llm {
namespace {

// Length of the longest prefix of s that ends on a UTF-8 character boundary with every character complete.
size_t complete_utf8_prefix(std::string_view s) {
  size_t i = s.size();
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  size_t back = 0;
  while (back < 4 && i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xc0) == 0x80) {
    --i;
    ++back;
  }
  if (i == 0) return back == 0 ? 0 : s.size();  // only continuation bytes: invalid, release as is
  const auto lead = static_cast<unsigned char>(s[i - 1]);
  size_t need = 1;
  if (lead >= 0xf0) need = 4;
  else if (lead >= 0xe0) need = 3;
  else if (lead >= 0xc0) need = 2;
  else return s.size();  // ASCII lead: everything is complete
  return back + 1 >= need ? s.size() : i - 1;
}

}  // namespace

TextStream::TextStream(std::vector<std::string> stop_strings) : stops_(std::move(stop_strings)) {
  std::erase_if(stops_, [](const std::string& s) { return s.empty(); });
}

std::string TextStream::push(std::string_view piece) {
  if (stopped_) return {};
  pending_ += piece;
  size_t release = pending_.size();
  for (const std::string& stop : stops_) {
    const size_t at = pending_.find(stop);
    if (at != std::string::npos) {
      release = std::min(release, at);
      stopped_ = true;
    }
  }
  if (stopped_) {
    std::string out = pending_.substr(0, release);
    released_ += out;
    pending_.clear();
    return out;
  }
  // Hold back a tail that is a prefix of some stop string.
  for (const std::string& stop : stops_) {
    for (size_t len = std::min(stop.size() - 1, pending_.size()); len > 0; --len) {
      if (pending_.compare(pending_.size() - len, len, stop, 0, len) == 0) {
        release = std::min(release, pending_.size() - len);
        break;
      }
    }
  }
  release = complete_utf8_prefix(std::string_view(pending_).substr(0, release));
  std::string out = pending_.substr(0, release);
  pending_.erase(0, release);
  released_ += out;
  return out;
}

std::string TextStream::finish() {
  if (stopped_) return {};
  std::string out = pending_.substr(0, complete_utf8_prefix(pending_));
  pending_.clear();
  released_ += out;
  return out;
}

}  // namespace textra::llm
