// A small pool for the per-token work of the forward pass: every thread runs the same job on its share
// (job(ith, nth)), the caller being thread 0. Workers spin briefly between jobs and then sleep on a futex
// (std::atomic::wait), so back-to-back jobs start within a microsecond without burning a core when idle.
// Unlike base/thread_pool.h (a task queue), this is a fork-join team with a barrier.
#pragma once

#include <atomic>
#include <thread>
#include <vector>

namespace textra::llm {

class ComputePool {
 public:
  explicit ComputePool(int threads);  // threads >= 1, the caller included
  ~ComputePool();
  ComputePool(const ComputePool&) = delete;
  ComputePool& operator=(const ComputePool&) = delete;

  int size() const { return n_threads_; }

  // Runs job(ith, nth) on all threads and returns when every one has finished.
  template <typename Job>
  void run(Job&& job) {
    auto thunk = [](void* ctx, int ith, int nth) { (*static_cast<Job*>(ctx))(ith, nth); };
    run_impl(thunk, &job);
  }

  // Waits until every thread of the running job has reached it. Call from inside a job only.
  void barrier();

 private:
  using Thunk = void (*)(void*, int, int);
  void run_impl(Thunk thunk, void* ctx);
  void worker_loop(int ith);

  int n_threads_;
  Thunk thunk_ = nullptr;
  void* ctx_ = nullptr;
  std::atomic<unsigned> generation_{0};
  std::atomic<int> sleeping_{0};
  std::atomic<int> pending_{0};
  std::atomic<int> barrier_arrived_{0};
  std::atomic<unsigned> barrier_phase_{0};
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;
};

}  // namespace textra::llm
