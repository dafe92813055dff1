// The prompt cache's file: the KV cache of one prompt prefix, written so that any change makes it refused,
// never trusted (docs/llm-extraction.md "Prompt cache"). Layout (host byte order, little-endian on x86):
//   "TXKVPFX\0"  u32 format version  u32 0
//   u64 hash of the model fingerprint   u64 hash of the prefix tokens
//   u64 n_tokens   u64 values per K (= per V) array
//   i32 tokens[n_tokens]   u16 k[values]   u16 v[values]   (Session's KvSnapshot layout)
//   u64 checksum: content_hash chained over the header, tokens, k and v sections
// A file is accepted only when its size is exactly what its header says, its magic, version, model and
// tokens equal the ones asked for, and the checksum matches.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "base/status.h"
#include "llm/model/model.h"

namespace textra::llm {

inline constexpr uint32_t kPromptCacheFormatVersion = 1;

// A fast 64-bit hash of bytes (8-byte words, multiply-xorshift mixing): a checksum and a key, not a MAC.
uint64_t content_hash(const void* data, size_t size, uint64_t seed = 0);
inline uint64_t content_hash(std::string_view text, uint64_t seed = 0) {
  return content_hash(text.data(), text.size(), seed);
}
uint64_t tokens_hash(std::span<const int32_t> tokens);

// Writes the cache file of this prefix (kv holds its tokens' positions), streamed (no second copy of the
// KV bytes) to a temporary file renamed into place, so readers never see a half-written file.
Status write_prompt_cache(const std::string& path, uint64_t model_hash, std::span<const int32_t> tokens,
                          const KvSnapshot& kv);
// The snapshot a file holds, if it is one for exactly this model and these tokens; a status saying why not
// otherwise (missing, truncated, another model or prefix, checksum mismatch...).
Result<KvSnapshot> read_prompt_cache(const std::string& path, uint64_t model_hash, std::span<const int32_t> tokens);

}  // namespace textra::llm
