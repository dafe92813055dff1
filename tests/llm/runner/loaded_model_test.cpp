#include "llm/runner/loaded_model.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.h"

namespace textra::llm {
namespace {

std::string fixture(const std::string& name) { return testing::shared_dir() + "/fixtures/llm/" + name; }

TEST(LoadedModel, ASecondLoadOfAFileInUseSharesItsWeights) {
  TEXTRA_REQUIRE_SHARED();
  auto first = load_model(fixture("tiny-llama-q4_0.gguf"));
  auto second = load_model(fixture("tiny-llama-q4_0.gguf"));
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  ASSERT_TRUE(second.is_ok()) << second.status().message();
  EXPECT_EQ(first->file.get(), second->file.get());
  auto other = load_model(fixture("tiny-llama-q4_k_m.gguf"));
  ASSERT_TRUE(other.is_ok()) << other.status().message();
  EXPECT_NE(other->file.get(), first->file.get());
}

TEST(LoadedModel, AFileChangedOnDiskIsReadAgain) {
  TEXTRA_REQUIRE_SHARED();
  const std::string path = testing::temp_dir("loaded_model_changed") + "/model.gguf";
  std::filesystem::copy_file(fixture("tiny-llama-q4_0.gguf"), path);
  auto before = load_model(path);
  ASSERT_TRUE(before.is_ok()) << before.status().message();
  std::filesystem::copy_file(fixture("tiny-llama-f16.gguf"), path, std::filesystem::copy_options::overwrite_existing);
  auto after = load_model(path);
  ASSERT_TRUE(after.is_ok()) << after.status().message();
  EXPECT_NE(after->file.get(), before->file.get());
  EXPECT_NE(after->file->bytes().size(), before->file->bytes().size());
}

TEST(LoadedModel, AMissingFileIsAnErrorNamingIt) {
  auto missing = load_model("/nonexistent/model.gguf");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/model.gguf"), std::string::npos);
}

}  // namespace
}  // namespace textra::llm
