// OrderedOutput: outputs that finish in any order are written in input order, with one header first on a
// shared stream and a header in each file of an output directory.
#include "pipeline/ordered_output.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "base/files.h"
#include "test_support.h"

namespace textra::pipeline {
namespace {

struct CloseFile {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  char buffer[256];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) text.append(buffer, n);
  return text;
}

TEST(OrderedOutput, WritesInInputOrderWithTheHeaderFirstWhateverFinishesFirst) {
  std::unique_ptr<std::FILE, CloseFile> stream(std::tmpfile());
  ASSERT_NE(stream, nullptr);
  OrderedOutput output({"bad.json", "a.png", "b.png", "c.png"}, "", ".csv", stream.get());
  ASSERT_TRUE(output.prepare().is_ok());
  EXPECT_TRUE(output.deliver(2, OutputPiece{"file,x\n", "b.png,2\n"}).is_ok());
  EXPECT_EQ(contents(stream.get()), "");  // waits for 0 and 1
  EXPECT_TRUE(output.deliver(0, std::nullopt).is_ok());  // the first input failed: no header from it
  EXPECT_EQ(contents(stream.get()), "");
  EXPECT_TRUE(output.deliver(3, OutputPiece{"file,x\n", "c.png,3\n"}).is_ok());
  EXPECT_TRUE(output.deliver(1, OutputPiece{"file,x\n", "a.png,1\n"}).is_ok());
  EXPECT_EQ(contents(stream.get()), "file,x\na.png,1\nb.png,2\nc.png,3\n");
}

TEST(OrderedOutput, ARepeatedOrUnknownInputIsAnErrorNotAWrite) {
  std::unique_ptr<std::FILE, CloseFile> stream(std::tmpfile());
  OrderedOutput output({"a", "b"}, "", ".json", stream.get());
  EXPECT_TRUE(output.deliver(0, OutputPiece{"", "A\n"}).is_ok());
  EXPECT_EQ(output.deliver(0, OutputPiece{"", "again\n"}).code(), ErrorCode::kInternal);
  EXPECT_EQ(output.deliver(2, OutputPiece{"", "C\n"}).code(), ErrorCode::kInternal);
  EXPECT_EQ(contents(stream.get()), "A\n");
}

std::string file_text(const std::string& path) {
  auto text = read_file(path);
  return text.is_ok() ? *text : "(" + text.status().message() + ")";
}

TEST(OrderedOutput, EachFileOfAnOutputDirectoryHasItsHeader) {
  const std::string dir = testing::temp_dir("ordered-output") + "/out";
  OrderedOutput output({"x/a.png", "y/a.png", "b.png"}, dir, ".tsv");
  ASSERT_TRUE(output.prepare().is_ok());
  EXPECT_TRUE(output.deliver(1, OutputPiece{"h\n", "second\n"}).is_ok());
  EXPECT_TRUE(output.deliver(2, std::nullopt).is_ok());
  EXPECT_TRUE(output.deliver(0, OutputPiece{"h\n", "first\n"}).is_ok());
  EXPECT_EQ(file_text(dir + "/a.tsv"), "h\nfirst\n");
  EXPECT_EQ(file_text(dir + "/a-2.tsv"), "h\nsecond\n");
  EXPECT_FALSE(read_file(dir + "/b.tsv").is_ok());  // failed input: no file
}

}  // namespace
}  // namespace textra::pipeline
