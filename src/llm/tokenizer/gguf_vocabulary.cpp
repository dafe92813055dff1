#include "llm/tokenizer/gguf_vocabulary.h"

#include "base/log.h"

namespace textra::llm {
namespace {

// A special id: absent -> kNoToken; out of the vocabulary -> ignored with a warning (as llama.cpp).
Result<TokenId> special_id(const GgufFile& file, const std::string& key, std::size_t n_tokens) {
  if (!file.has(key)) return kNoToken;
  TEXTRA_ASSIGN_OR_RETURN(std::int64_t id, file.get_int(key));
  if (id < 0 || static_cast<std::uint64_t>(id) >= n_tokens) {
    LOG_WARN(file.name() << ": " << key << " = " << id << " is outside the vocabulary; ignored");
    return kNoToken;
  }
  return static_cast<TokenId>(id);
}

Result<std::optional<bool>> optional_bool(const GgufFile& file, const std::string& key) {
  if (!file.has(key)) return std::optional<bool>();
  TEXTRA_ASSIGN_OR_RETURN(bool value, file.get_bool(key));
  return std::optional<bool>(value);
}

}  // namespace

Result<Vocabulary> vocabulary_from_gguf(const GgufFile& file) {
  Vocabulary v;
  TEXTRA_ASSIGN_OR_RETURN(std::string model, file.get_string("tokenizer.ggml.model"));
  auto kind = vocab_model_from_name(model);
  if (!kind.is_ok()) return kind.status().with_context(file.name());
  v.model = *kind;
  TEXTRA_ASSIGN_OR_RETURN(auto tokens, file.get_string_array("tokenizer.ggml.tokens"));
  v.tokens.assign(tokens.begin(), tokens.end());
  if (file.has("tokenizer.ggml.scores")) {
    TEXTRA_ASSIGN_OR_RETURN(v.scores, file.get_float_array("tokenizer.ggml.scores"));
  }
  if (file.has("tokenizer.ggml.token_type")) {
    TEXTRA_ASSIGN_OR_RETURN(auto types, file.get_int_array("tokenizer.ggml.token_type"));
    v.types.reserve(types.size());
    for (std::int64_t t : types) {
      // Unknown type numbers read as "undefined", as llama.cpp does.
      const bool known = t >= 0 && t <= static_cast<std::int64_t>(TokenType::kByte);
      v.types.push_back(known ? static_cast<TokenType>(t) : TokenType::kUndefined);
    }
  }
  if (file.has("tokenizer.ggml.merges")) {
    TEXTRA_ASSIGN_OR_RETURN(auto merges, file.get_string_array("tokenizer.ggml.merges"));
    v.merges.assign(merges.begin(), merges.end());
  }
  TEXTRA_ASSIGN_OR_RETURN(v.pre_tokenizer, file.get_string_or("tokenizer.ggml.pre", "default"));
  TEXTRA_ASSIGN_OR_RETURN(v.model_name, file.get_string_or("general.name", ""));
  const std::size_t n = v.tokens.size();
  TEXTRA_ASSIGN_OR_RETURN(v.bos, special_id(file, "tokenizer.ggml.bos_token_id", n));
  TEXTRA_ASSIGN_OR_RETURN(v.eos, special_id(file, "tokenizer.ggml.eos_token_id", n));
  TEXTRA_ASSIGN_OR_RETURN(v.eot, special_id(file, "tokenizer.ggml.eot_token_id", n));
  TEXTRA_ASSIGN_OR_RETURN(v.eom, special_id(file, "tokenizer.ggml.eom_token_id", n));
  TEXTRA_ASSIGN_OR_RETURN(v.unk, special_id(file, "tokenizer.ggml.unknown_token_id", n));
  TEXTRA_ASSIGN_OR_RETURN(v.pad, special_id(file, "tokenizer.ggml.padding_token_id", n));
  TEXTRA_ASSIGN_OR_RETURN(v.add_bos, optional_bool(file, "tokenizer.ggml.add_bos_token"));
  TEXTRA_ASSIGN_OR_RETURN(v.add_eos, optional_bool(file, "tokenizer.ggml.add_eos_token"));
  TEXTRA_ASSIGN_OR_RETURN(v.add_space_prefix, optional_bool(file, "tokenizer.ggml.add_space_prefix"));
  TEXTRA_RETURN_IF_ERROR(v.validate(file.name()));
  return v;
}

Result<std::unique_ptr<Tokenizer>> tokenizer_from_gguf_file(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(auto file, GgufFile::open(path));
  TEXTRA_ASSIGN_OR_RETURN(Vocabulary vocab, vocabulary_from_gguf(*file));
  return Tokenizer::create(std::move(vocab), path);
}

}  // namespace textra::llm
