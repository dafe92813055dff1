#include "server/model_registry.h"

#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "base/log.h"
#include "extract/llm_backend.h"
#include "llm/chat/chat_template.h"
#include "llm/gguf/model_summary.h"
#include "store/store.h"

namespace textra::server {
namespace fs = std::filesystem;
namespace {

// "3.8B", "25M": how Ollama writes parameter counts.
std::string parameter_size(std::uint64_t parameters) {
  char text[32];
  if (parameters >= 1'000'000'000) {
    std::snprintf(text, sizeof text, "%.1fB", parameters / 1e9);
  } else if (parameters >= 1'000'000) {
    std::snprintf(text, sizeof text, "%.0fM", parameters / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.0fK", parameters / 1e3);
  }
  return text;
}

// Reads what /api/tags and /api/show tell about a model from its GGUF header (the weights stay on disk).
Status describe(ModelEntry& entry) {
  TEXTRA_ASSIGN_OR_RETURN(auto file, llm::GgufFile::open(entry.path));
  TEXTRA_ASSIGN_OR_RETURN(llm::GgufModelSummary summary, llm::summarize_model(*file));
  struct stat file_status {};
  if (::stat(entry.path.c_str(), &file_status) == 0) {
    entry.size = static_cast<std::uint64_t>(file_status.st_size);
    entry.modified = static_cast<std::int64_t>(file_status.st_mtime);
  }
  entry.chat_template = summary.chat_template.value_or("");
  entry.details = {{"parent_model", ""},
                   {"format", "gguf"},
                   {"family", summary.architecture},
                   {"families", {summary.architecture}},
                   {"parameter_size", parameter_size(summary.parameters)},
                   {"quantization_level", summary.file_type.value_or("unknown")}};
  nlohmann::ordered_json info = {{"general.architecture", summary.architecture},
                         {"general.parameter_count", summary.parameters}};
  if (!summary.name.empty()) info["general.name"] = summary.name;
  const std::string& arch = summary.architecture;
  auto put = [&](const char* key, const std::optional<std::int64_t>& value) {
    if (value) info[arch + "." + key] = *value;
  };
  put("context_length", summary.context_length);
  put("embedding_length", summary.embedding_length);
  put("block_count", summary.block_count);
  put("feed_forward_length", summary.feed_forward_length);
  put("attention.head_count", summary.head_count);
  put("attention.head_count_kv", summary.head_count_kv);
  if (summary.vocab_type) info["tokenizer.ggml.model"] = *summary.vocab_type;
  if (summary.pre_tokenizer) info["tokenizer.ggml.pre"] = *summary.pre_tokenizer;
  entry.model_info = std::move(info);
  return Status::ok();
}

void add_model(std::vector<ModelEntry>& models, ModelEntry entry) {
  if (Status described = describe(entry); !described) {
    LOG_WARN("serve --models: leaving out " << entry.path << ": " << described.message());
    return;
  }
  if (entry.digest.empty()) {  // a file: hashing gigabytes at start would be slow; its identity will do
    entry.digest = store::sha256_hex(entry.path + "|" + std::to_string(entry.size) + "|" + std::to_string(entry.modified));
  }
  models.push_back(std::move(entry));
}

}  // namespace

Result<std::unique_ptr<ModelRegistry>> ModelRegistry::scan(const std::string& dir, std::size_t max_loaded) {
  auto registry = std::make_unique<ModelRegistry>();
  registry->max_loaded_ = std::max<std::size_t>(1, max_loaded);
  if (dir.empty()) return registry;
  std::error_code error;
  if (!fs::is_directory(dir, error)) return not_found("--models " + dir + ": not a folder");
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(dir, error)) {
    if (item.path().extension() == ".gguf" && item.is_regular_file(error)) files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    ModelEntry entry;
    entry.name = file.stem().string();
    entry.path = file.string();
    add_model(registry->models_, std::move(entry));
  }
  for (const extract::OllamaModel& model : extract::list_ollama_models(dir)) {
    std::string blob = fs::path(model.blob_path).filename().string();  // sha256-<hex>
    ModelEntry entry;
    entry.name = model.name;
    entry.path = model.blob_path;
    entry.digest = blob.substr(7);
    add_model(registry->models_, std::move(entry));
  }
  return registry;
}

const ModelEntry* ModelRegistry::find(const std::string& name) const {
  constexpr std::string_view kLatest = ":latest";
  auto named = [this](const std::string& wanted) -> const ModelEntry* {
    for (const ModelEntry& entry : models_) {
      if (entry.name == wanted) return &entry;
    }
    return nullptr;
  };
  if (const ModelEntry* exact = named(name)) return exact;
  if (name.size() > kLatest.size() && name.ends_with(kLatest)) return named(name.substr(0, name.size() - kLatest.size()));
  if (name.find(':') == std::string::npos) return named(name + std::string(kLatest));
  return nullptr;
}

std::vector<std::string> ModelRegistry::loaded_names() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& [name, runner] : loaded_) names.push_back(name);
  return names;
}

Result<std::shared_ptr<const llm::ChatRunner>> ModelRegistry::runner(const ModelEntry& entry, double* load_ms) {
  std::lock_guard<std::mutex> lock(mutex_);  // one load at a time: loading is memory- and disk-bound
  *load_ms = 0;
  for (auto it = loaded_.begin(); it != loaded_.end(); ++it) {
    if (it->first == entry.name) {
      loaded_.splice(loaded_.begin(), loaded_, it);
      return loaded_.front().second;
    }
  }
  auto start = std::chrono::steady_clock::now();
  TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<llm::ChatRunner> runner, llm::ChatRunner::load(entry.path));
  *load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  loaded_.emplace_front(entry.name, std::shared_ptr<const llm::ChatRunner>(std::move(runner)));
  while (loaded_.size() > max_loaded_) loaded_.pop_back();
  return loaded_.front().second;
}

}  // namespace textra::server
