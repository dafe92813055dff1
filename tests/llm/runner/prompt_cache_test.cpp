// The prompt cache on a tiny synthetic model: a session restored from a snapshot continues exactly as the
// one that computed it, the snapshot holds only the prefix's KV bytes, and a cache file is used only when
// it is the one asked for, intact: any other (truncated, a flipped byte, another model or prefix, another
// format) is refused, removed and rebuilt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "base/files.h"
#include "llm/model/synthetic_model.h"
#include "llm/runner/prompt_cache.h"
#include "llm/runner/prompt_cache_file.h"
#include "test_support.h"

namespace textra::llm {
namespace {

namespace fs = std::filesystem;

// Two small layers, GQA (4 heads, 2 KV heads): the snapshot's layout is exercised per layer and head.
std::unique_ptr<Model> tiny_model() {
  SynthOptions options;
  options.preset = {"tiny", Arch::kLlama, 300, 64, 2, 4, 2, 128, 256, 10000.0f, 1e-5f, true, false, 0};
  options.file_type = SynthFileType::kF16;
  const std::string path = (fs::temp_directory_path() / ("textra_cache_" + std::to_string(::getpid()) + ".gguf")).string();
  Status written = write_synthetic_model(options, path);
  EXPECT_TRUE(written.is_ok()) << written.message();
  auto model = Model::load(path);
  fs::remove(path);
  EXPECT_TRUE(model.is_ok()) << model.status().message();
  return model.is_ok() ? std::move(*model) : nullptr;
}

std::vector<int32_t> tokens(int32_t first, int n) {
  std::vector<int32_t> out;
  for (int i = 0; i < n; ++i) out.push_back((first + 37 * i) % 256);
  return out;
}

std::vector<float> logits_after(const Model& model, const KvSnapshot* prefix, int64_t n_prefix,
                                const std::vector<int32_t>& prompt) {
  Session session(model, {.n_ctx = 128, .n_threads = 1});
  if (prefix != nullptr) {
    EXPECT_TRUE(session.restore(*prefix, n_prefix).is_ok());
  }
  EXPECT_TRUE(session.eval(std::span(prompt).subspan(static_cast<size_t>(n_prefix))).is_ok());
  const float* logits = session.last_logits();
  return {logits, logits + model.config().n_vocab};
}

KvSnapshot snapshot_of(const Model& model, const std::vector<int32_t>& prefix) {
  Session session(model, {.n_ctx = 128, .n_threads = 1});
  EXPECT_TRUE(session.eval(prefix).is_ok());
  return session.snapshot(static_cast<int64_t>(prefix.size()));
}

TEST(PromptCache, RestoredSessionContinuesExactly) {
  auto model = tiny_model();
  ASSERT_NE(model, nullptr);
  std::vector<int32_t> prompt = tokens(5, 40);
  // Prefix of 30 computed alone (as the cache does), the rest evaluated after a restore.
  KvSnapshot prefix = snapshot_of(*model, {prompt.begin(), prompt.begin() + 30});
  EXPECT_EQ(prefix.bytes(), kv_cache_bytes(model->config(), 30));  // only the prefix's positions
  const std::vector<float> plain = logits_after(*model, nullptr, 0, prompt);
  EXPECT_EQ(logits_after(*model, &prefix, 30, prompt), plain);
  // The first positions of a longer snapshot serve a shorter shared prefix.
  EXPECT_EQ(logits_after(*model, &prefix, 17, prompt), plain);
}

TEST(PromptCache, RestoreRefusesAForeignSnapshot) {
  auto model = tiny_model();
  ASSERT_NE(model, nullptr);
  KvSnapshot prefix = snapshot_of(*model, tokens(1, 10));
  Session session(*model, {.n_ctx = 128, .n_threads = 1});
  EXPECT_FALSE(session.restore(prefix, 11).is_ok());  // more positions than it holds
  prefix.k.pop_back();
  EXPECT_FALSE(session.restore(prefix, 5).is_ok());   // not this model's shape
}

class PromptCacheFile : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = tiny_model();
    ASSERT_NE(model_, nullptr);
    dir_ = testing::temp_dir("prompt_cache");
    prefix_ = tokens(3, 24);
    kv_ = std::make_shared<const KvSnapshot>(snapshot_of(*model_, prefix_));
  }
  PromptCache cache(uint64_t model_hash = 42) { return PromptCache(model_hash, {.dir = dir_}); }
  // The file written by one cache, found by a fresh one (a new process).
  std::string write_file() {
    PromptCache writer = cache();
    writer.store(prefix_, 128, kv_);
    const std::string path = writer.file_for(prefix_, 128);
    EXPECT_TRUE(fs::exists(path)) << path;
    return path;
  }
  void expect_refused_then_rebuilt(const std::string& path) {
    PromptCache reader = cache();
    EXPECT_EQ(reader.find(prefix_, 128), nullptr);
    EXPECT_FALSE(fs::exists(path)) << "a bad file is removed";
    reader.store(prefix_, 128, kv_);
    PromptCache again = cache();
    auto found = again.find(prefix_, 128);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->k, kv_->k);
  }

  std::unique_ptr<Model> model_;
  std::string dir_;
  std::vector<int32_t> prefix_;
  std::shared_ptr<const KvSnapshot> kv_;
};

