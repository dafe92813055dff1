// The server's extraction workers. The jobs themselves live in the store (store.h: durable, one per
// document, job id = document id), so a restart takes up what was queued or running; this class only
// claims them, runs them on a fixed set of threads, settles them (result, retry or dead) and wakes the
// requests that wait for one. With no threads it runs nothing: other processes take the jobs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace textra::server {

struct JobQueueOptions {
  std::size_t workers = 1;
  store::RetryPolicy retry;
  int lease_s = 3600;       // how long a claim holds without the worker's word (no heartbeat in-process)
  int idle_poll_ms = 500;   // how often idle workers look for due retries and jobs enqueued elsewhere
  std::string worker_name;  // prefix of the workers' names in the store (host and pid by default)
};

class JobQueue {
 public:
  // Runs one claimed job: its result JSON, or an error.
  using Work = std::function<Result<nlohmann::json>(const store::ClaimedJob&)>;

  JobQueue(store::Store& store, Work work, JobQueueOptions options);
  ~JobQueue();  // stops the workers after their current job

  // A job was enqueued: wakes an idle worker now rather than at its next poll.
  void wake();
  // Blocks until the job of document id is settled (extracted, reviewed or dead) or timeout_s passes;
  // returns the document as it then is.
  Result<store::DocumentRecord> wait(std::int64_t id, int timeout_s);

  // Whether an error is worth another try: failures of the machine, not of the document.
  static bool retryable(ErrorCode code);

 private:
  void worker_loop(const std::string& name);
  void run_one(const std::string& name, const store::ClaimedJob& job);

  // Constant after construction.
  store::Store& store_;
  const Work work_;
  const JobQueueOptions options_;

  std::mutex mutex_;  // guards stopping_ and the waits on the two condition variables
  std::condition_variable work_ready_, job_settled_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace textra::server
