// A throwaway PostgreSQL server for tests (CONTRACTS.md): its own data folder under /tmp, run as an
// unprivileged user (the `postgres` account, else `nobody`, when the tests run as root), listening on
// 127.0.0.1 on a free port, stopped and removed at the end. initdb is slow (seconds), so its output is
// kept once per machine as a template (under a lock) and copied for each server.
#pragma once

#include <memory>
#include <set>
#include <string>

namespace textra::testing {

class PostgresServer {
 public:
  // nullptr (and why) when PostgreSQL is not installed or does not start. Tests run it with fsync off (a
  // throwaway server); durable keeps PostgreSQL's defaults, for benchmarks that must pay what a deployment pays.
  static std::unique_ptr<PostgresServer> start(std::string* why_not, bool durable = false);
  ~PostgresServer();  // stops the server (immediate shutdown) and removes its folder
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // postgresql://textra@127.0.0.1:PORT/DATABASE; the database is created on first use.
  std::string url(const std::string& database);
  int port() const { return port_; }
  // Stops the server at once (as a crash would: no checkpoint, clients' connections break), and starts it
  // again on the same data folder and port; true when it runs again.
  void stop();
  bool start();

 private:
  PostgresServer(std::string dir, int port, bool durable) : dir_(std::move(dir)), port_(port), durable_(durable) {}

  std::string dir_;
  int port_;
  bool durable_;
  std::set<std::string> created_;  // databases url() made on this server
};

// The server shared by the tests of this process (started on first use), or nullptr.
PostgresServer* shared_postgres(std::string* why_not);

}  // namespace textra::testing

// Skips the test with a message when PostgreSQL cannot start; fails instead when CI=true (CONTRACTS.md).
#define TEXTRA_REQUIRE_POSTGRES(server_ptr)                                                    \
  do {                                                                                         \
    std::string textra_pg_why;                                                                 \
    server_ptr = ::textra::testing::shared_postgres(&textra_pg_why);                           \
    if (server_ptr == nullptr) {                                                               \
      const char* ci = std::getenv("CI");                                                      \
      if (ci != nullptr && std::string(ci) == "true") FAIL() << "PostgreSQL: " << textra_pg_why; \
      GTEST_SKIP() << "PostgreSQL not available: " << textra_pg_why;                           \
    }                                                                                          \
  } while (0)
