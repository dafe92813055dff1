// `textra ocr` as a user runs it: outputs per input, exit codes with a bad file among good ones.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/files.h"
#include "test_support.h"

namespace {

namespace fs = std::filesystem;

int run(const std::string& arguments, const std::string& stderr_file) {
  std::string command = textra::testing::binary_dir() + "/textra ocr " + arguments + " >/dev/null 2>" + stderr_file;
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(OcrCli, OneBadFileAmongGoodOnesFailsTheRunButNotTheOthers) {
  TEXTRA_REQUIRE_SHARED();
  std::string dir = textra::testing::temp_dir("ocr_cli_batch");
  std::string bad = dir + "/truncated.jpg";
  std::ofstream(bad) << "\xFF\xD8\xFF\xE0";  // a JPEG signature and nothing else
  std::string good = textra::testing::shared_dir() + "/data/sroie/img/002.jpg";
  std::string errors = dir + "/stderr.txt";
  EXPECT_EQ(run(good + " " + bad + " -j 2 -f json -o " + dir + "/out", errors), 1);
  EXPECT_TRUE(fs::exists(dir + "/out/002.json"));
  EXPECT_FALSE(fs::exists(dir + "/out/truncated.json"));
  auto message = textra::read_file(errors);
  ASSERT_TRUE(message.is_ok());
  EXPECT_NE(message->find("truncated.jpg"), std::string::npos) << *message;

  EXPECT_EQ(run(good + " -o " + dir + "/single.txt", errors), 0);
  auto text = textra::read_file(dir + "/single.txt");
  ASSERT_TRUE(text.is_ok());
  EXPECT_NE(text->find("TOTAL"), std::string::npos) << *text;
}

TEST(OcrCli, BadArgumentsExitWithUsageCode) {
  std::string dir = textra::testing::temp_dir("ocr_cli_usage");
  EXPECT_EQ(run("--psm 0 x.png", dir + "/e1"), 2);
  EXPECT_EQ(run("--preprocess sharpen x.png", dir + "/e2"), 2);
  EXPECT_EQ(run("-f html x.png", dir + "/e3"), 2);
  EXPECT_EQ(run("", dir + "/e4"), 2);
  EXPECT_EQ(run("--ocr-engine paddle x.png", dir + "/e5"), 2);
}

TEST(OcrCli, PpocrEngineReadsTheSampleReceipt) {
  std::string model;
  TEXTRA_REQUIRE_MODEL(model, "ppocr/ch_PP-OCRv4_rec_infer.onnx");
  std::string dir = textra::testing::temp_dir("ocr_cli_ppocr");
  EXPECT_EQ(run("--ocr-engine ppocr --preprocess none " + textra::testing::source_dir() + "/samples/receipt-en.png -o " +
                    dir + "/out.txt",
                dir + "/stderr.txt"),
            0);
  auto text = textra::read_file(dir + "/out.txt");
  ASSERT_TRUE(text.is_ok());
  EXPECT_NE(text->find("CORNER GROCERY"), std::string::npos) << *text;
}

// With the networks installed (scripts/setup), a page is read by fusion unless the user asks otherwise.
TEST(OcrCli, DefaultEngineIsFusionWhenTheNetworksAreInstalled) {
  std::string model;
  TEXTRA_REQUIRE_MODEL(model, "ppocr/ch_PP-OCRv4_rec_infer.onnx");
  std::string dir = textra::testing::temp_dir("ocr_cli_default_engine");
  std::string sample = textra::testing::source_dir() + "/samples/facture-fr.png";
  ASSERT_EQ(run("-f json " + sample + " -o " + dir + "/default.json", dir + "/stderr.txt"), 0);
  ASSERT_EQ(run("--ocr-engine fusion -f json " + sample + " -o " + dir + "/fusion.json", dir + "/stderr.txt"), 0);
  ASSERT_EQ(run("--ocr-engine tesseract -f json " + sample + " -o " + dir + "/tesseract.json", dir + "/stderr.txt"), 0);
  auto by_default = textra::read_file(dir + "/default.json");
  ASSERT_TRUE(by_default.is_ok());
  EXPECT_EQ(*by_default, *textra::read_file(dir + "/fusion.json"));
  EXPECT_NE(*by_default, *textra::read_file(dir + "/tesseract.json"));
}

}  // namespace
