#include "base/files.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace textra {
namespace {

TEST(Files, ReadWriteAndLimits) {
  std::string dir = testing::temp_dir("files");
  std::string path = dir + "/a.bin";
  ASSERT_TRUE(write_file(path, std::string("hello\0world", 11)).is_ok());
  auto data = read_file(path);
  ASSERT_TRUE(data.is_ok());
  EXPECT_EQ(data->size(), 11u);
  auto limited = read_file(path, 5);
  ASSERT_FALSE(limited.is_ok());
  EXPECT_EQ(limited.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(read_file(dir + "/missing").status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(read_file(dir).is_ok());
}

TEST(Files, MapsWholeFileReadOnly) {
  std::string dir = testing::temp_dir("mmap");
  ASSERT_TRUE(write_file(dir + "/m.bin", "abcdef").is_ok());
  auto mapped = MappedFile::open(dir + "/m.bin");
  ASSERT_TRUE(mapped.is_ok());
  EXPECT_EQ((*mapped)->size(), 6u);
  EXPECT_EQ((*mapped)->data()[3], 'd');
  ASSERT_TRUE(write_file(dir + "/empty", "").is_ok());
  auto empty = MappedFile::open(dir + "/empty");
  ASSERT_TRUE(empty.is_ok());
  EXPECT_EQ((*empty)->size(), 0u);
}

TEST(Files, MappingRefusesWhatIsNoRegularFile) {
  std::string dir = testing::temp_dir("mmap-refused");
  EXPECT_EQ(MappedFile::open(dir + "/missing").status().code(), ErrorCode::kNotFound);
  auto folder = MappedFile::open(dir);
  ASSERT_FALSE(folder.is_ok());
  EXPECT_NE(folder.status().message().find("not a regular file"), std::string::npos);
  // A character device has no fixed size to map; a plain read takes it (up to its limit).
  EXPECT_FALSE(MappedFile::open("/dev/zero").is_ok());
  EXPECT_EQ(read_file("/dev/zero", 1000).status().code(), ErrorCode::kLimitExceeded);
}

}  // namespace
}  // namespace textra
