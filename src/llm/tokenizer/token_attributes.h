// Per-token attributes as llama.cpp derives them from the token types, plus the rules it applies by
// token text and model name (end-of-generation tokens become control tokens; Phi-3 specials strip the
// white space that follows them).
#pragma once

#include <cstdint>
#include <vector>

#include "llm/tokenizer/token_index.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

enum TokenAttr : std::uint16_t {
  kAttrNormal = 1 << 0,
  kAttrUnknown = 1 << 1,
  kAttrControl = 1 << 2,
  kAttrUserDefined = 1 << 3,
  kAttrUnused = 1 << 4,
  kAttrByte = 1 << 5,
  kAttrLstrip = 1 << 6,  // white space before the token is dropped when it is parsed from text
  kAttrRstrip = 1 << 7,  // white space after the token is dropped when it is parsed from text
};

// Texts llama.cpp treats as end of generation (and therefore as control tokens).
bool is_end_of_generation_text(std::string_view text);

struct TokenAttributes {
  std::vector<std::uint16_t> attrs;          // one per token
  std::vector<TokenId> special_tokens;       // control, user-defined and unknown tokens, longest text first
  std::vector<TokenId> end_of_generation;    // sorted
  TokenId eot = kNoToken;                    // the vocabulary's, else the first end-of-turn text found
};

TokenAttributes derive_token_attributes(const Vocabulary& vocab, const TokenIndex& index);

}  // namespace textra::llm
