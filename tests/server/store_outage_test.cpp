// StoreOutage: which answers count as an outage, the growing wait between tries, and the quiet time after
// one (the job queue waits it out before taking back other workers' expired jobs).
#include "server/store_outage.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace textra::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(StoreOutage, OnlyAnUnavailableStoreIsAnOutage) {
  StoreOutage outage(milliseconds(100));
  EXPECT_FALSE(outage.note(Status::ok()));
  EXPECT_FALSE(outage.note(internal_error("PostgreSQL: syntax error")));  // a bug of ours, not the network
  EXPECT_TRUE(outage.answering_for(seconds(3600)));  // never failed: no quiet time to wait
  EXPECT_TRUE(outage.note(unavailable("PostgreSQL: connection refused")));
  EXPECT_FALSE(outage.answering_for(seconds(0)));
}

TEST(StoreOutage, WaitsDoubleUpToTheCeilingAndStartOverAfterRecovery) {
  StoreOutage outage(milliseconds(500));
  std::vector<long> waits;
  for (int i = 0; i < 6; ++i) {
    outage.note(unavailable("down"));
    waits.push_back(static_cast<long>(outage.retry_wait().count()));
  }
  EXPECT_EQ(waits, (std::vector<long>{500, 1000, 2000, 4000, 5000, 5000}));
  outage.note(Status::ok());
  outage.note(unavailable("down again"));
  EXPECT_EQ(outage.retry_wait(), milliseconds(500));
}

TEST(StoreOutage, AnsweringForCountsFromTheEndOfTheLastOutage) {
  StoreOutage outage(milliseconds(10));
  outage.note(unavailable("down"));
  std::this_thread::sleep_for(milliseconds(30));  // the outage itself does not count as answering
  outage.note(Status::ok());
  EXPECT_FALSE(outage.answering_for(seconds(1)));
  EXPECT_TRUE(outage.answering_for(seconds(0)));
}

}  // namespace
}  // namespace textra::server
