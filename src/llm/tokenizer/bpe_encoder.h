// Byte-level BPE over one pre-tokenized word: the word's bytes become byte-level symbols, then the
// adjacent pair with the lowest merge rank is merged (leftmost first on ties) until no pair has a merge.
// Symbols are interned strings (every token text and every merge part/result), so a merge is one hash
// lookup of two integers instead of string concatenations.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "llm/tokenizer/token_index.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

struct BpeScratch;

class BpeEncoder {
 public:
  static Result<BpeEncoder> build(const Vocabulary& vocab, const TokenIndex& index, bool ignore_merges);

  // Appends the tokens of one word (raw bytes, not byte-level text).
  void encode_word(std::string_view word, BpeScratch& scratch, std::vector<TokenId>& out) const;

 private:
  using SymbolId = std::int32_t;  // < vocabulary size: that token; above: a string that is no token
  struct Merge {
    std::int32_t rank;
    SymbolId result;
  };
  static std::uint64_t pair_key(SymbolId left, SymbolId right) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(left)) << 32) | static_cast<std::uint32_t>(right);
  }
  void emit_symbol(SymbolId symbol, std::vector<TokenId>& out) const;

  const TokenIndex* index_ = nullptr;
  bool ignore_merges_ = false;
  std::int32_t n_tokens_ = 0;
  std::vector<std::string> extra_symbols_;  // texts of symbols n_tokens_, n_tokens_ + 1, ...
  SymbolId byte_symbols_[256] = {};
  std::unordered_map<std::uint64_t, Merge> merges_;
};

// Reusable buffers (one per thread).
struct BpeScratch {
  struct Symbol {
    std::int32_t symbol;  // SymbolId
    std::int32_t prev, next;
    bool alive;
  };
  struct Candidate {
    std::int32_t rank, left, right;
    std::int32_t left_symbol, right_symbol, result;
  };
  std::vector<Symbol> symbols;
  std::vector<Candidate> heap;
  std::string encoded;  // the word as byte-level text
};

}  // namespace textra::llm
