#include "llm/grammar/tokenizer_vocabulary.h"

namespace textra::llm {

Result<std::shared_ptr<const TokenVocabulary>> token_vocabulary_from_tokenizer(const Tokenizer& tokenizer) {
  std::vector<std::string> bytes(tokenizer.size());
  std::vector<int32_t> end_ids;
  for (size_t id = 0; id < tokenizer.size(); ++id) {
    auto token = static_cast<TokenId>(id);
    bytes[id] = std::string(tokenizer.piece(token, /*special=*/false));
    if (tokenizer.is_end_of_generation(token)) end_ids.push_back(static_cast<int32_t>(id));
  }
  return TokenVocabulary::build(std::move(bytes), std::move(end_ids));
}

}  // namespace textra::llm
