// Issue 16, case 3: slow clients do not freeze the server. A bounded slow-loris run on loopback (200
// connections trickling header bytes, reopened when the server drops them) while /healthz is asked every
// 100 ms from the same address; and a POST without Content-Length is answered at once.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "raw_http.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSlowConnections = 200;
constexpr int kMaxConnects = 4000;  // bound on reconnections over the whole run
constexpr auto kAttack = std::chrono::seconds(8);

const std::string kRequestStart = "GET /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n";

// A connection that has sent the start of a request; -1 when it could not.
int open_slow_connection(int port) {
  int fd = connect_loopback(port);
  if (fd >= 0 && send(fd, kRequestStart.data(), kRequestStart.size(), MSG_NOSIGNAL) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends one more header byte on every connection each 400 ms until `end`; a connection the server closed is
// opened again (at most kMaxConnects in all).
void trickle(int port, std::vector<int>& sockets, Clock::time_point end, std::atomic<int>& connects) {
  while (Clock::now() < end) {
    for (int& fd : sockets) {
      if (fd >= 0 && send(fd, "X", 1, MSG_NOSIGNAL) < 0) {
        close(fd);
        fd = -1;
      }
      if (fd < 0 && connects < kMaxConnects) {
        fd = open_slow_connection(port);
        ++connects;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
  }
}

TEST(SlowClients, HealthAnswersWithinASecondDuringASlowLoris) {
  ServeProcess serve(temp_dir("slow-loris"));  // default --timeout (120 s): slow reads have their own limits
  ASSERT_TRUE(serve.started());
  // All the connections first (bounded in time), then the probes while they trickle.
  std::atomic<int> connects{0};
  std::vector<int> sockets;
  const auto connect_deadline = Clock::now() + std::chrono::seconds(20);
  while (static_cast<int>(sockets.size()) < kSlowConnections && Clock::now() < connect_deadline) {
    sockets.push_back(open_slow_connection(serve.port()));
    ++connects;
  }
  const auto end = Clock::now() + kAttack;
  std::thread attacker(trickle, serve.port(), std::ref(sockets), end, std::ref(connects));

  int probes = 0, failures = 0;
  double worst_ms = 0;
  while (Clock::now() < end - std::chrono::milliseconds(300)) {
    httplib::Client client("127.0.0.1", serve.port());
    client.set_connection_timeout(1, 0);
    client.set_read_timeout(1, 0);
    auto start = Clock::now();
    auto r = client.Get("/healthz");
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    worst_ms = std::max(worst_ms, ms);
    ++probes;
    if (!r || r->status != 200 || ms > 1000) ++failures;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  attacker.join();
  for (int fd : sockets) {
    if (fd >= 0) close(fd);
  }
  std::printf("slow loris: %d connects, %d health probes, %d failed, worst %.0f ms\n", connects.load(), probes,
              failures, worst_ms);
  EXPECT_EQ(static_cast<int>(sockets.size()), kSlowConnections);
  EXPECT_GT(probes, 20);
  EXPECT_EQ(failures, 0) << "worst " << worst_ms << " ms";
}

TEST(SlowClients, APostWithoutContentLengthIsAnsweredAtOnce) {
  ServeProcess serve(temp_dir("no-length"));
  ASSERT_TRUE(serve.started());
  double elapsed_ms = -1;
  // The connection stays open (keep-alive): only the missing length can end the request.
  std::string answer = raw_exchange(serve.port(), "POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 3000,
                                    &elapsed_ms);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_GE(elapsed_ms, 0);
  EXPECT_LT(elapsed_ms, 1000);
  EXPECT_NE(answer.find("\"empty_file\""), std::string::npos) << answer;
}

TEST(SlowClients, HeadersMustArriveWithinTheHeaderTimeout) {
  ServeProcess serve(temp_dir("header-timeout"), {"--header-timeout", "1"});
  ASSERT_TRUE(serve.started());
  auto start = Clock::now();
  // Never finishes its headers: dropped after about a second, although --timeout is 120 s.
  std::string answer = raw_exchange(serve.port(), "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow:", 5000);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_LT(seconds, 3.0) << answer;
  EXPECT_EQ(answer.find("200 OK"), std::string::npos) << answer;
}

}  // namespace
}  // namespace textra::testing
