#include "server/job_queue.h"

#include <chrono>

namespace textra::server {
namespace {
constexpr std::size_t kFinishedJobsKept = 1000;
}

JobQueue::JobQueue(std::size_t workers, std::size_t capacity) : capacity_(capacity) {
  if (workers == 0) workers = 1;
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { worker_loop(); });
}

JobQueue::~JobQueue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : workers_) t.join();
}

std::optional<std::string> JobQueue::submit(Work work) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (queue_.size() >= capacity_) return std::nullopt;
  auto job = std::make_shared<Job>();
  job->state.id = "job-" + std::to_string(next_id_++);
  job->state.state = "queued";
  job->work = std::move(work);
  jobs_[job->state.id] = job;
  queue_.push_back(job);
  work_ready_.notify_one();
  return job->state.id;
}

std::optional<JobState> JobQueue::state(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second->state;
}

std::optional<JobState> JobQueue::wait(const std::string& id, int timeout_s) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  std::shared_ptr<Job> job = it->second;
  job_done_.wait_for(lock, std::chrono::seconds(timeout_s),
                     [&] { return job->state.state == "done" || job->state.state == "failed"; });
  return job->state;
}

std::size_t JobQueue::queued() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

void JobQueue::worker_loop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      job->state.state = "running";
    }
    nlohmann::json result = job->work();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job->state.state = result.contains("error") ? "failed" : "done";
      job->state.result = std::move(result);
      job->work = nullptr;
      finished_order_.push_back(job->state.id);
      if (finished_order_.size() > kFinishedJobsKept) {
        jobs_.erase(finished_order_.front());
        finished_order_.pop_front();
      }
    }
    job_done_.notify_all();
  }
}

}  // namespace textra::server
