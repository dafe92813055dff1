// Vocabularies from a Hugging Face `tokenizer.json` (models shipped as safetensors), mapped onto the
// same Vocabulary the GGUF metadata gives, so the same tokenizer runs them:
//  - BPE model with a ByteLevel pre-tokenizer -> byte-level BPE; the pre-tokenizer is recognised from its
//    Split regex (Llama 3, Qwen2) or is GPT-2's when ByteLevel splits by itself (use_regex);
//  - BPE model with byte_fallback and "▁" spaces (Llama 2, Mistral) -> SentencePiece-style, token scores
//    from the merge ranks (the token made by merge r scores -r).
// added_tokens become control tokens (special: true) or user-defined tokens; BOS/EOS and whether they are
// added come from a TemplateProcessing post-processor.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

Result<Vocabulary> vocabulary_from_hf_tokenizer_json(std::string_view json_text, const std::string& source);
Result<Vocabulary> vocabulary_from_hf_tokenizer_file(const std::string& path);

}  // namespace textra::llm
