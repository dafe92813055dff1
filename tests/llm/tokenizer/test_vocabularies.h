// Small vocabularies built in code for the unit tests.
#pragma once

#include <cstdio>

#include "llm/tokenizer/unicode_classes.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm::test {

inline constexpr const char* kSpace = "\xE2\x96\x81";  // ▁

// SentencePiece-style: <unk> <s> </s>, 256 byte tokens (ids 3..258), then scored pieces.
inline Vocabulary spm_vocabulary() {
  Vocabulary v;
  v.model = VocabModel::kSentencePiece;
  const auto add = [&](std::string text, float score, TokenType type) {
    v.tokens.push_back(std::move(text));
    v.scores.push_back(score);
    v.types.push_back(type);
    return static_cast<TokenId>(v.tokens.size() - 1);
  };
  add("<unk>", 0, TokenType::kUnknown);
  add("<s>", 0, TokenType::kControl);
  add("</s>", 0, TokenType::kControl);
  for (int b = 0; b < 256; ++b) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "<0x%02X>", b);
    add(hex, 0, TokenType::kByte);
  }
  const std::string s = kSpace;
  add(s, -10, TokenType::kNormal);           // 259
  add("a", -11, TokenType::kNormal);         // 260
  add("b", -12, TokenType::kNormal);         // 261
  add("c", -13, TokenType::kNormal);         // 262
  add("ab", -1, TokenType::kNormal);         // 263
  add("bc", -2, TokenType::kNormal);         // 264
  add(s + "a", -3, TokenType::kNormal);      // 265
  add(s + "ab", -4, TokenType::kNormal);     // 266
  add("abc", -5, TokenType::kNormal);        // 267
  add("aa", -1, TokenType::kNormal);         // 268
  add("<|end|>", 0, TokenType::kControl);    // 269
  add("<|endoftext|>", 0, TokenType::kControl);  // 270
  add("<sep>", 0, TokenType::kUserDefined);  // 271
  v.bos = 1;
  v.eos = 2;
  v.unk = 0;
  return v;
}

// Byte-level BPE: the 256 byte symbols (id = byte), then "ab" 256, "bc" 257, "abc" 258, "xyz" 259 (no merge
// makes it), <|bos|> 260 (control).
inline Vocabulary bpe_vocabulary(const std::string& pre) {
  Vocabulary v;
  v.model = VocabModel::kByteLevelBpe;
  v.pre_tokenizer = pre;
  for (int b = 0; b < 256; ++b) v.tokens.push_back(byte_to_symbol(static_cast<std::uint8_t>(b)));
  v.tokens.insert(v.tokens.end(), {"ab", "bc", "abc", "xyz", "<|bos|>"});
  v.types.assign(v.tokens.size(), TokenType::kNormal);
  v.types.back() = TokenType::kControl;
  v.merges = {"a b", "b c", "ab c", "x y"};
  v.bos = 260;
  return v;
}

}  // namespace textra::llm::test
