// Whether the store answers, as seen by the threads of one job queue: an outage (a database restarted or
// unreachable: kUnavailable) is logged once when it begins and once when it ends, not at every retry, and
// the threads wait longer and longer between tries while it lasts.
#pragma once

#include <chrono>
#include <mutex>

#include "base/status.h"

namespace textra::server {

class StoreOutage {
 public:
  // first_wait: the wait after the first failed try, doubled after each further one up to kLongestWait.
  explicit StoreOutage(std::chrono::milliseconds first_wait) : first_wait_(first_wait) {}

  static constexpr std::chrono::milliseconds kLongestWait{5000};

  // Records what a store call answered; true when it was an outage (the caller then waits retry_wait()),
  // false for success and for errors that are not the store's unavailability (the caller reports those).
  bool note(const Status& status);
  // How long to wait before the next try while the store is away.
  std::chrono::milliseconds retry_wait();
  // Whether the store answered without a break for at least this long (forever when it never failed).
  bool answering_for(std::chrono::seconds at_least);

 private:
  const std::chrono::milliseconds first_wait_;
  std::mutex mutex_;  // guards the fields below
  int failed_tries_ = 0;  // 0: the store answers
  std::chrono::steady_clock::time_point since_;  // when the outage began, or when the last one ended
  bool ever_failed_ = false;
};

}  // namespace textra::server
