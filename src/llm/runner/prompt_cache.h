// The prompt cache (docs/llm-extraction.md "Prompt cache"): the KV cache of a prompt's fixed prefix (the
// instructions and the schema of an extraction) computed once and restored into the session of every
// later request with the same prefix, in this process (memory) and in later ones (a file per prefix).
// Files are named by the hash of the model and of the prefix tokens, checked before use (a file that does
// not match is removed and rebuilt), and the folder is kept under a size bound, oldest files evicted.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "llm/model/model.h"

namespace textra::llm {

struct PromptCacheOptions {
  bool enabled = true;                    // false: no memory and no file cache
  std::string dir;                        // the files go in DIR/prompts; "": memory only
  uint64_t max_file_bytes = 4ULL << 30;   // bound of DIR/prompts' total size
  size_t max_memory_prefixes = 4;         // prefixes kept in memory, the least recently used dropped
};

// $XDG_CACHE_HOME/textra, else $HOME/.cache/textra ("" when neither variable is set).
std::string default_prompt_cache_dir();

// Identifies a model file's contents without reading all of it: its size, modification time, and hashes
// of its first MiB (the GGUF header and metadata) and of 64 blocks of 4 KiB spread over the rest.
uint64_t model_file_hash(const std::string& path, std::span<const uint8_t> bytes);

class PromptCache {
 public:
  // model_hash stands for the model file and the kernels that computed the KV values; each call's `context`
  // (the session's n_ctx, on which Phi-3's rope factors depend) is mixed into it.
  PromptCache(uint64_t model_hash, PromptCacheOptions options);

  bool enabled() const { return options_.enabled; }
  // The KV of exactly these tokens: from memory, else from their file if it checks out; null otherwise.
  std::shared_ptr<const KvSnapshot> find(std::span<const int32_t> tokens, int64_t context);
  // Keeps the KV of these tokens in memory and writes their file (a write error only costs the file).
  void store(std::span<const int32_t> tokens, int64_t context, std::shared_ptr<const KvSnapshot> kv);
  // Where the file of these tokens is (or would be); "" without a folder.
  std::string file_for(std::span<const int32_t> tokens, int64_t context) const;

 private:
  struct Entry {
    uint64_t key;
    std::vector<int32_t> tokens;
    std::shared_ptr<const KvSnapshot> kv;
  };
  uint64_t key_for(int64_t context) const;
  void remember(uint64_t key, std::span<const int32_t> tokens, std::shared_ptr<const KvSnapshot> kv);
  void evict_files() const;

  uint64_t model_hash_;
  PromptCacheOptions options_;
  std::mutex mutex_;
  std::list<Entry> memory_;  // most recently used first
};

}  // namespace textra::llm
