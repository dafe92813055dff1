#include "base/status.h"

#include <gtest/gtest.h>

namespace textra {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return invalid_argument("value must be positive, got " + std::to_string(v));
  return v;
}

Result<int> doubled(int v) {
  TEXTRA_ASSIGN_OR_RETURN(int x, parse_positive(v));
  return 2 * x;
}

TEST(Status, OkAndErrorCarryCodeAndMessage) {
  EXPECT_TRUE(Status::ok().is_ok());
  Status s = corrupt("bad header");
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), ErrorCode::kCorrupt);
  EXPECT_EQ(s.with_context("a.gguf").message(), "a.gguf: bad header");
  EXPECT_STREQ(error_code_name(s.code()), "corrupt");
}

TEST(Result, PropagatesErrorsThroughAssignOrReturn) {
  EXPECT_EQ(doubled(4).value(), 8);
  Result<int> r = doubled(-1);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("-1"), std::string::npos);
}

// Built with NDEBUG too (the Release build runs this test): not an assert that vanishes there.
TEST(Result, MadeFromAnOkStatusIsAnInternalError) {
  Result<int> r = Status::ok();
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  EXPECT_NE(r.status().message().find("OK Status"), std::string::npos);
}

}  // namespace
}  // namespace textra
