// A bounded queue of extraction jobs run by a fixed set of workers. A full queue refuses new work (the
// server answers 429) instead of growing without bound. Jobs keep their state for GET /v1/jobs/{id}.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

namespace textra::server {

struct JobState {
  std::string id;
  std::string state;  // "queued", "running", "done", "failed"
  nlohmann::json result;  // result JSON when done, {"error": ...} when failed
};

class JobQueue {
 public:
  using Work = std::function<nlohmann::json()>;  // returns the job's result; errors as {"error": ...}

  JobQueue(std::size_t workers, std::size_t capacity);
  ~JobQueue();

  // nullopt when the queue is full.
  std::optional<std::string> submit(Work work);
  std::optional<JobState> state(const std::string& id);
  // Blocks until the job is done or failed, or the timeout passes (then the job's current state).
  std::optional<JobState> wait(const std::string& id, int timeout_s);
  std::size_t queued() const;

 private:
  void worker_loop();

  struct Job {
    JobState state;
    Work work;
  };
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_, job_done_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;  // finished jobs are kept (bounded, oldest dropped)
  std::deque<std::string> finished_order_;
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace textra::server
