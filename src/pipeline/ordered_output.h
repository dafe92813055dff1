// Where `textra ocr` and `textra extract` write each input's output (CONTRACTS.md): standard output, one
// file (-o with one input), or a directory holding INPUT-STEM.EXT per input (-o with several). Inputs finish
// in any order (-j); their outputs are written in input order, a finished one waiting for those before it.
// A table format (CSV, TSV) gives a header with each output: a shared stream gets the first one written,
// before any row, and no other; each file of its own gets its own.
#pragma once

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::pipeline {

// One input's output: the column header ("" for formats without one) and the text.
struct OutputPiece {
  std::string header;
  std::string body;
};

class OrderedOutput {
 public:
  // output: "" for `stream`, else a file (one input) or a directory (several). extension: ".csv", ...
  OrderedOutput(const std::vector<std::string>& inputs, std::string output, const std::string& extension,
                std::FILE* stream = stdout);

  // Creates the output directory when there is one.
  Status prepare();
  // Input `index` is done: its output, or nullopt when it failed (nothing is written for it). Writes every
  // output whose predecessors are all done. Returns the first error writing them.
  Status deliver(std::size_t index, std::optional<OutputPiece> piece);

 private:
  Status write(std::size_t index, const OutputPiece& piece);

  const std::string output_;
  std::FILE* const stream_;
  std::vector<std::string> paths_;  // one per input with an output directory, the file with one input
  std::mutex mutex_;                // guards the members below
  std::vector<std::optional<std::optional<OutputPiece>>> pending_;  // outer: done; inner: has output
  std::size_t next_ = 0;
  bool header_written_ = false;     // on the shared stream
};

// OUT/INPUT-STEM.EXT per input, in input order, with "-2", "-3"... when stems repeat.
std::vector<std::string> output_paths(const std::vector<std::string>& files, const std::string& dir,
                                      const std::string& extension);

Status create_output_directory(const std::string& dir);

}  // namespace textra::pipeline
