#include "llm/tokenizer/token_index.h"

#include <cstring>

namespace textra::llm {

std::uint64_t TokenIndex::hash_of(std::string_view text) {
  // FNV-1a, then a final mix so that the low bits (the slot) depend on every byte.
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

TokenIndex::TokenIndex(const Vocabulary& vocab) : vocab_(&vocab) {
  std::size_t capacity = 16;
  while (capacity < vocab.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{0, kNoToken});
  mask_ = capacity - 1;
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    const std::string& text = vocab.tokens[i];
    const std::uint64_t h = hash_of(text);
    for (std::uint64_t s = h & mask_;; s = (s + 1) & mask_) {
      Slot& slot = slots_[s];
      if (slot.id == kNoToken || (slot.hash == h && vocab.tokens[slot.id] == text)) {
        slot = {h, static_cast<TokenId>(i)};  // a repeated text: the later id replaces the earlier
        break;
      }
    }
  }
}

TokenId TokenIndex::find(std::string_view text) const {
  const std::uint64_t h = hash_of(text);
  for (std::uint64_t s = h & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.id == kNoToken) return kNoToken;
    if (slot.hash == h) {
      const std::string& token = vocab_->tokens[slot.id];
      if (token.size() == text.size() && std::memcmp(token.data(), text.data(), text.size()) == 0) return slot.id;
    }
  }
}

}  // namespace textra::llm
