#include "base/strings.h"

#include <gtest/gtest.h>

namespace textra {
namespace {

TEST(Strings, TrimRemovesAsciiWhiteSpaceAtBothEndsOnly) {
  EXPECT_EQ(trim_ascii_space(" \t\r\n\v\fa b\tc \n"), "a b\tc");
  EXPECT_EQ(trim_ascii_space("   "), "");
  EXPECT_EQ(trim_ascii_space(""), "");
  EXPECT_EQ(trim_ascii_space("x"), "x");
  // A no-break space (U+00A0, C2 A0 in UTF-8) is not ASCII white space: it stays.
  EXPECT_EQ(trim_ascii_space("\xC2\xA0x "), "\xC2\xA0x");
}

}  // namespace
}  // namespace textra
