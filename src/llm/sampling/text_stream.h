// Turns generated token pieces into text that is safe to show as it comes: only whole UTF-8 characters
// are released, and text that might be the start of a stop string is held back until it is known not
// to be. When a stop string appears, the text before it is released and the stream reports the stop.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace textra::llm {

class TextStream {
 public:
  explicit TextStream(std::vector<std::string> stop_strings = {});

  // Adds the bytes of one token; returns the text that can be shown now (possibly empty).
  std::string push(std::string_view piece);
  // Whether a stop string has been seen (further pushes return nothing).
  bool stopped() const { return stopped_; }
  // Everything still held back (at the end of generation; incomplete UTF-8 is dropped).
  std::string finish();
  // All text released so far, stop string excluded.
  const std::string& text() const { return released_; }

 private:
  std::vector<std::string> stops_;
  std::string pending_;
  std::string released_;
  bool stopped_ = false;
};

}  // namespace textra::llm
