// Models pulled with Ollama, used without an Ollama server: the manifest of NAME:TAG lists the layers of
// the model; the one of media type application/vnd.ollama.image.model is the GGUF file, stored as
// blobs/sha256-<hex>.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "extract/llm_backend.h"

namespace textra::extract {
namespace fs = std::filesystem;

namespace {
fs::path ollama_models_dir() {
  if (const char* env = std::getenv("OLLAMA_MODELS")) return env;
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : "/root") / ".ollama" / "models";
}

bool safe_name_part(const std::string& s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}
}  // namespace

Result<std::string> resolve_ollama_model(const std::string& name) {
  return resolve_ollama_model_in(ollama_models_dir().string(), name);
}

Result<std::string> resolve_ollama_model_in(const std::string& models_dir, const std::string& name) {
  // [registry/][namespace/]model[:tag]
  std::string rest = name, tag = "latest";
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find('/', colon) == std::string::npos) {
    tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
  }
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    std::size_t slash = rest.find('/', start);
    parts.push_back(rest.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() == 1) parts.insert(parts.begin(), "library");
  if (parts.size() == 2) parts.insert(parts.begin(), "registry.ollama.ai");
  if (parts.size() != 3 || !safe_name_part(tag)) return invalid_argument("\"" + name + "\" is not an Ollama model name");
  for (const auto& p : parts) {
    if (!safe_name_part(p)) return invalid_argument("\"" + name + "\" is not an Ollama model name");
  }
  fs::path dir = models_dir;
  fs::path manifest = dir / "manifests" / parts[0] / parts[1] / parts[2] / tag;
  auto text = read_file(manifest.string(), 1 << 20);
  if (!text) {
    return not_found("Ollama model \"" + name + "\" is not in " + dir.string() + " (pull it with `ollama pull " + name +
                     "`, or set OLLAMA_MODELS)");
  }
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("layers") || !json["layers"].is_array()) {
    return corrupt(manifest.string() + ": not an Ollama manifest");
  }
  for (const auto& layer : json["layers"]) {
    if (layer.value("mediaType", "") != "application/vnd.ollama.image.model") continue;
    std::string digest = layer.value("digest", "");
    if (digest.rfind("sha256:", 0) != 0 || digest.size() != 71) return corrupt(manifest.string() + ": bad digest");
    std::string hex = digest.substr(7);
    if (hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return corrupt(manifest.string() + ": bad digest");
    }
    fs::path blob = dir / "blobs" / ("sha256-" + hex);
    if (!fs::exists(blob)) return not_found(blob.string() + ": model blob missing (re-pull " + name + ")");
    return blob.string();
  }
  return corrupt(manifest.string() + ": no model layer");
}

std::vector<OllamaModel> list_ollama_models(const std::string& models_dir) {
  std::vector<OllamaModel> models;
  std::error_code error;
  const fs::path root = fs::path(models_dir) / "manifests";
  // manifests/<registry>/<namespace>/<model>/<tag>
  for (auto it = fs::recursive_directory_iterator(root, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (it.depth() != 3 || !it->is_regular_file(error)) continue;
    fs::path relative = it->path().lexically_relative(root);
    std::vector<std::string> parts(relative.begin(), relative.end());
    std::string name = parts[2] + ":" + parts[3];
    if (parts[1] != "library" || parts[0] != "registry.ollama.ai") name = parts[1] + "/" + name;
    if (parts[0] != "registry.ollama.ai") name = parts[0] + "/" + name;
    auto blob = resolve_ollama_model_in(models_dir, name);
    if (blob) models.push_back({name, *blob});
  }
  std::sort(models.begin(), models.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return models;
}

}  // namespace textra::extract
