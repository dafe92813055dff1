#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "base/files.h"
#include "extract/llm_backend.h"
#include "test_support.h"

namespace textra::extract {
namespace {

namespace fs = std::filesystem;

TEST(OllamaModels, ManifestLeadsToTheModelBlob) {
  fs::path dir = testing::temp_dir("ollama-models");
  std::string hex(64, 'a');
  fs::create_directories(dir / "manifests/registry.ollama.ai/library/llama3");
  fs::create_directories(dir / "blobs");
  ASSERT_TRUE(write_file((dir / "blobs" / ("sha256-" + hex)).string(), "GGUF...").is_ok());
  std::string manifest = R"({"schemaVersion":2,"layers":[
      {"mediaType":"application/vnd.ollama.image.template","digest":"sha256:)" + std::string(64, 'b') + R"("},
      {"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" + hex + R"("}]})";
  ASSERT_TRUE(write_file((dir / "manifests/registry.ollama.ai/library/llama3/8b").string(), manifest).is_ok());
  setenv("OLLAMA_MODELS", dir.c_str(), 1);
  auto blob = resolve_ollama_model("llama3:8b");
  ASSERT_TRUE(blob.is_ok()) << blob.status().message();
  EXPECT_EQ(*blob, (dir / "blobs" / ("sha256-" + hex)).string());
  auto missing = resolve_ollama_model("llama3");  // tag "latest" was never pulled
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("ollama pull llama3"), std::string::npos);
  EXPECT_FALSE(resolve_ollama_model("../../etc/passwd:x").is_ok());
  unsetenv("OLLAMA_MODELS");
}

TEST(OllamaModels, ListsEveryResolvableModelUnderItsOllamaName) {
  fs::path dir = testing::temp_dir("ollama-list");
  fs::create_directories(dir / "blobs");
  auto add = [&](const std::string& manifest_path, char digit) {
    std::string hex(64, digit);
    ASSERT_TRUE(write_file((dir / "blobs" / ("sha256-" + hex)).string(), "GGUF...").is_ok());
    fs::create_directories((dir / "manifests" / manifest_path).parent_path());
    std::string manifest = R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" + hex +
                           R"("}]})";
    ASSERT_TRUE(write_file((dir / "manifests" / manifest_path).string(), manifest).is_ok());
  };
  add("registry.ollama.ai/library/llama3.2/1b", 'a');
  add("registry.ollama.ai/someone/phi3/latest", 'b');
  add("example.com/team/qwen/q4", 'c');
  // A manifest whose blob is missing is left out.
  fs::create_directories(dir / "manifests/registry.ollama.ai/library/gone");
  ASSERT_TRUE(write_file((dir / "manifests/registry.ollama.ai/library/gone/latest").string(),
                         R"({"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" +
                             std::string(64, 'd') + R"("}]})").is_ok());
  std::vector<OllamaModel> models = list_ollama_models(dir.string());
  ASSERT_EQ(models.size(), 3u);
  EXPECT_EQ(models[0].name, "example.com/team/qwen:q4");
  EXPECT_EQ(models[1].name, "llama3.2:1b");
  EXPECT_EQ(models[1].blob_path, (dir / "blobs" / ("sha256-" + std::string(64, 'a'))).string());
  EXPECT_EQ(models[2].name, "someone/phi3:latest");
  EXPECT_TRUE(list_ollama_models((dir / "nothing-here").string()).empty());
}

}  // namespace
}  // namespace textra::extract
