// Where `-o` sends the outputs of a command that takes several input files (CONTRACTS.md): with one input,
// the file named; with several, a directory (created if needed) holding INPUT-STEM.EXT per input.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace textra::cli {

// OUT/INPUT-STEM.EXT per input, in input order, with "-2", "-3"... when stems repeat.
std::vector<std::string> output_paths(const std::vector<std::string>& files, const std::string& dir,
                                      const std::string& extension);

Status create_output_directory(const std::string& dir);

}  // namespace textra::cli
