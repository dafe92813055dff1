#include "llm/runner/loaded_model.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include "llm/tokenizer/gguf_vocabulary.h"

namespace textra::llm {
namespace {

// The weights are read into the process's own memory (huge pages), so two loads of one file would hold them
// twice; a file still in use is shared instead (the server's chat and extraction engines may run the same
// model). A file changed on disk since (another inode, size or time) is a new file.
Result<std::shared_ptr<const GgufFile>> open_shared(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const GgufFile>> in_use;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    TEXTRA_ASSIGN_OR_RETURN(auto file, GgufFile::open(path, {}, FileMapping::kHugePages));  // names the error
    return std::shared_ptr<const GgufFile>(std::move(file));
  }
  const std::string key = path + '\n' + std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino) + ':' +
                          std::to_string(st.st_size) + ':' + std::to_string(st.st_mtim.tv_sec) + '.' +
                          std::to_string(st.st_mtim.tv_nsec);
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = in_use.find(key); it != in_use.end()) {
    if (auto file = it->second.lock()) return file;
  }
  TEXTRA_ASSIGN_OR_RETURN(auto opened, GgufFile::open(path, {}, FileMapping::kHugePages));
  std::shared_ptr<const GgufFile> file = std::move(opened);
  std::erase_if(in_use, [](const auto& entry) { return entry.second.expired(); });
  in_use[key] = file;
  return file;
}

}  // namespace

Result<LoadedModel> load_model(const std::string& path) {
  LoadedModel loaded;
  TEXTRA_ASSIGN_OR_RETURN(loaded.file, open_shared(path));
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
