// Extraction workers (`textra serve`'s own, and `textra worker`). The jobs themselves live in the store
// (store.h: durable, one per document, job id = document id), so a restart takes up what was queued or
// running; this class only claims them, runs them on a fixed set of threads, settles them (result, retry
// or dead) and wakes the requests that wait for one. A maintenance thread renews the leases of the jobs
// in progress (the heartbeat) and gives back jobs whose lease ran out elsewhere (the rescuer); with a
// store shared by processes, a listener wakes idle workers on the store's notification. With no threads
// it runs nothing: other processes take the jobs. While the store is away (a database restart) every
// thread keeps retrying with a growing wait, a job's result is kept until it can be saved, and the outage
// is logged once.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "server/store_outage.h"
#include "store/store.h"

namespace textra::server {

struct JobQueueOptions {
  std::size_t workers = 1;
  store::RetryPolicy retry;
  int lease_s = 30;         // how long a claim holds without a heartbeat (renewed every lease_s / 3)
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
  void maintenance_loop();
  void listener_loop();
  // Waits up to `wait` or until the queue stops; false when it stops.
  bool pause(std::chrono::milliseconds wait);

  // Constant after construction.
  store::Store& store_;
  const Work work_;
  const JobQueueOptions options_;
  StoreOutage outage_;

  std::mutex mutex_;  // guards stopping_, in_progress_ and the waits on the condition variables
  std::condition_variable work_ready_, job_settled_, stop_requested_;
  bool stopping_ = false;
  std::map<std::string, std::int64_t> in_progress_;  // worker name -> job id it runs
  std::vector<std::thread> threads_;
};

}  // namespace textra::server
