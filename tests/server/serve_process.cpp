#include "serve_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "test_support.h"

namespace textra::testing {

ServeProcess::ServeProcess(const std::string& data_dir, const std::vector<std::string>& extra) {
  int out[2];
  if (pipe(out) != 0) return;
  std::string binary = binary_dir() + "/textra";
  std::vector<std::string> args = {binary, "serve", "--port", "0", "--data-dir", data_dir};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  // "textra serve: listening on http://127.0.0.1:PORT (...)"
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  close(out[0]);
  auto colon = line.rfind(':', line.find(" (data"));
  if (colon != std::string::npos) port_ = std::atoi(line.c_str() + colon + 1);
}

void ServeProcess::kill_hard() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace textra::testing
