#include "pipeline/extract_params.h"

#include <algorithm>

namespace textra::pipeline {
namespace {

// "http://host:11434/" and "http://host:11434" name the same server.
std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

Status check_remote(const char* kind, const std::string& url, const std::vector<std::string>& allowed) {
  std::string wanted = without_trailing_slash(url);
  bool listed = std::any_of(allowed.begin(), allowed.end(),
                            [&](const std::string& a) { return without_trailing_slash(a) == wanted; });
  if (listed) return Status::ok();
  return invalid_argument(std::string(kind) + " URL " + url +
                          " is not allowed by this server (start it with --allow-remote " + url + ")");
}

}  // namespace

nlohmann::json extract_params_json(const ExtractParams& p) {
  return {{"engine", p.engine}, {"schema", p.schema},     {"fields", p.fields},       {"lang", p.lang},
          {"schema_json", p.schema_json}, {"ocr_engine", p.ocr_engine}, {"model", p.model},
          {"ollama", p.ollama}, {"openai", p.openai},     {"language", p.language}, {"max_tokens", p.max_tokens}};
}

ExtractParams extract_params_from_json(const nlohmann::json& p) {
  auto text = [&](const char* key) { return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : ""; };
  ExtractParams out{text("engine"), text("schema"), text("fields"), text("lang"), text("schema_json"),
                    text("ocr_engine"), text("model"), text("ollama"), text("openai"), text("language")};
  if (p.contains("max_tokens") && p["max_tokens"].is_number_integer()) {
    out.max_tokens = static_cast<int>(std::clamp<std::int64_t>(p["max_tokens"].get<std::int64_t>(), 0, 1 << 20));
  }
  return out;
}

Status check_engine_params(const ExtractParams& p, const std::vector<std::string>& allowed_remote) {
  bool llm_fields = !p.model.empty() || !p.ollama.empty() || !p.openai.empty() || p.max_tokens != 0;
  if (p.engine.empty() || p.engine == "ner") {
    if (llm_fields) return invalid_argument("model, ollama, openai and max_tokens are for engine=llm");
    return Status::ok();
  }
  if (p.engine != "llm") return invalid_argument("engine \"" + p.engine + "\": use ner or llm");
  if (!p.ollama.empty() && !p.openai.empty()) return invalid_argument("give ollama or openai, not both");
  if (!p.ollama.empty()) {
    TEXTRA_RETURN_IF_ERROR(check_remote("ollama", p.ollama, allowed_remote));
  }
  if (!p.openai.empty()) {
    TEXTRA_RETURN_IF_ERROR(check_remote("openai", p.openai, allowed_remote));
  }
  if (p.model.empty()) return invalid_argument("engine=llm needs a model");
  if (p.max_tokens != 0 && (p.max_tokens < 16 || p.max_tokens > 65536)) {
    return invalid_argument("max_tokens " + std::to_string(p.max_tokens) + " is outside 16..65536");
  }
  if (!p.language.empty() && p.language != "fr" && p.language != "en") {
    return invalid_argument("language \"" + p.language + "\": use fr or en");
  }
  return Status::ok();
}

}  // namespace textra::pipeline
