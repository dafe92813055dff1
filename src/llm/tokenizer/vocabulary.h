// The data a tokenizer is built from, independent of where it came from (GGUF metadata
// `tokenizer.ggml.*`, or a Hugging Face tokenizer.json). Token texts are byte strings exactly as stored:
// SentencePiece vocabularies write spaces as U+2581 "▁" and bytes as "<0xAB>", byte-level BPE
// vocabularies write every byte as one printable code point (GPT-2's byte-to-unicode map).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace textra::llm {

using TokenId = std::int32_t;
constexpr TokenId kNoToken = -1;

// Token types as stored in `tokenizer.ggml.token_type` (llama.cpp's llama_token_type).
enum class TokenType : std::int32_t {
  kUndefined = 0,
  kNormal = 1,
  kUnknown = 2,
  kControl = 3,
  kUserDefined = 4,
  kUnused = 5,
  kByte = 6,
};

enum class VocabModel {
  kSentencePiece,  // `llama`: merges chosen by token score, byte fallback, "▁" for spaces
  kByteLevelBpe,   // `gpt2`: merges by rank over byte-level text, regex pre-tokenizer
};

struct Vocabulary {
  VocabModel model = VocabModel::kSentencePiece;
  std::vector<std::string> tokens;
  std::vector<float> scores;           // empty or one per token (SentencePiece merge priority)
  std::vector<TokenType> types;        // empty (all normal) or one per token
  std::vector<std::string> merges;     // byte-level BPE: "left right", highest priority first
  std::string pre_tokenizer;           // `tokenizer.ggml.pre` ("llama-bpe", "qwen2", "gpt-2", ...)
  std::string model_name;              // `general.name`: llama.cpp keys a Phi-3 rule on it
  // Special ids; kNoToken when the vocabulary has none (defaults per model are applied by the tokenizer).
  TokenId bos = kNoToken, eos = kNoToken, eot = kNoToken, eom = kNoToken, unk = kNoToken, pad = kNoToken;
  // Unset means "the default of the model and pre-tokenizer", as llama.cpp does.
  std::optional<bool> add_bos, add_eos, add_space_prefix;

  std::size_t size() const { return tokens.size(); }
  TokenType type_of(TokenId id) const {
    return types.empty() ? TokenType::kNormal : types[static_cast<std::size_t>(id)];
  }
  // Checks that the parallel arrays agree and the special ids are in range; `source` names the file.
  Status validate(const std::string& source) const;
};

// "llama" -> kSentencePiece, "gpt2" -> kByteLevelBpe; other names (bert, t5, rwkv, ...) are unsupported.
Result<VocabModel> vocab_model_from_name(const std::string& name);
const char* vocab_model_name(VocabModel model);  // "llama" / "gpt2", as in GGUF metadata

}  // namespace textra::llm
