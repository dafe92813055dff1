// Model lookup: $TEXTRA_MODELS first, and a missing file is an error naming it and the remedy.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/model_paths.h"
#include "test_support.h"

namespace textra {
namespace {

TEST(ModelPathsTest, EnvironmentFolderComesFirstAndWins) {
  const std::string dir = testing::temp_dir("model_paths");
  std::filesystem::create_directories(dir + "/ppocr");
  std::ofstream(dir + "/ppocr/keys.txt") << "a\n";
  ::setenv("TEXTRA_MODELS", dir.c_str(), 1);
  EXPECT_EQ(model_search_dirs().front(), dir);
  auto found = find_model_file("ppocr/keys.txt");
  ::unsetenv("TEXTRA_MODELS");
  ASSERT_TRUE(found.is_ok()) << found.status().message();
  EXPECT_EQ(std::filesystem::path(*found), std::filesystem::weakly_canonical(dir + "/ppocr/keys.txt"));
}

TEST(ModelPathsTest, MissingFileNamesItAndTheSetupCommand) {
  auto missing = find_model_file("ppocr/no-such-model.onnx");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("ppocr/no-such-model.onnx"), std::string::npos);
  EXPECT_NE(missing.status().message().find("scripts/setup"), std::string::npos);
}

}  // namespace
}  // namespace textra
