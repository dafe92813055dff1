#include "base/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>

namespace textra {
namespace {

TEST(ThreadPool, ParallelForVisitsEveryIndexOnce) {
  ThreadPool pool(3);
  std::vector<std::atomic<int>> hits(1000);
  pool.parallel_for(hits.size(), [&](std::size_t i) { hits[i].fetch_add(1); });
  for (auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(ThreadPool, SubmitReturnsResultsAndWorkerIndex) {
  ThreadPool pool(2);
  auto f = pool.submit([] { return ThreadPool::current_worker(); });
  int worker = f.get();
  EXPECT_GE(worker, 0);
  EXPECT_LT(worker, 2);
  EXPECT_EQ(ThreadPool::current_worker(), -1);
}

TEST(ThreadPool, NestedParallelForDoesNotDeadlock) {
  ThreadPool pool(2);
  std::atomic<int> total{0};
  pool.parallel_for(4, [&](std::size_t) { pool.parallel_for(5, [&](std::size_t) { total++; }); });
  EXPECT_EQ(total.load(), 20);
}

}  // namespace
}  // namespace textra
