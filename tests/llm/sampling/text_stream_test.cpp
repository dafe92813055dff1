#include "llm/sampling/text_stream.h"

#include <gtest/gtest.h>

namespace textra::llm {
namespace {

TEST(TextStream, HoldsBackIncompleteUtf8) {
  TextStream s;
  EXPECT_EQ(s.push("caf"), "caf");
  EXPECT_EQ(s.push("\xc3"), "");
  EXPECT_EQ(s.push("\xa9 \xe2\x82"), "\xc3\xa9 ");
  EXPECT_EQ(s.push("\xac"), "\xe2\x82\xac");
  EXPECT_EQ(s.text(), "café €");
}

TEST(TextStream, StopsAtStopStringAcrossPieces) {
  TextStream s({"</end>"});
  EXPECT_EQ(s.push("total: 5"), "total: 5");
  EXPECT_EQ(s.push("0 </e"), "0 ");  // "</e" might start the stop string
  EXPECT_FALSE(s.stopped());
  EXPECT_EQ(s.push("nd> tail"), "");
  EXPECT_TRUE(s.stopped());
  EXPECT_EQ(s.text(), "total: 50 ");
  EXPECT_EQ(s.push("more"), "");
}

TEST(TextStream, ReleasesFalseStopPrefix) {
  TextStream s({"STOP"});
  EXPECT_EQ(s.push("ST"), "");
  EXPECT_EQ(s.push("AR"), "STAR");
  EXPECT_EQ(s.push("S"), "");
  EXPECT_EQ(s.finish(), "S");
  EXPECT_EQ(s.text(), "STARS");
}

}  // namespace
}  // namespace textra::llm
