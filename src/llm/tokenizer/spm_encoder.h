// SentencePiece-style BPE (llama.cpp's `llama` vocabularies): the text (spaces already written as "▁")
// starts as one symbol per UTF-8 character; the adjacent pair whose concatenation is the token with the
// highest score is merged (leftmost first on ties) until no pair forms a token. A symbol that is no token
// falls back to its byte tokens "<0xAB>".
#pragma once

#include <string_view>
#include <vector>

#include "llm/tokenizer/token_index.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

struct SpmScratch {
  struct Symbol {
    std::int32_t prev, next;
    std::uint32_t offset, length;  // bytes of the text; length 0 once merged into its left neighbour
    TokenId token;                 // known once merged; single characters are looked up at the end
  };
  struct Candidate {
    float score;
    std::int32_t left, right;
    std::uint32_t length;  // of the merged text: a mismatch means the pair is stale
    TokenId token;
  };
  std::vector<Symbol> symbols;
  std::vector<Candidate> heap;
};

class SpmEncoder {
 public:
  SpmEncoder(const Vocabulary& vocab, const TokenIndex& index);
  void encode(std::string_view text, SpmScratch& scratch, std::vector<TokenId>& out) const;
  // The token of one byte: "<0xAB>", else the byte as a one-character token, else unk (kNoToken if none).
  TokenId byte_token(unsigned char byte) const { return byte_tokens_[byte]; }

 private:
  const Vocabulary* vocab_;
  const TokenIndex* index_;
  TokenId byte_tokens_[256];
};

}  // namespace textra::llm
