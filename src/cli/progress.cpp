#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace textra::cli {

ProgressBar::ProgressBar(std::size_t total, std::string what)
    : total_(total), what_(std::move(what)), enabled_(total >= 2 && isatty(STDERR_FILENO) == 1) {
  if (enabled_) draw();
}

ProgressBar::~ProgressBar() {
  if (enabled_) std::fputc('\n', stderr);
}

void ProgressBar::step(bool failed) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  if (failed) ++failed_;
  if (enabled_) draw();
}

void ProgressBar::print(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (enabled_) std::fputs("\r\033[K", stderr);  // back to column 0, clear the bar
  std::fprintf(stderr, "%s\n", line.c_str());
  if (enabled_) draw();
}

void ProgressBar::draw() {
  constexpr int kWidth = 30;
  int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done_ / total_);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r[%s] %zu/%zu %s", bar.c_str(), done_, total_, what_.c_str());
  if (failed_ > 0) std::fprintf(stderr, ", %zu failed", failed_);
  if (seconds > 0 && done_ > 0) std::fprintf(stderr, ", %.2f/s", static_cast<double>(done_) / seconds);
  std::fflush(stderr);
}

}  // namespace textra::cli
