#include "llm/tokenizer/vocabulary.h"

namespace textra::llm {

Status Vocabulary::validate(const std::string& source) const {
  if (tokens.empty()) return corrupt(source + ": the vocabulary has no tokens");
  if (tokens.size() > static_cast<std::size_t>(INT32_MAX)) {
    return limit_exceeded(source + ": " + std::to_string(tokens.size()) + " tokens exceed the id range");
  }
  if (!scores.empty() && scores.size() != tokens.size()) {
    return corrupt(source + ": " + std::to_string(scores.size()) + " scores for " +
                   std::to_string(tokens.size()) + " tokens");
  }
  if (!types.empty() && types.size() != tokens.size()) {
    return corrupt(source + ": " + std::to_string(types.size()) + " token types for " +
                   std::to_string(tokens.size()) + " tokens");
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    auto t = static_cast<std::int32_t>(types[i]);
    if (t < 0 || t > static_cast<std::int32_t>(TokenType::kByte)) {
      return corrupt(source + ": token " + std::to_string(i) + " has unknown type " + std::to_string(t));
    }
  }
  const std::pair<const char*, TokenId> specials[] = {{"bos", bos}, {"eos", eos}, {"eot", eot},
                                                      {"eom", eom}, {"unk", unk}, {"pad", pad}};
  for (const auto& [name, id] : specials) {
    if (id != kNoToken && (id < 0 || static_cast<std::size_t>(id) >= tokens.size())) {
      return corrupt(source + ": " + name + " token id " + std::to_string(id) + " is outside the vocabulary");
    }
  }
  if (model == VocabModel::kByteLevelBpe) {
    for (std::size_t i = 0; i < merges.size(); ++i) {
      if (merges[i].find(' ', 1) == std::string::npos) {
        return corrupt(source + ": merge " + std::to_string(i) + " has no space between its two parts");
      }
    }
  }
  return Status::ok();
}

Result<VocabModel> vocab_model_from_name(const std::string& name) {
  if (name == "llama") return VocabModel::kSentencePiece;
  if (name == "gpt2") return VocabModel::kByteLevelBpe;
  return unsupported("tokenizer model '" + name + "' is not supported (supported: llama, gpt2)");
}

const char* vocab_model_name(VocabModel model) {
  return model == VocabModel::kSentencePiece ? "llama" : "gpt2";
}

}  // namespace textra::llm
