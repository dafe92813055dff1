// Byte-level BPE pre-tokenizers: the regexes of the model families, written out by hand (no regex engine)
// with the exact leftmost-first semantics of the originals, so a word boundary never differs from
// llama.cpp's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "llm/tokenizer/unicode_classes.h"

namespace textra::llm {

enum class PreTokenizer {
  // GPT-2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
  kGpt2,
  // Llama 3: (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|
  //          \s*[\r\n]+|\s+(?!\S)|\s+
  kLlama3,
  // Qwen2: as Llama 3 with \p{N} (one digit per word).
  kQwen2,
};

// Behaviour that llama.cpp ties to the pre-tokenizer name (`tokenizer.ggml.pre`).
struct PreTokenizerInfo {
  PreTokenizer kind;
  bool ignore_merges = false;   // a word that is itself a token is not merged (Llama 3)
  bool clean_spaces = true;     // detokenizing removes spaces before punctuation (HF clean_up_tokenization_spaces)
  bool add_bos_default = false; // BOS added unless the metadata says otherwise
};

// Accepts the names llama.cpp maps onto these three expressions.
Result<PreTokenizerInfo> pre_tokenizer_from_name(const std::string& name);
const char* pre_tokenizer_name(PreTokenizer kind);

// Reusable buffers for splitting (one per thread).
struct SplitScratch {
  std::vector<char32_t> cps;
  std::vector<CharClass> classes;
  std::vector<std::uint32_t> offsets;  // byte offset of each code point, plus the end
  std::vector<std::size_t> ends;       // end of each word, in code points
};

// Splits text into words, appended to `words` as [begin, end) byte ranges of text. The text should be
// valid UTF-8 (an invalid byte is classified as U+FFFD; the tokenizer replaces such bytes first).
void split_words(PreTokenizer kind, std::string_view text, SplitScratch& scratch,
                 std::vector<std::pair<std::uint32_t, std::uint32_t>>& words);

}  // namespace textra::llm
