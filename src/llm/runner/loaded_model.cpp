#include "llm/runner/loaded_model.h"

#include <algorithm>
#include <vector>

#include "llm/tokenizer/gguf_vocabulary.h"

namespace textra::llm {

Result<LoadedModel> load_model(const std::string& path) {
  LoadedModel loaded;
  TEXTRA_ASSIGN_OR_RETURN(auto file, GgufFile::open(path, {}, FileMapping::kHugePages));
  loaded.file = std::move(file);
  TEXTRA_ASSIGN_OR_RETURN(loaded.model, Model::from_file(loaded.file));
  if (loaded.file->has("tokenizer.ggml.tokens")) {
    TEXTRA_ASSIGN_OR_RETURN(auto vocab, vocabulary_from_gguf(*loaded.file));
    TEXTRA_ASSIGN_OR_RETURN(loaded.tokenizer, Tokenizer::create(std::move(vocab), path));
  }
  return loaded;
}

std::function<bool(int32_t)> LoadedModel::end_of_generation() const {
  if (tokenizer != nullptr) {
    const Tokenizer* tok = tokenizer.get();
    return [tok](int32_t id) { return tok->is_end_of_generation(id); };
  }
  std::vector<int32_t> ids;
  for (const char* key : {"tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id"}) {
    auto id = file->get_int(key);
    if (id.is_ok() && *id >= 0 && *id <= INT32_MAX) ids.push_back(static_cast<int32_t>(*id));
  }
  return [ids](int32_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
}

TokenPieceFn LoadedModel::piece_fn() const {
  if (tokenizer == nullptr) return {};
  const Tokenizer* tok = tokenizer.get();
  return [tok](int32_t id) { return std::string(tok->piece(id, false)); };
}

Result<ChatFamily> LoadedModel::chat_family() const {
  TEXTRA_ASSIGN_OR_RETURN(const std::string template_text, file->get_string_or("tokenizer.chat_template", ""));
  return detect_chat_family(template_text);
}

}  // namespace textra::llm
