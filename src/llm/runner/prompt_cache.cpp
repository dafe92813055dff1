#include "llm/runner/prompt_cache.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/log.h"
#include "llm/runner/prompt_cache_file.h"

namespace textra::llm {
namespace fs = std::filesystem;

std::string default_prompt_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && *xdg != '\0') return (fs::path(xdg) / "textra").string();
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return (fs::path(home) / ".cache" / "textra").string();
  return "";
}

uint64_t model_file_hash(const std::string& path, std::span<const uint8_t> bytes) {
  std::error_code ec;
  const auto mtime = fs::last_write_time(path, ec);
  const int64_t ticks = ec ? 0 : static_cast<int64_t>(mtime.time_since_epoch().count());
  const uint64_t size = bytes.size();
  uint64_t h = content_hash(&size, sizeof size, static_cast<uint64_t>(ticks));
  constexpr size_t kHead = 1 << 20, kBlock = 4096, kBlocks = 64;
  h = content_hash(bytes.data(), std::min(bytes.size(), kHead), h);
  if (bytes.size() > kHead + kBlock) {
    const size_t span = bytes.size() - kHead - kBlock;
    for (size_t i = 0; i < kBlocks; ++i) h = content_hash(bytes.data() + kHead + span * i / (kBlocks - 1), kBlock, h);
  }
  return h;
}

PromptCache::PromptCache(uint64_t model_hash, PromptCacheOptions options)
    : model_hash_(model_hash), options_(std::move(options)) {}

uint64_t PromptCache::key_for(int64_t context) const { return content_hash(&context, sizeof context, model_hash_); }

std::string PromptCache::file_for(std::span<const int32_t> tokens, int64_t context) const {
  if (options_.dir.empty()) return "";
  char name[48];
  std::snprintf(name, sizeof name, "%016llx-%016llx.kv", static_cast<unsigned long long>(key_for(context)),
                static_cast<unsigned long long>(tokens_hash(tokens)));
  return (fs::path(options_.dir) / "prompts" / name).string();
}

std::shared_ptr<const KvSnapshot> PromptCache::find(std::span<const int32_t> tokens, int64_t context) {
  if (!options_.enabled || tokens.empty()) return nullptr;
  const uint64_t key = key_for(context);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = memory_.begin(); it != memory_.end(); ++it) {
      if (it->key == key && std::equal(it->tokens.begin(), it->tokens.end(), tokens.begin(), tokens.end())) {
        memory_.splice(memory_.begin(), memory_, it);
        return memory_.front().kv;
      }
    }
  }
  const std::string path = file_for(tokens, context);
  if (path.empty()) return nullptr;
  auto kv = read_prompt_cache(path, key, tokens);
  if (!kv.is_ok()) {
    if (kv.status().code() != ErrorCode::kNotFound) {
      LOG_WARN("prompt cache: " << kv.status().message() << "; it is rebuilt");
      std::error_code ec;
      fs::remove(path, ec);
    }
    return nullptr;
  }
  auto shared = std::make_shared<const KvSnapshot>(std::move(*kv));
  remember(key, tokens, shared);
  // A used file is young again: eviction removes the least recently used.
  std::error_code ec;
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
  return shared;
}

void PromptCache::store(std::span<const int32_t> tokens, int64_t context, std::shared_ptr<const KvSnapshot> kv) {
  if (!options_.enabled || tokens.empty() || kv == nullptr) return;
  const uint64_t key = key_for(context);
  remember(key, tokens, kv);
  const std::string path = file_for(tokens, context);
  if (path.empty()) return;
  Status written = write_prompt_cache(path, key, tokens, *kv);
  if (!written.is_ok()) {
    LOG_WARN("prompt cache: " << written.message());
    return;
  }
  evict_files();
}

void PromptCache::remember(uint64_t key, std::span<const int32_t> tokens, std::shared_ptr<const KvSnapshot> kv) {
  std::lock_guard<std::mutex> lock(mutex_);
  memory_.push_front({key, {tokens.begin(), tokens.end()}, std::move(kv)});
  while (memory_.size() > std::max<size_t>(1, options_.max_memory_prefixes)) memory_.pop_back();
}

void PromptCache::evict_files() const {
  std::error_code ec;
  struct File {
    fs::path path;
    fs::file_time_type time;
    uint64_t bytes;
  };
  std::vector<File> files;
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(options_.dir) / "prompts", ec)) {
    if (!entry.is_regular_file(ec) || entry.path().extension() != ".kv") continue;
    File f{entry.path(), entry.last_write_time(ec), entry.file_size(ec)};
    if (ec) continue;
    total += f.bytes;
    files.push_back(std::move(f));
  }
  std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.time < b.time; });
  // The newest file stays even when it alone exceeds the bound: it is the one in use.
  for (size_t i = 0; i + 1 < files.size() && total > options_.max_file_bytes; ++i) {
    if (fs::remove(files[i].path, ec)) total -= files[i].bytes;
  }
}

}  // namespace textra::llm
