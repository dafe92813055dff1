#include "server/store_outage.h"

#include <algorithm>
#include <iomanip>

#include "base/log.h"

namespace textra::server {

bool StoreOutage::note(const Status& status) {
  bool unavailable = status.code() == ErrorCode::kUnavailable;
  std::lock_guard<std::mutex> lock(mutex_);
  if (unavailable) {
    if (failed_tries_++ == 0) {
      since_ = std::chrono::steady_clock::now();
      ever_failed_ = true;
      LOG_WARN("job queue: store unavailable (" << status.message() << "); retrying every "
               << first_wait_.count() << " ms to " << kLongestWait.count() << " ms until it answers");
    }
    return true;
  }
  if (failed_tries_ > 0) {
    auto now = std::chrono::steady_clock::now();
    std::chrono::duration<double> down = now - since_;
    LOG_WARN("job queue: store reachable again after " << std::fixed << std::setprecision(1) << down.count()
             << " s");
    failed_tries_ = 0;
    since_ = now;
  }
  return false;
}

std::chrono::milliseconds StoreOutage::retry_wait() {
  std::lock_guard<std::mutex> lock(mutex_);
  int doublings = std::clamp(failed_tries_ - 1, 0, 16);
  return std::min(kLongestWait, first_wait_ * (1 << doublings));
}

bool StoreOutage::answering_for(std::chrono::seconds at_least) {
  std::lock_guard<std::mutex> lock(mutex_);
  return !ever_failed_ || (failed_tries_ == 0 && std::chrono::steady_clock::now() - since_ >= at_least);
}

}  // namespace textra::server
