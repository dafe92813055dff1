// `textra ocr` and `textra extract` with several files and -j 2: whatever order the files finish in (a
// failing input at once, a PDF text layer before a page that needs OCR), the outputs come in input order,
// and a table format's header is the first line (issue 15: it was the line after the first failure).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "test_support.h"
#include "textra_process.h"

namespace textra::testing {
namespace {

struct Inputs {
  std::string bad;                // fails at once (a JSON that is not a document)
  std::vector<std::string> good;  // in input order: the slow OCR'd page first
};

Inputs make_inputs() {
  const std::string dir = temp_dir("output-order");
  Inputs inputs{dir + "/bad.json", {source_dir() + "/samples/facture-fr.png", source_dir() + "/samples/facture-fr.pdf",
                                    source_dir() + "/samples/receipt-en.png"}};
  std::ofstream(inputs.bad) << "[1, 2]\n";
  return inputs;
}

// Runs `textra COMMAND -j 2 -f FORMAT bad good...` and checks the order of the good files in its output.
void expect_input_order(const std::string& command, const std::string& format, bool header) {
  const Inputs inputs = make_inputs();
  std::string arguments = command + " -j 2 -f " + format + " " + shell_quote(inputs.bad);
  for (const std::string& file : inputs.good) arguments += " " + shell_quote(file);
  const TextraRun run = run_textra(arguments, 300);
  const std::string shown = "textra " + arguments + "\nstdout:\n" + run.out.substr(0, 2000) + "\nstderr:\n" + run.err;
  EXPECT_EQ(run.exit_code, 1) << shown;  // the bad input failed, the others were written
  EXPECT_NE(run.err.find("bad.json"), std::string::npos) << shown;
  std::size_t previous = 0;
  for (const std::string& file : inputs.good) {
    std::size_t at = run.out.find(file);
    ASSERT_NE(at, std::string::npos) << file << " missing: " << shown;
    EXPECT_GT(at, previous) << file << " out of input order: " << shown;
    previous = at;
  }
  if (header) {
    EXPECT_EQ(run.out.rfind("file", 0), 0u) << "the header is not the first line: " << shown;
    EXPECT_EQ(run.out.find("\nfile"), std::string::npos) << "a second header: " << shown;
  }
}

TEST(OutputOrder, ExtractCsvHeaderFirstThenRowsInInputOrder) { expect_input_order("extract", "csv", true); }
TEST(OutputOrder, ExtractJsonInInputOrder) { expect_input_order("extract", "json", false); }
TEST(OutputOrder, ExtractJsonlInInputOrder) { expect_input_order("extract", "jsonl", false); }
TEST(OutputOrder, OcrTsvHeaderFirstThenRowsInInputOrder) { expect_input_order("ocr", "tsv", true); }
TEST(OutputOrder, OcrJsonInInputOrder) { expect_input_order("ocr", "json", false); }
TEST(OutputOrder, OcrTextInInputOrder) { expect_input_order("ocr", "text", false); }

}  // namespace
}  // namespace textra::testing
