#include "textra_process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "test_support.h"

namespace textra::testing {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

TextraRun run_textra(const std::string& arguments, int timeout_s) {
  TextraRun run;
  std::string err_path = (std::filesystem::temp_directory_path() / "textra-stderr-XXXXXX").string();
  const int fd = mkstemp(err_path.data());
  if (fd < 0) return run;
  close(fd);
  // `timeout` reports a command ended by signal N as 128+N, like a shell.
  const std::string command = "timeout " + std::to_string(timeout_s) + " " + shell_quote(binary_dir() + "/textra") +
                              " " + arguments + " </dev/null 2>" + shell_quote(err_path);
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::ifstream err(err_path, std::ios::binary);
  std::ostringstream text;
  text << err.rdbuf();
  run.err = text.str();
  std::filesystem::remove(err_path);
  return run;
}

}  // namespace textra::testing
