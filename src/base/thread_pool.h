// One shared pool of worker threads. Work is submitted as tasks; parallel_for splits an index range.
// Per-thread engines (Tesseract, LLM contexts) are pooled by their modules, not locked here.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace textra {

class ThreadPool {
 public:
  explicit ThreadPool(std::size_t threads);  // 0 = hardware concurrency
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  std::size_t size() const { return workers_.size(); }

  template <typename F>
  auto submit(F&& task) -> std::future<decltype(task())> {
    using R = decltype(task());
    auto packaged = std::make_shared<std::packaged_task<R()>>(std::forward<F>(task));
    std::future<R> future = packaged->get_future();
    enqueue([packaged] { (*packaged)(); });
    return future;
  }

  // Calls body(i) for i in [0, count), spread over the workers; returns when all are done.
  // Runs inline when the pool has one thread or count is 1.
  void parallel_for(std::size_t count, const std::function<void(std::size_t)>& body);

  // The worker index of the calling thread (0..size()-1), or -1 when called outside the pool.
  static int current_worker();

 private:
  void enqueue(std::function<void()> job);
  void worker_loop(int index);

  std::vector<std::thread> workers_;
  std::deque<std::function<void()>> queue_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

// Number of threads to use when the user did not say: the hardware's, at least 1.
std::size_t default_thread_count();

}  // namespace textra
