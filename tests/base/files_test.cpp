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

TEST(Files, HugePageMappingHoldsTheSameBytes) {
  std::string dir = testing::temp_dir("mmap-huge");
  // Over two huge pages and not a multiple of one: the tail past the last full page must be there too.
  std::string bytes(5u << 20 | 12345, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
  ASSERT_TRUE(write_file(dir + "/w.bin", bytes).is_ok());
  ASSERT_TRUE(write_file(dir + "/small.bin", "abcdef").is_ok());
  ASSERT_TRUE(write_file(dir + "/empty", "").is_ok());
  auto huge = MappedFile::open(dir + "/w.bin", FileMapping::kHugePages);
  ASSERT_TRUE(huge.is_ok()) << huge.status().message();
  ASSERT_EQ((*huge)->size(), bytes.size());
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>((*huge)->data()), bytes.size()), bytes);
  // Files smaller than a huge page, empty files and errors behave as with the plain mapping.
  auto small = MappedFile::open(dir + "/small.bin", FileMapping::kHugePages);
  ASSERT_TRUE(small.is_ok());
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>((*small)->data()), (*small)->size()), "abcdef");
  auto empty = MappedFile::open(dir + "/empty", FileMapping::kHugePages);
  ASSERT_TRUE(empty.is_ok());
  EXPECT_EQ((*empty)->size(), 0u);
  EXPECT_EQ(MappedFile::open(dir + "/missing", FileMapping::kHugePages).status().code(), ErrorCode::kNotFound);
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
