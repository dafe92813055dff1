// Text -> id lookup over a vocabulary's token texts (views into the Vocabulary, which must outlive it).
// When two tokens share a text the later id wins, as in llama.cpp. Open addressing over a flat array of
// (hash, id) slots: tokenizing is mostly these lookups, and a node-based map costs a cache miss more each.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

class TokenIndex {
 public:
  explicit TokenIndex(const Vocabulary& vocab);
  TokenId find(std::string_view text) const;

 private:
  struct Slot {
    std::uint64_t hash;
    TokenId id;  // kNoToken: empty
  };
  static std::uint64_t hash_of(std::string_view text);
  const Vocabulary* vocab_;
  std::vector<Slot> slots_;  // size is a power of two, at most half full
  std::uint64_t mask_ = 0;
};

}  // namespace textra::llm
