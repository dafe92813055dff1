// Text -> id lookup over a vocabulary's token texts (views into the Vocabulary, which must outlive it).
// When two tokens share a text the later id wins, as in llama.cpp.
#pragma once

#include <string_view>
#include <unordered_map>

#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

class TokenIndex {
 public:
  explicit TokenIndex(const Vocabulary& vocab) {
    map_.reserve(vocab.size());
    for (std::size_t i = 0; i < vocab.size(); ++i) map_[vocab.tokens[i]] = static_cast<TokenId>(i);
  }
  TokenId find(std::string_view text) const {
    auto it = map_.find(text);
    return it == map_.end() ? kNoToken : it->second;
  }

 private:
  std::unordered_map<std::string_view, TokenId> map_;
};

}  // namespace textra::llm
