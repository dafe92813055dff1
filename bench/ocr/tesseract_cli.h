// The baseline: the `tesseract` command-line tool, run once per page (as a user would script it).
#pragma once

#include <string>

#include "base/status.h"

namespace textra::bench {

struct CliRun {
  std::string languages;
  bool single_thread = false;  // OMP_THREAD_LIMIT=1 (otherwise Tesseract's default OpenMP threads)
};

// `tesseract IMAGE stdout -l LANGUAGES`, its standard output (plain text) or an error.
Result<std::string> run_tesseract_cli(const std::string& image, const CliRun& run);

}  // namespace textra::bench
