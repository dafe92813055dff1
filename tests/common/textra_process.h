// Runs the build tree's textra executable as a user would: arguments through the shell, standard input
// from /dev/null, a time limit, standard output and standard error kept apart.
#pragma once

#include <string>

namespace textra::testing {

struct TextraRun {
  int exit_code = -1;  // as a shell reports it: 128+N when signal N ended it (134: abort), 124: time limit
  std::string out;
  std::string err;
};

// `arguments` is shell text: quote paths with shell_quote().
TextraRun run_textra(const std::string& arguments, int timeout_s = 120);
std::string shell_quote(const std::string& text);

}  // namespace textra::testing
