// The Ollama (/api/chat) and OpenAI-compatible (/v1/chat/completions) backends over cpp-httplib.
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "extract/llm_backend.h"

namespace textra::extract {
namespace {

using nlohmann::json;

struct Endpoint {
  std::string base;  // scheme://host:port
  std::string prefix;  // path prefix, "" or "/something"
};

Result<Endpoint> parse_url(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos || (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)) {
    return invalid_argument("\"" + url + "\" is not an http:// or https:// URL");
  }
  auto path_start = url.find('/', scheme_end + 3);
  Endpoint e{url.substr(0, path_start), path_start == std::string::npos ? "" : url.substr(path_start)};
  while (!e.prefix.empty() && e.prefix.back() == '/') e.prefix.pop_back();
  return e;
}

json messages_json(const LlmRequest& request) {
  json out = json::array();
  for (const auto& m : request.messages) out.push_back({{"role", m.role}, {"content", m.content}});
  return out;
}

// One POST with bounded retries on transient failures (connection refused/reset, 429, 5xx).
// `what` names the service in messages ("Ollama", "the OpenAI-compatible server").
Result<json> post_json(const Endpoint& endpoint, const std::string& path, const json& body,
                       const httplib::Headers& headers, const RemoteOptions& options, const std::string& what,
                       const std::string& start_hint) {
  httplib::Client client(endpoint.base);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(options.timeout_s, 0);
  client.set_write_timeout(60, 0);
  std::string payload = body.dump();
  std::string url = endpoint.base + endpoint.prefix + path;
  for (int attempt = 0;; ++attempt) {
    auto response = client.Post((endpoint.prefix + path).c_str(), headers, payload, "application/json");
    bool transient = !response || response->status == 429 || response->status >= 500;
    if (!transient || attempt >= options.retries) {
      if (!response) {
        return unavailable("cannot reach " + what + " at " + endpoint.base + " (" +
                           httplib::to_string(response.error()) + "): " + start_hint);
      }
      json answer = json::parse(response->body, nullptr, false);
      if (response->status != 200) {
        std::string message = response->body.substr(0, 500);
        if (answer.is_object() && answer.contains("error")) {
          const json& e = answer["error"];
          message = e.is_string() ? e.get<std::string>() : e.value("message", e.dump());
        }
        ErrorCode code = response->status == 404 ? ErrorCode::kNotFound
                         : response->status == 400 ? ErrorCode::kInvalidArgument
                                                   : ErrorCode::kUnavailable;
        return Status(code, what + " answered HTTP " + std::to_string(response->status) + " for " + url + ": " +
                                message);
      }
      if (answer.is_discarded()) return corrupt(what + " at " + url + " answered something that is not JSON");
      return answer;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500 << attempt));
  }
}

// "model not found" answers of both servers get the hint of how to fix it.
Status explain(const Status& status, const std::string& model, const std::string& hint) {
  if (status.code() == ErrorCode::kNotFound || status.message().find("not found") != std::string::npos) {
    return not_found("model \"" + model + "\" not found: " + hint + " (" + status.message() + ")");
  }
  if (status.message().find("context") != std::string::npos && status.message().find("length") != std::string::npos) {
    return limit_exceeded("the document does not fit the model's context: " + status.message());
  }
  return status;
}

class OllamaBackend : public LlmBackend {
 public:
  OllamaBackend(Endpoint endpoint, std::string model, RemoteOptions options)
      : endpoint_(std::move(endpoint)), model_(std::move(model)), options_(options) {}

  Result<LlmAnswer> complete(const LlmRequest& request) const override {
    json body = {{"model", model_},
                 {"messages", messages_json(request)},
                 {"format", request.json_schema},
                 {"stream", false},
                 {"options", {{"temperature", 0}, {"seed", request.seed}, {"num_ctx", options_.num_ctx},
                              {"num_predict", request.max_tokens}}}};
    auto answer = post_json(endpoint_, "/api/chat", body, {}, options_, "Ollama",
                            "is the Ollama server running? Start it with `ollama serve`");
    if (!answer) return explain(answer.status(), model_, "pull it with `ollama pull " + model_ + "`");
    const json& a = *answer;
    if (!a.contains("message") || !a["message"].is_object() || !a["message"].contains("content") ||
        !a["message"]["content"].is_string()) {
      return corrupt("Ollama answered without message.content");
    }
    LlmAnswer out;
    out.text = a["message"]["content"].get<std::string>();
    out.prompt_tokens = a.value("prompt_eval_count", 0);
    out.generated_tokens = a.value("eval_count", 0);
    out.prompt_ms = a.value("prompt_eval_duration", 0.0) / 1e6;  // Ollama reports nanoseconds
    out.generation_ms = a.value("eval_duration", 0.0) / 1e6;
    return out;
  }
  std::string name() const override { return "ollama"; }
  std::string model() const override { return model_; }
  std::size_t document_char_budget(const LlmRequest&) const override {
    return static_cast<std::size_t>(options_.num_ctx) * 3 / 2;  // about 3 characters a token, half the context
  }

