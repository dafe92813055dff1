// Vocabularies from GGUF metadata (`tokenizer.ggml.*`, plus `general.name`, which llama.cpp keys the
// Phi-3 special-token rule on). Vocabulary-only files (no tensors) load too.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "llm/gguf/gguf_file.h"
#include "llm/tokenizer/tokenizer.h"
#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

Result<Vocabulary> vocabulary_from_gguf(const GgufFile& file);
// Opens the file, reads the vocabulary and builds the tokenizer.
Result<std::unique_ptr<Tokenizer>> tokenizer_from_gguf_file(const std::string& path);

}  // namespace textra::llm
