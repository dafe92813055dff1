#include "llm/kernels/compute_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace textra::llm {
namespace {

TEST(ComputePool, EveryThreadRunsEachJobOnce) {
  for (int threads : {1, 2, 3}) {
    ComputePool pool(threads);
    for (int round = 0; round < 200; ++round) {
      std::vector<std::atomic<int>> hits(threads);
      pool.run([&](int ith, int nth) {
        EXPECT_EQ(nth, threads);
        hits[ith].fetch_add(1);
      });
      for (auto& h : hits) ASSERT_EQ(h.load(), 1);
    }
  }
}

TEST(ComputePool, BarrierSeparatesPhases) {
  ComputePool pool(3);
  std::vector<int> stage1(3), stage2(3);
  for (int round = 0; round < 100; ++round) {
    pool.run([&](int ith, int nth) {
      stage1[ith] = round + ith;
      pool.barrier();
      int sum = 0;
      for (int j = 0; j < nth; ++j) sum += stage1[j];  // every thread sees every stage-1 write
      stage2[ith] = sum;
      pool.barrier();
    });
    for (int v : stage2) ASSERT_EQ(v, 3 * round + 3);
  }
}

}  // namespace
}  // namespace textra::llm
