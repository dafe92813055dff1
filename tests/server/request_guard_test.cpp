// The pure parts of the request guard: which --host values are loopback, and the token comparison.
#include "server/request_guard.h"

#include <gtest/gtest.h>

namespace textra::server {
namespace {

TEST(RequestGuard, LoopbackHostsAreTheLoopbackNetworkAndLocalhost) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LocalHost"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "192.168.1.2", "10.0.0.1", "example.com", "localhost.evil.com",
                           "128.0.0.1", ""}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(RequestGuard, SecretsAreEqualOnlyWhenIdentical) {
  EXPECT_TRUE(same_secret("Bearer s3cret", "Bearer s3cret"));
  EXPECT_TRUE(same_secret("", ""));
  for (const char* other : {"Bearer s3cre", "Bearer s3cret ", "bearer s3cret", "", "Bearer S3cret"}) {
    EXPECT_FALSE(same_secret(other, "Bearer s3cret")) << other;
  }
}

}  // namespace
}  // namespace textra::server
