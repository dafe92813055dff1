#include "llm/runner/prompt_cache_file.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace textra::llm {
namespace {

constexpr char kMagic[8] = {'T', 'X', 'K', 'V', 'P', 'F', 'X', '\0'};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t reserved;
  uint64_t model_hash;
  uint64_t tokens_hash;
  uint64_t n_tokens;
  uint64_t values;  // per K and per V array
};
static_assert(sizeof(Header) == 48);

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// The checksum of a file: the hash chained over its sections in file order.
uint64_t checksum_of(const Header& header, std::span<const int32_t> tokens, const KvSnapshot& kv) {
  uint64_t h = content_hash(&header, sizeof header);
  h = content_hash(tokens.data(), tokens.size_bytes(), h);
  h = content_hash(kv.k.data(), kv.k.size() * sizeof(uint16_t), h);
  return content_hash(kv.v.data(), kv.v.size() * sizeof(uint16_t), h);
}

}  // namespace

uint64_t content_hash(const void* data, size_t size, uint64_t seed) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  uint64_t h = mix(seed ^ (size * 0x9e3779b97f4a7c15ULL));
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    h = (h ^ mix(word)) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, bytes + i, size - i);
  return mix(h ^ mix(tail ^ (size - i)));
}

uint64_t tokens_hash(std::span<const int32_t> tokens) { return content_hash(tokens.data(), tokens.size_bytes()); }

Status write_prompt_cache(const std::string& path, uint64_t model_hash, std::span<const int32_t> tokens,
                          const KvSnapshot& kv) {
  if (kv.n_tokens != static_cast<int64_t>(tokens.size()) || kv.k.size() != kv.v.size()) {
    return invalid_argument("prompt cache: the KV snapshot does not hold the prefix's " +
                            std::to_string(tokens.size()) + " tokens");
  }
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.version = kPromptCacheFormatVersion;
  header.model_hash = model_hash;
  header.tokens_hash = tokens_hash(tokens);
  header.n_tokens = tokens.size();
  header.values = kv.k.size();
  const uint64_t checksum = checksum_of(header, tokens, kv);

  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  const std::string temporary = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&header), sizeof header);
    out.write(reinterpret_cast<const char*>(tokens.data()), static_cast<std::streamsize>(tokens.size_bytes()));
    out.write(reinterpret_cast<const char*>(kv.k.data()), static_cast<std::streamsize>(kv.k.size() * 2));
    out.write(reinterpret_cast<const char*>(kv.v.data()), static_cast<std::streamsize>(kv.v.size() * 2));
    out.write(reinterpret_cast<const char*>(&checksum), sizeof checksum);
    if (!out.flush()) {
      std::filesystem::remove(temporary, ec);
      return io_error(temporary + ": cannot write the prompt cache file");
    }
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return io_error(path + ": cannot move the prompt cache file into place: " + ec.message());
  }
  return Status::ok();
}

Result<KvSnapshot> read_prompt_cache(const std::string& path, uint64_t model_hash, std::span<const int32_t> tokens) {
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return not_found(path + ": no prompt cache file");
  std::ifstream in(path, std::ios::binary);
  Header header{};
  if (size < sizeof header || !in.read(reinterpret_cast<char*>(&header), sizeof header)) {
    return corrupt(path + ": truncated prompt cache file (no header)");
  }
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0) return corrupt(path + ": not a prompt cache file");
  if (header.version != kPromptCacheFormatVersion) {
    return corrupt(path + ": prompt cache format " + std::to_string(header.version) + ", expected " +
                   std::to_string(kPromptCacheFormatVersion));
  }
  if (header.model_hash != model_hash) return corrupt(path + ": the prompt cache is of another model file");
  if (header.n_tokens != tokens.size() || header.tokens_hash != tokens_hash(tokens)) {
    return corrupt(path + ": the prompt cache is of another prompt prefix");
  }
  // The header's counts decide the size; checked before allocating so that a forged header cannot ask for more.
  const uint64_t expected = sizeof header + header.n_tokens * 4 + header.values * 4 + 8;
  if (header.values > size || expected != size) {
    return corrupt(path + ": prompt cache file of " + std::to_string(size) + " bytes, its header says " +
                   std::to_string(expected));
  }
  std::vector<int32_t> stored(header.n_tokens);
  KvSnapshot kv;
  kv.n_tokens = static_cast<int64_t>(header.n_tokens);
  kv.k.resize(header.values);
  kv.v.resize(header.values);
  uint64_t checksum = 0;
  in.read(reinterpret_cast<char*>(stored.data()), static_cast<std::streamsize>(stored.size() * 4));
  in.read(reinterpret_cast<char*>(kv.k.data()), static_cast<std::streamsize>(kv.k.size() * 2));
  in.read(reinterpret_cast<char*>(kv.v.data()), static_cast<std::streamsize>(kv.v.size() * 2));
  in.read(reinterpret_cast<char*>(&checksum), sizeof checksum);
  if (!in) return corrupt(path + ": truncated prompt cache file");
  if (!std::equal(stored.begin(), stored.end(), tokens.begin())) {
    return corrupt(path + ": the prompt cache is of another prompt prefix");
  }
  if (checksum != checksum_of(header, stored, kv)) return corrupt(path + ": prompt cache checksum mismatch");
  return kv;
}

}  // namespace textra::llm
