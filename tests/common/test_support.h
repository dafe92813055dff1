// Helpers shared by the tests: where ../shared is, and skipping (or failing under CI=true) without it.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace textra::testing {

// Absolute path of the shared folder, "" if absent.
std::string shared_dir();
// Path of the source tree and the build tree (set by CTest).
std::string source_dir();
std::string binary_dir();
// A fresh empty directory under the build tree for one test's outputs.
std::string temp_dir(const std::string& name);
// Path of a downloaded model file (base/model_paths.h search order), "" if absent.
std::string model_file(const std::string& relative);

}  // namespace textra::testing

// Skips the test with a message when ../shared is absent; fails instead when CI=true (CONTRACTS.md).
#define TEXTRA_REQUIRE_SHARED()                                                   \
  do {                                                                            \
    if (::textra::testing::shared_dir().empty()) {                                \
      const char* ci = std::getenv("CI");                                         \
      if (ci != nullptr && std::string(ci) == "true") {                           \
        FAIL() << "shared data folder not found (set TEXTRA_SHARED)";             \
      }                                                                           \
      GTEST_SKIP() << "shared data folder not found (set TEXTRA_SHARED to run this test)"; \
    }                                                                             \
  } while (0)

// Sets `path` to the model file `relative` (e.g. "ppocr/ppocr_keys_v1.txt"), or skips the test with a message
// when it is missing; fails instead when CI=true (the models come from scripts/setup).
#define TEXTRA_REQUIRE_MODEL(path, relative)                                             \
  do {                                                                                   \
    path = ::textra::testing::model_file(relative);                                      \
    if (path.empty()) {                                                                  \
      const char* ci = std::getenv("CI");                                                \
      if (ci != nullptr && std::string(ci) == "true") {                                  \
        FAIL() << "model file " << (relative) << " not found (run scripts/setup)";       \
      }                                                                                  \
      GTEST_SKIP() << "model file " << (relative) << " not found (run scripts/setup to run this test)"; \
    }                                                                                    \
  } while (0)
