// Every textra command on bad inputs and bad flags: each run ends with exit code 1 (the input failed) or
// 2 (bad arguments), a message on standard error, and no crash, hang or "internal error".
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"
#include "textra_process.h"

namespace textra::testing {
namespace {

// The bad inputs, each a path: {} in a command is replaced by one of them.
struct BadInput {
  std::string name;
  std::string path;
};

std::vector<BadInput> make_bad_inputs(const std::string& dir) {
  std::ofstream(dir + "/empty.bin", std::ios::binary);
  std::mt19937 rng(15);
  std::string garbage(4096, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  std::ofstream(dir + "/garbage.bin", std::ios::binary) << garbage;
  std::ofstream(dir + "/text.txt") << "not a document, a model or a schema\n";
  std::ofstream(dir + "/wrong.json") << "[1, 2, 3]\n";
  return {{"missing file", dir + "/missing.bin"},
          {"empty file", dir + "/empty.bin"},
          {"garbage bytes", dir + "/garbage.bin"},
          {"text file", dir + "/text.txt"},
          {"JSON of the wrong shape", dir + "/wrong.json"},
          {"an image", source_dir() + "/samples/facture-fr.png"},
          {"a folder", dir}};
}

// A command with {} for the bad input, and the inputs that are valid there (not swept).
struct Sweep {
  std::string command;
  std::set<std::string> valid_inputs;
};

void expect_clean_failure(const std::string& arguments, const std::string& what) {
  const TextraRun run = run_textra(arguments, 60);
  const std::string shown = "textra " + arguments + " (" + what + ")\nstderr: " + run.err;
  EXPECT_TRUE(run.exit_code == 1 || run.exit_code == 2) << "exit code " << run.exit_code << ": " << shown;
  EXPECT_NE(run.err.find_first_not_of(" \n"), std::string::npos) << "no message: " << shown;
  EXPECT_EQ(run.err.find("internal error"), std::string::npos) << shown;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Every command that reads a file, with {} where the file goes ({pdf}: a good document, {out}: an output
// path in the test's folder).
std::vector<Sweep> file_sweeps() {
  const std::string image = "an image";
  return {
      {"ocr {}", {image}},
      {"extract {}", {image}},
      {"extract --schema {} {pdf}", {}},
      {"extract --ner-model {} {pdf}", {}},
      {"extract --engine llm -m {} {pdf}", {}},
      {"generate -m {} -p hello", {}},
      {"chat -m {}", {}},
      {"bench-llm -m {}", {}},
      {"tokenize -m {} hello", {}},
      {"model info {}", {}},
      {"model synth --preset llama-3.2-1b --vocab {} -o {out}", {}},
      {"eval --gt {} --pred {}", {}},
      {"label export {}", {image}},
      {"label import {}", {}},
      {"train --data {} -o {out}", {}},
      {"preprocess {} -o {out}", {image}},
      // A data folder that cannot be one (a missing one is created, and the server would start).
      {"serve --port 0 --data-dir {}", {"missing file", "a folder"}},
      // Any non-empty bytes are stored with a job, as uploads are: the worker says dead if they are no document.
      {"submit --store sqlite:{out} {}", {"garbage bytes", "text file", "JSON of the wrong shape", "an image"}},
      {"worker --store {}", {}},
      {"admin requeue --store {}", {}},
      {"export --store {} --format csv", {}},
      {"export --store {out} --format fec --accounts {}", {}},
      // The output folder: a missing one is created, an existing one written into.
      {"synth invoices -n 1 --image none -o {}", {"missing file", "a folder"}},
  };
}

// Unknown flags, missing required arguments and values out of range or of the wrong type.
std::vector<std::string> bad_argument_commands() {
  return {
      "--no-such-flag", "no-such-command",
      "ocr", "ocr --no-such-flag {pdf}", "ocr --preprocess nonsense {pdf}", "ocr -f xml {pdf}", "ocr -j 0 {pdf}",
      "ocr --psm 99 {pdf}", "ocr --lang no-such-language {png}",
      "extract", "extract --no-such-flag {pdf}", "extract -f xml {pdf}", "extract -j 0 {pdf}",
      "extract --engine nope {pdf}", "extract --schema nope {pdf}", "extract --fields 'a:nope' {pdf}",
      "extract --engine llm {pdf}", "extract --max-tokens abc {pdf}", "extract --draft-tokens -1 {pdf}",
      "generate", "generate -m {pdf} -n abc", "chat --no-such-flag", "bench-llm", "bench-llm -m {pdf} -t x",
      "bench-llm -m {pdf} -d -1",
      "tokenize", "tokenize -m {pdf}",
      "model", "model info", "model synth --preset nope -o {out}", "model synth --preset llama-3.2-1b --type nope -o {out}",
      "eval", "eval --gt {pdf}", "label", "label config --labels nope", "label export", "label import",
      "train", "train --data {pdf}", "preprocess", "preprocess {pdf}", "preprocess --preprocess nonsense {pdf} -o {out}",
      "serve --port 99999", "serve --max-upload-mb abc", "serve --queue 0", "serve --timeout 0",
      "serve --max-loaded-models 0", "version --no-such-flag",
      "worker", "worker --store sqlite:{out} -j 0", "submit", "submit --store sqlite:{out}", "admin",
      "admin nope --store sqlite:{out}", "export", "export --format xlsx", "synth", "synth invoices -n 0 -o {out}",
  };
}

class BadInputSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_dir("cli_sweep");
    inputs_ = make_bad_inputs(dir_);
    pdf_ = shell_quote(source_dir() + "/samples/facture-fr.pdf");
    png_ = shell_quote(source_dir() + "/samples/facture-fr.png");  // an image: OCR runs
    out_ = shell_quote(dir_ + "/out");
  }
  // {pdf}: a good document with a text layer, {png}: a good image, {out}: an output path in the test's folder.
  std::string expand(const std::string& command) const {
    return replace_all(replace_all(replace_all(command, "{pdf}", pdf_), "{png}", png_), "{out}", out_);
  }

  std::string dir_, pdf_, png_, out_;
  std::vector<BadInput> inputs_;
};

// Every command that reads a file, given each bad input where the file goes.
TEST_F(BadInputSweep, EveryFileArgumentRefusesBadInputs) {
  const std::vector<Sweep> sweeps = file_sweeps();
  int runs = 0;
  for (const Sweep& sweep : sweeps) {
    for (const BadInput& input : inputs_) {
      if (sweep.valid_inputs.count(input.name) != 0) continue;
      expect_clean_failure(replace_all(expand(sweep.command), "{}", shell_quote(input.path)), input.name);
      ++runs;
    }
  }
  std::printf("%d runs of %zu commands on %zu bad inputs\n", runs, sweeps.size(), inputs_.size());
}

TEST_F(BadInputSweep, BadArgumentsAreRefused) {
  for (const std::string& command : bad_argument_commands()) expect_clean_failure(expand(command), "bad arguments");
}

// A new command must join the sweep: the commands of `textra --help` are the ones above.
TEST_F(BadInputSweep, CoversEveryCommand) {
  const TextraRun help = run_textra("--help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  std::set<std::string> swept;  // the first word of every command above
  for (const Sweep& sweep : file_sweeps()) swept.insert(sweep.command.substr(0, sweep.command.find(' ')));
  for (const std::string& command : bad_argument_commands()) swept.insert(command.substr(0, command.find(' ')));
  const std::size_t heading = help.out.find("\nSubcommands:\n");
  ASSERT_NE(heading, std::string::npos) << help.out;
  std::istringstream lines(help.out.substr(heading + 14));
  std::string line;
  int commands = 0;
  while (std::getline(lines, line) && !line.empty()) {  // "  name   description" up to a blank line
    std::istringstream words(line);
    std::string name;
    words >> name;
    ++commands;
    EXPECT_EQ(swept.count(name), 1u) << "textra " << name << " is not in the bad-input sweep";
  }
  EXPECT_GE(commands, 13) << help.out;
}

}  // namespace
}  // namespace textra::testing