TEST_F(PromptCacheFile, ANewProcessReadsTheSameKv) {
  write_file();
  PromptCache reader = cache();
  auto found = reader.find(prefix_, 128);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->n_tokens, kv_->n_tokens);
  EXPECT_EQ(found->k, kv_->k);
  EXPECT_EQ(found->v, kv_->v);
}

TEST_F(PromptCacheFile, TruncatedFileIsRefusedAndRebuilt) {
  const std::string path = write_file();
  fs::resize_file(path, fs::file_size(path) - 9);
  EXPECT_EQ(read_prompt_cache(path, 0, prefix_).status().code(), ErrorCode::kCorrupt);
  expect_refused_then_rebuilt(path);
}

TEST_F(PromptCacheFile, FlippedByteIsRefusedAndRebuilt) {
  const std::string path = write_file();
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(static_cast<std::streamoff>(fs::file_size(path) / 2));
  char byte = 0;
  file.read(&byte, 1);
  file.seekp(static_cast<std::streamoff>(fs::file_size(path) / 2));
  byte = static_cast<char>(byte ^ 0x10);
  file.write(&byte, 1);
  file.close();
  expect_refused_then_rebuilt(path);
}

TEST_F(PromptCacheFile, AnotherModelOrPrefixOrContextMisses) {
  write_file();
  EXPECT_EQ(cache(43).find(prefix_, 128), nullptr);  // the model file changed
  std::vector<int32_t> other = prefix_;
  other.back() ^= 1;                                  // the schema or prompt changed
  EXPECT_EQ(cache().find(other, 128), nullptr);
  EXPECT_EQ(cache().find(prefix_, 256), nullptr);     // another context (Phi-3's rope factors)
  EXPECT_NE(cache().find(prefix_, 128), nullptr);
}

TEST_F(PromptCacheFile, FileOfAnotherModelUnderThisNameIsRefused) {
  PromptCache other_model = cache(43);
  other_model.store(prefix_, 128, kv_);
  const std::string path = cache().file_for(prefix_, 128);
  fs::rename(other_model.file_for(prefix_, 128), path);
  expect_refused_then_rebuilt(path);
}

TEST_F(PromptCacheFile, AnotherFormatVersionIsRefused) {
  const std::string path = write_file();
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  const uint32_t version = kPromptCacheFormatVersion + 1;
  file.seekp(8);
  file.write(reinterpret_cast<const char*>(&version), sizeof version);
  file.close();
  expect_refused_then_rebuilt(path);
}

TEST_F(PromptCacheFile, FolderIsKeptUnderItsBoundOldestFirst) {
  const uint64_t one = fs::file_size(write_file());
  PromptCache bounded(42, {.dir = dir_, .max_file_bytes = 2 * one + one / 2});
  std::vector<std::string> paths = {bounded.file_for(prefix_, 128)};
  for (int context : {129, 130}) {
    bounded.store(prefix_, context, kv_);
    paths.push_back(bounded.file_for(prefix_, context));
  }
  EXPECT_FALSE(fs::exists(paths[0])) << "the oldest file goes";
  EXPECT_TRUE(fs::exists(paths[1]));
  EXPECT_TRUE(fs::exists(paths[2]));
}

TEST_F(PromptCacheFile, DisabledCacheKeepsNothing) {
  PromptCache off(42, {.enabled = false, .dir = dir_});
  off.store(prefix_, 128, kv_);
  EXPECT_EQ(off.find(prefix_, 128), nullptr);
  EXPECT_FALSE(fs::exists(off.file_for(prefix_, 128)));
}

TEST(PromptCacheDir, FollowsXdgCacheHomeThenHome) {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const std::string saved = xdg != nullptr ? xdg : "";
  ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
  EXPECT_EQ(default_prompt_cache_dir(), "/tmp/xdg/textra");
  ::unsetenv("XDG_CACHE_HOME");
  EXPECT_EQ(default_prompt_cache_dir(), std::string(std::getenv("HOME")) + "/.cache/textra");
  if (xdg != nullptr) ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
}

}  // namespace
}  // namespace textra::llm
