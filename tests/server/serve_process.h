// Starts a real `textra serve` on a free loopback port for a test (or bench/server), and stops it at the end.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace textra::testing {

class ServeProcess {
 public:
  // extra: more arguments for `textra serve`. Waits until the server prints its address.
  explicit ServeProcess(const std::string& data_dir, const std::vector<std::string>& extra = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  void kill_hard();  // SIGKILL, as a crash or an out-of-memory kill would

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// A schema whose one field the language model must fill with a word the invoice sample prints ("Lyon", not
// null): the tests of LLM jobs check the value and its place on the page whatever the fixture's random
// weights would choose.
inline constexpr const char* kCityMustBeLyon =
    R"({"type": "object", "properties": {"city": {"type": "string", "enum": ["Lyon"]}}, "required": ["city"]})";

}  // namespace textra::testing
