#include "server/job_queue.h"

#include <unistd.h>

#include <chrono>

#include "base/log.h"
#include "store/clock.h"

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
    : store_(store), work_(std::move(work)), options_(std::move(options)),
      outage_(std::chrono::milliseconds(options_.idle_poll_ms)) {
  std::string prefix = options_.worker_name.empty() ? default_worker_name() : options_.worker_name;
  if (options_.workers == 0) return;
  for (std::size_t i = 0; i < options_.workers; ++i) {
    // Each thread has its own name, so the store's fencing tells the threads of one process apart too.
    threads_.emplace_back([this, name = prefix + "/" + std::to_string(i + 1)] { worker_loop(name); });
  }
  threads_.emplace_back([this] { maintenance_loop(); });
  if (store_.shared_by_processes()) threads_.emplace_back([this] { listener_loop(); });
}

JobQueue::~JobQueue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  job_settled_.notify_all();
  stop_requested_.notify_all();
  for (auto& t : threads_) t.join();
}

bool JobQueue::retryable(ErrorCode code) {
  return code == ErrorCode::kIo || code == ErrorCode::kUnavailable || code == ErrorCode::kInternal ||
         code == ErrorCode::kBusy;  // e.g. no generation slot came in time
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
    bool store_away = outage_.note(job.status());
    if (!job && !store_away) LOG_WARN("job queue: " << job.status().message());
    if (job && *job) {
      run_one(name, **job);
      continue;
    }
    if (store_away) {  // no wake-up shortens this wait: the store is what we wait for
      if (!pause(outage_.retry_wait())) return;
      continue;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) return;
    work_ready_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll_ms));
  }
}

bool JobQueue::pause(std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mutex_);
  return !stop_requested_.wait_for(lock, wait, [this] { return stopping_; });
}

void JobQueue::run_one(const std::string& name, const store::ClaimedJob& job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    in_progress_[name] = job.id;
  }
  Result<nlohmann::json> result = work_(job);
  auto settle = [&] {
    return result ? store_.complete_job(job.id, name, *result)
                  : store_.fail_job(job.id, name, result.status(), retryable(result.status().code()), options_.retry);
  };
  // While the store is away the outcome waits here. The job stays in progress until it is settled, so the
  // heartbeats renew its lease as soon as the store is back: else, with the retries' longer waits, other
  // workers would take back a finished job whose result is about to be saved, and run it again. (Should
  // its lease run out anyway, the fenced update answers false and the job is another worker's.)
  Result<bool> held = settle();
  while (outage_.note(held.status()) && pause(outage_.retry_wait())) held = settle();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    in_progress_.erase(name);
  }
  if (!held) {
    LOG_WARN("job " << job.id << ": " << held.status().message());
  } else if (!*held) {
    LOG_WARN("job " << job.id << ": no longer held by " << name << " (removed or recovered); result dropped");
  }
  job_settled_.notify_all();
}

void JobQueue::maintenance_loop() {
  auto heartbeat = std::chrono::milliseconds(std::max(100, options_.lease_s * 1000 / 3));
  for (;;) {
    std::map<std::string, std::int64_t> running;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      stop_requested_.wait_for(lock, heartbeat, [this] { return stopping_; });
      if (stopping_) return;
      running = in_progress_;
    }
    for (const auto& [name, id] : running) {
      auto renewed = store_.renew_lease(id, name, options_.lease_s);
      if (!outage_.note(renewed.status()) && !renewed) {
        LOG_WARN("job " << id << ": lease not renewed: " << renewed.status().message());
      }
    }
    // Jobs of workers that stopped answering (killed, machine lost) go back to the queue, or dead. Not
    // during a lease after an outage: the live workers' heartbeats failed too, and need a beat to catch up.
    if (!outage_.answering_for(std::chrono::seconds(options_.lease_s))) continue;
    auto rescued = store_.recover_jobs(options_.retry, store::now_ms());
    if (outage_.note(rescued.status())) continue;
    if (!rescued) {
      LOG_WARN("job queue: " << rescued.status().message());
    } else if (*rescued > 0) {
      LOG_WARN("job queue: took back " << *rescued << " jobs whose worker stopped answering");
      work_ready_.notify_all();
    }
  }
}

void JobQueue::listener_loop() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    auto notified = store_.wait_for_jobs(options_.idle_poll_ms);
    bool store_away = outage_.note(notified.status());
    if (notified && *notified) work_ready_.notify_all();
    if (!notified) {  // the database is away: the workers poll meanwhile; try again a little later
      pause(store_away ? outage_.retry_wait() : std::chrono::milliseconds(options_.idle_poll_ms));
    }
  }
}

}  // namespace textra::server
