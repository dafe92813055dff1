// What a failed try of a job leads to, the same in every back end: another try after a backoff, or dead.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "base/status.h"
#include "store/clock.h"
#include "store/store.h"

namespace textra::store {

// The error of a job whose worker stopped during it (killed, crashed, machine lost): its lease ran out.
inline constexpr const char* kWorkerLostMessage = "the worker stopped during the job (killed, crashed or lost)";

struct FailureOutcome {
  std::string status;           // "failed" (will retry) or "dead"
  std::string message;          // the error as the document shows it
  std::int64_t run_after_ms = 0;  // when a retry may be claimed
};

// attempts: tries so far, this one included. Backoff before retry k: backoff_ms * 2^(k-1), at most 5 min.
inline FailureOutcome failure_outcome(std::int64_t attempts, const Status& error, bool retry,
                                      const RetryPolicy& policy) {
  constexpr std::int64_t kMaxBackoffMs = 5 * 60 * 1000;
  if (retry && attempts < policy.max_attempts) {
    std::int64_t wait = policy.backoff_ms;
    for (std::int64_t i = 1; i < attempts && wait < kMaxBackoffMs; ++i) wait *= 2;
    return {"failed", error.message(), now_ms() + std::min(wait, kMaxBackoffMs)};
  }
  std::string message = error.message();
  if (retry) message = "gave up after " + std::to_string(attempts) + " tries: " + message;
  return {"dead", message, 0};
}

}  // namespace textra::store
