#include "test_support.h"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "base/model_paths.h"
#include "base/shared_paths.h"

namespace textra::testing {
namespace {
std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : fallback;
}
}  // namespace

std::string shared_dir() { return textra::shared_dir(); }
std::string source_dir() { return env_or("TEXTRA_SOURCE_DIR", TEXTRA_SOURCE_DIR_DEFAULT); }
std::string binary_dir() { return env_or("TEXTRA_BINARY_DIR", TEXTRA_BINARY_DIR_DEFAULT); }

std::string model_file(const std::string& relative) {
  auto path = find_model_file(relative);
  return path ? *path : std::string();
}

// CTest runs each test in its own process, in parallel: the directory is per test, not per name, so
// two tests of one suite never remove each other's files.
std::string temp_dir(const std::string& name) {
  std::string test = "outside-test";
  if (const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
    test = std::string(info->test_suite_name()) + "." + info->name();
    for (char& c : test) {
      if (c == '/') c = '_';
    }
  }
  std::filesystem::path dir = std::filesystem::path(binary_dir()) / "test-tmp" / name / test;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace textra::testing
