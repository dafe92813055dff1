// The grammar's view of a model's tokenizer: each token's bytes (control tokens as "", never allowed) and
// its end-of-generation ids. The only place the grammar library touches the rest of the engine.
#pragma once

#include <memory>

#include "base/status.h"
#include "llm/grammar/token_vocabulary.h"
#include "llm/tokenizer/tokenizer.h"

namespace textra::llm {

Result<std::shared_ptr<const TokenVocabulary>> token_vocabulary_from_tokenizer(const Tokenizer& tokenizer);

}  // namespace textra::llm
