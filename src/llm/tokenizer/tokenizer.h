// Text <-> token ids for the two vocabulary families of GGUF models, reproducing llama.cpp
// (llama_tokenize / llama_token_to_piece / llama_detokenize) id for id and byte for byte:
//  - SentencePiece-style (`llama`: Llama 2, Mistral, Phi-3): score-ordered merges, byte fallback, "▁" for
//    spaces and a space prefix at the start and after every special token;
//  - byte-level BPE (`gpt2`: Llama 3, Qwen2, GPT-2): a pre-tokenizer splits words, merges by rank.
// Special-token texts in the input become their ids when asked (parse_special); BOS/EOS are added as the
// vocabulary says (add_special).
//
//   TEXTRA_ASSIGN_OR_RETURN(auto tok, Tokenizer::create(std::move(vocab), "model.gguf"));
//   std::vector<TokenId> ids = tok->encode("Facture n° 12", {.add_special = true, .parse_special = true});
//   std::string text = tok->decode(ids);
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "llm/tokenizer/bpe_encoder.h"
#include "llm/tokenizer/pre_tokenizer.h"
#include "llm/tokenizer/spm_encoder.h"
#include "llm/tokenizer/token_attributes.h"
#include "llm/tokenizer/token_index.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

struct EncodeOptions {
  bool add_special = true;    // BOS (and EOS) as the vocabulary is configured
  bool parse_special = true;  // special/control token texts in the input map to their ids
};

struct DecodeOptions {
  bool remove_special = false;  // drop a leading BOS and a trailing EOS (when the vocabulary adds them)
  bool unparse_special = true;  // write control tokens as their text (otherwise they vanish)
};

class Tokenizer {
 public:
  // `source` names the vocabulary in error messages (a file name).
  static Result<std::unique_ptr<Tokenizer>> create(Vocabulary vocab, const std::string& source);
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Thread-safe (per-thread scratch buffers).
  std::vector<TokenId> encode(std::string_view text, const EncodeOptions& options = {}) const;
  void encode(std::string_view text, const EncodeOptions& options, std::vector<TokenId>& out) const;
  // The bytes of one token (may be partial UTF-8). Control/unknown tokens give "" unless special.
  std::string_view piece(TokenId id, bool special = true) const;
  std::string decode(std::span<const TokenId> ids, const DecodeOptions& options = {}) const;

  const Vocabulary& vocabulary() const { return vocab_; }
  std::size_t size() const { return vocab_.size(); }
  bool contains(TokenId id) const { return id >= 0 && static_cast<std::size_t>(id) < vocab_.size(); }
  VocabModel model() const { return vocab_.model; }
  // The pre-tokenizer of a byte-level BPE vocabulary; nullopt for SentencePiece.
  std::optional<PreTokenizer> pre_tokenizer() const;
  TokenId bos() const { return bos_; }
  TokenId eos() const { return eos_; }
  TokenId eot() const { return attributes_.eot; }
  bool adds_bos() const { return add_bos_; }
  bool adds_eos() const { return add_eos_; }
  bool is_end_of_generation(TokenId id) const;
  bool is_control(TokenId id) const { return contains(id) && (attributes_.attrs[id] & kAttrControl); }
  std::uint16_t attributes(TokenId id) const { return attributes_.attrs[id]; }
  TokenId find(std::string_view token_text) const { return index_.find(token_text); }

 private:
  explicit Tokenizer(Vocabulary vocab);
  struct Fragment {
    TokenId token;  // kNoToken for raw text
    std::uint32_t offset, length;
  };
  void split_special(std::string_view text, bool parse_special, std::vector<Fragment>& fragments) const;
  void encode_text(std::string_view text, bool after_special, std::vector<TokenId>& out) const;
  std::string make_piece(TokenId id) const;

  Vocabulary vocab_;
  TokenIndex index_;
  TokenAttributes attributes_;
  std::optional<PreTokenizerInfo> pre_;
  std::optional<SpmEncoder> spm_;
  std::optional<BpeEncoder> bpe_;
  std::vector<std::string> pieces_;  // token_to_piece(id, special=true) for every id
  TokenId bos_ = kNoToken, eos_ = kNoToken;
  bool add_bos_ = false, add_eos_ = false, add_space_prefix_ = false, clean_spaces_ = false;
};

}  // namespace textra::llm
