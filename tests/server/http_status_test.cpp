// The one Status -> HTTP table (server/http_util.h), used by our routes and the Ollama/OpenAI ones alike.
#include "server/http_util.h"

#include <gtest/gtest.h>

namespace textra::server {
namespace {

TEST(HttpStatus, EachErrorCodeHasItsStatus) {
  EXPECT_EQ(http_status(invalid_argument("x")), 400);
  EXPECT_EQ(http_status(not_found("x")), 404);
  EXPECT_EQ(http_status(limit_exceeded("x")), 413);
  EXPECT_EQ(http_status(unsupported("x")), 415);
  EXPECT_EQ(http_status(corrupt("x")), 422);
  EXPECT_EQ(http_status(io_error("x")), 500);
  EXPECT_EQ(http_status(internal_error("x")), 500);
}

// A full queue is the client's cue to retry (429); a service we depend on that does not answer is ours (503).
TEST(HttpStatus, BusyIsNotUnavailable) {
  EXPECT_EQ(http_status(busy("the queue is full")), 429);
  EXPECT_EQ(http_status(unavailable("ollama does not answer")), 503);
}

TEST(HttpStatus, SendStatusWritesTheCodeName) {
  httplib::Response res;
  send_status(res, busy("the extraction queue is full; retry later"));
  EXPECT_EQ(res.status, 429);
  const auto body = nlohmann::json::parse(res.body);
  EXPECT_EQ(body["error"]["code"], "busy");
  EXPECT_EQ(body["error"]["message"], "the extraction queue is full; retry later");
}

}  // namespace
}  // namespace textra::server
