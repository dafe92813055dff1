#include "server/generation_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace textra::server {
namespace {

TEST(GenerationGate, OneAtATimeAndTheNextGoesWhenTheSlotFrees) {
  GenerationGate gate(1, 4);
  auto first = gate.enter(5);
  ASSERT_TRUE(first.is_ok());
  std::atomic<bool> second_in{false};
  std::thread waiter([&] {
    auto second = gate.enter(5);
    EXPECT_TRUE(second.is_ok());
    second_in = true;
  });
  while (gate.waiting() == 0) std::this_thread::yield();
  EXPECT_FALSE(second_in);
  first->reset();  // the slot frees
  waiter.join();
  EXPECT_TRUE(second_in);
}

TEST(GenerationGate, AFullQueueIsRefusedAtOnceAndAWaitEndsAtTheTimeout) {
  GenerationGate gate(1, 1);
  auto held = gate.enter(5);
  ASSERT_TRUE(held.is_ok());
  auto timed_out = gate.enter(1);  // nobody frees the slot within 1 s
  ASSERT_FALSE(timed_out.is_ok());
  EXPECT_EQ(timed_out.status().code(), ErrorCode::kBusy);

  std::thread waiter([&] { EXPECT_TRUE(gate.enter(5).is_ok()); });
  while (gate.waiting() == 0) std::this_thread::yield();
  auto refused = gate.enter(5);  // one already waits: the queue of 1 is full
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kBusy);
  EXPECT_NE(refused.status().message().find("full"), std::string::npos);
  held->reset();  // the waiter gets the slot
  waiter.join();
}

}  // namespace
}  // namespace textra::server
