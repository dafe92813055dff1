#include <gtest/gtest.h>

#include "base/available_memory.h"

namespace textra {
namespace {

TEST(AvailableMemory, ReadsMemAvailableInKibibytes) {
  const char* meminfo =
      "MemTotal:       24000000 kB\nMemFree:        20000000 kB\nMemAvailable:   21000000 kB\nBuffers: 1 kB\n";
  EXPECT_EQ(mem_available_from_meminfo(meminfo), std::uint64_t{21000000} * 1024);
  EXPECT_EQ(mem_available_from_meminfo("MemTotal: 5 kB\n"), std::nullopt);  // kernels before 3.14
  EXPECT_EQ(mem_available_from_meminfo("MemAvailable: lots\n"), std::nullopt);
  EXPECT_EQ(mem_available_from_meminfo("MemAvailable: 99999999999999999999 kB\n"), std::nullopt);
}

TEST(AvailableMemory, ACgroupLimitLeavesOnlyItsRoom) {
  EXPECT_EQ(cgroup_room("4294967296\n", "1073741824\n"), std::uint64_t{3221225472});
  EXPECT_EQ(cgroup_room("1000\n", "2000\n"), std::uint64_t{0});  // over the limit already
  EXPECT_EQ(cgroup_room("max\n", "1073741824\n"), std::nullopt);  // no limit
}

TEST(AvailableMemory, ThisMachineReportsSome) {
  auto available = available_memory_bytes();
  ASSERT_TRUE(available.has_value());  // the tests run on Linux with /proc
  EXPECT_GT(*available, 0u);
}

}  // namespace
}  // namespace textra
