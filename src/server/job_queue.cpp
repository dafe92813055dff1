#include "server/job_queue.h"

#include <unistd.h>

#include <chrono>

#include "base/log.h"

namespace textra::server {
namespace {

bool settled(const std::string& status) { return status == "extracted" || status == "reviewed" || status == "dead"; }

std::string default_worker_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace

JobQueue::JobQueue(store::Store& store, Work work, JobQueueOptions options)
    : store_(store), work_(std::move(work)), options_(std::move(options)) {
  std::string prefix = options_.worker_name.empty() ? default_worker_name() : options_.worker_name;
  for (std::size_t i = 0; i < options_.workers; ++i) {
    // Each thread has its own name, so the store's fencing tells the threads of one process apart too.
    workers_.emplace_back([this, name = prefix + "/" + std::to_string(i + 1)] { worker_loop(name); });
  }
}

JobQueue::~JobQueue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  job_settled_.notify_all();
  for (auto& t : workers_) t.join();
}

bool JobQueue::retryable(ErrorCode code) {
  return code == ErrorCode::kIo || code == ErrorCode::kUnavailable || code == ErrorCode::kInternal;
}

void JobQueue::wake() { work_ready_.notify_one(); }

Result<store::DocumentRecord> JobQueue::wait(std::int64_t id, int timeout_s) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(store::DocumentRecord record, store_.document(id));
    auto now = std::chrono::steady_clock::now();
    if (settled(record.status) || now >= deadline) return record;
    // Local workers signal; jobs settled by other processes are seen at the next poll.
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return record;
    job_settled_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(
                                    deadline - now, std::chrono::milliseconds(options_.idle_poll_ms)));
  }
}

void JobQueue::worker_loop(const std::string& name) {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    auto job = store_.claim_job(name, options_.lease_s);
    if (!job) LOG_WARN("job queue: " << job.status().message());
    if (job && *job) {
      run_one(name, **job);
      continue;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    work_ready_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll_ms));
  }
}

void JobQueue::run_one(const std::string& name, const store::ClaimedJob& job) {
  Result<nlohmann::json> result = work_(job);
  Result<bool> held = result ? store_.complete_job(job.id, name, *result)
                             : store_.fail_job(job.id, name, result.status(), retryable(result.status().code()),
                                               options_.retry);
  if (!held) {
    LOG_WARN("job " << job.id << ": " << held.status().message());
  } else if (!*held) {
    LOG_WARN("job " << job.id << ": no longer held by " << name << " (removed or recovered); result dropped");
  }
  job_settled_.notify_all();
}

}  // namespace textra::server
