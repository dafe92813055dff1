// A one-line progress bar on stderr for batch commands, drawn only when stderr is a terminal (so logs
// and pipes stay clean). Thread-safe: workers call step() as items finish.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace textra::cli {

class ProgressBar {
 public:
  // `what` names the items ("files"). Disabled when total < 2 or stderr is not a terminal.
  ProgressBar(std::size_t total, std::string what);
  ~ProgressBar();  // ends the line if anything was drawn
  void step(bool failed);
  // Prints one line of text (an error) on stderr without garbling the bar, then redraws the bar.
  void print(const std::string& line);
  bool enabled() const { return enabled_; }

 private:
  void draw();

  std::size_t total_;
  std::string what_;
  bool enabled_;
  std::size_t done_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
};

}  // namespace textra::cli
