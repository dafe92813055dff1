// A tiny synthetic model for generation tests: one small layer, random weights and 300 tokens (the 256
// bytes, 42 fillers "<synth_N>", BOS, EOS), so any text has exactly one tokenization (its bytes) and a
// token costs milliseconds.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "llm/grammar/token_vocabulary.h"
#include "llm/model/model.h"

namespace textra::llm {

inline constexpr int32_t kTinyVocab = 300, kTinyBos = 298, kTinyEos = 299;

// The model, written to a temporary file and loaded (the file is removed); null after a test failure.
std::unique_ptr<Model> load_tiny_byte_model();
// The vocabulary's texts (its "default" pre-tokenizer is not one our tokenizer implements, and generation
// only needs the bytes): token b < 256 is byte b, then the fillers, BOS without text, EOS.
std::vector<std::string> tiny_token_texts();
// The grammar's view of that vocabulary, EOS ending generation.
std::shared_ptr<const TokenVocabulary> tiny_grammar_vocabulary();

}  // namespace textra::llm