 private:
  Endpoint endpoint_;
  std::string model_;
  RemoteOptions options_;
};

class OpenAiBackend : public LlmBackend {
 public:
  OpenAiBackend(Endpoint endpoint, std::string model, std::string key, RemoteOptions options)
      : endpoint_(std::move(endpoint)), model_(std::move(model)), key_(std::move(key)), options_(options) {}

  Result<LlmAnswer> complete(const LlmRequest& request) const override {
    json body = {{"model", model_},
                 {"messages", messages_json(request)},
                 {"temperature", 0},
                 {"seed", request.seed},
                 {"max_tokens", request.max_tokens},
                 {"response_format",
                  {{"type", "json_schema"},
                   {"json_schema", {{"name", "extraction"}, {"strict", true}, {"schema", request.json_schema}}}}}};
    httplib::Headers headers;
    if (!key_.empty()) headers.emplace("Authorization", "Bearer " + key_);
    // The base URL may or may not end in /v1 (OpenAI's is https://api.openai.com/v1).
    std::string path = endpoint_.prefix.size() >= 3 && endpoint_.prefix.ends_with("/v1") ? "/chat/completions"
                                                                                          : "/v1/chat/completions";
    auto answer = post_json(endpoint_, path, body, headers, options_, "the OpenAI-compatible server",
                            "is the server running and the URL right?");
    if (!answer) return explain(answer.status(), model_, "check the model name the server offers (GET /v1/models)");
    const json& a = *answer;
    if (!a.contains("choices") || !a["choices"].is_array() || a["choices"].empty() ||
        !a["choices"][0].contains("message") || !a["choices"][0]["message"].value("content", json()).is_string()) {
      return corrupt("the OpenAI-compatible server answered without choices[0].message.content");
    }
    LlmAnswer out;
    out.text = a["choices"][0]["message"]["content"].get<std::string>();
    if (a.contains("usage") && a["usage"].is_object()) {
      out.prompt_tokens = a["usage"].value("prompt_tokens", 0);
      out.generated_tokens = a["usage"].value("completion_tokens", 0);
    }
    return out;
  }
  std::string name() const override { return "openai"; }
  std::string model() const override { return model_; }
  std::size_t document_char_budget(const LlmRequest&) const override { return 0; }

 private:
  Endpoint endpoint_;
  std::string model_;
  std::string key_;
  RemoteOptions options_;
};

}  // namespace

Result<std::unique_ptr<LlmBackend>> make_ollama_backend(const std::string& url, const std::string& model,
                                                        const RemoteOptions& options) {
  if (model.empty()) return invalid_argument("--ollama needs --model NAME (e.g. llama3)");
  TEXTRA_ASSIGN_OR_RETURN(Endpoint endpoint, parse_url(url));
  return std::unique_ptr<LlmBackend>(new OllamaBackend(std::move(endpoint), model, options));
}

Result<std::unique_ptr<LlmBackend>> make_openai_backend(const std::string& url, const std::string& model,
                                                        const RemoteOptions& options) {
  if (model.empty()) return invalid_argument("--openai needs --model NAME");
  TEXTRA_ASSIGN_OR_RETURN(Endpoint endpoint, parse_url(url));
  const char* key = std::getenv("TEXTRA_OPENAI_API_KEY");
  if (key == nullptr) key = std::getenv("OPENAI_API_KEY");
  return std::unique_ptr<LlmBackend>(new OpenAiBackend(std::move(endpoint), model, key ? key : "", options));
}

}  // namespace textra::extract
