// The Ollama API (github.com/ollama/ollama docs/api.md) over the models of --models: POST /api/chat,
// POST /api/generate (NDJSON stream by default, one object with "stream": false), GET /api/tags,
// GET /api/ps, POST /api/show, GET /api/version. Errors are {"error": "message"} as Ollama writes them.
#include <random>

#include "server/completion_stream.h"
#include "server/http_util.h"
#include "server/llm_request.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

// Answers keep the field order of the APIs' documentation (model, created_at, message, done, ...).
using json = nlohmann::ordered_json;
using nlohmann::ordered_json;

// Ollama's defaults (its docs/modelfile.md), so clients that send no options get what Ollama would do.
Status read_options(const ordered_json& body, CompletionRequest& request) {
  llm::SamplingParams& s = request.run.sampling;
  s.temperature = 0.8f;
  s.top_k = 40;
  s.top_p = 0.9f;
  s.min_p = 0.0f;
  s.repeat_penalty = 1.1f;
  s.repeat_last_n = 64;
  s.seed = std::random_device{}();
  request.run.max_tokens = -1;  // until the context is full or the model ends
  request.run.n_ctx = 2048;
  if (!body.contains("options") || body["options"].is_null()) return Status::ok();
  const ordered_json& o = body["options"];
  if (!o.is_object()) return invalid_argument("options must be an object");
  TEXTRA_RETURN_IF_ERROR(read_number(o, "temperature", s.temperature));
  TEXTRA_RETURN_IF_ERROR(read_number(o, "top_k", s.top_k));
  TEXTRA_RETURN_IF_ERROR(read_number(o, "top_p", s.top_p));
  TEXTRA_RETURN_IF_ERROR(read_number(o, "min_p", s.min_p));
  TEXTRA_RETURN_IF_ERROR(read_number(o, "repeat_penalty", s.repeat_penalty));
  TEXTRA_RETURN_IF_ERROR(read_number(o, "repeat_last_n", s.repeat_last_n));
  TEXTRA_RETURN_IF_ERROR(read_seed(o, "seed", s.seed));
  TEXTRA_RETURN_IF_ERROR(read_token_budget(o, "num_predict", /*unbounded_allowed=*/true, request.run.max_tokens));
  TEXTRA_RETURN_IF_ERROR(read_number(o, "num_ctx", request.run.n_ctx));
  if (request.run.n_ctx < 0) return invalid_argument("num_ctx must be a positive number of tokens");
  TEXTRA_RETURN_IF_ERROR(read_stop(o, "stop", request.run.stop));
  return Status::ok();
}

const char* done_reason(llm::StopReason stop) {
  return stop == llm::StopReason::kEndToken || stop == llm::StopReason::kStopString ? "stop" : "length";
}

std::int64_t ns(double ms) { return static_cast<std::int64_t>(ms * 1e6); }

// The first fields of every answer object: model, created_at, then the text as chat or generate puts it.
json ollama_head(const std::string& model, bool chat, std::string_view text) {
  json head = {{"model", model}, {"created_at", rfc3339(std::chrono::system_clock::now())}};
  if (chat) {
    head["message"] = {{"role", "assistant"}, {"content", text}};
  } else {
    head["response"] = text;
  }
  return head;
}

json ollama_final(const std::string& model, bool chat, std::string_view text, const CompletionResult& r) {
  json out = ollama_head(model, chat, text);
  out["done"] = true;
  out["done_reason"] = done_reason(r.stop);
  out["total_duration"] = ns(r.total_ms);
  out["load_duration"] = ns(r.load_ms);
  out["prompt_eval_count"] = r.prompt_tokens;
  out["prompt_eval_duration"] = ns(r.prompt_ms);
  out["eval_count"] = r.generated_tokens;
  out["eval_duration"] = ns(r.generation_ms);
  return out;
}

std::string line(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"; }

// /api/chat and /api/generate: parse, admit, then answer in one object or as an NDJSON stream.
void complete(Server::Impl& impl, const httplib::Request& req, httplib::Response& res, bool chat) {
  auto body = parse_body(req);
  if (!body) return send_ollama_error(res, 400, body.status().message());
  CompletionRequest request;
  Status read = read_model(*body, request.model);
  if (read) read = read_options(*body, request);
  if (read) read = chat ? read_chat_messages(*body, request.messages) : read_generate_prompt(*body, request);
  if (read && body->contains("format")) request.format = (*body)["format"];
  bool stream = true;
  if (read) read = read_bool(*body, "stream", stream);
  if (!read) return send_ollama_error(res, 400, read.message());

  // An empty prompt or conversation loads the model and answers at once (Ollama's way to preload).
  if (request.messages.empty() && (!request.raw_prompt || request.raw_prompt->empty())) {
    Status loaded = impl.completions->preload(request.model);
    if (!loaded) return send_ollama_error(res, http_status(loaded), loaded.message());
    json out = ollama_head(request.model, chat, "");
    out["done"] = true;
    out["done_reason"] = "load";
    return send_ordered_json(res, 200, out);
  }

  std::string model = request.model;
  auto pending = impl.completions->admit(std::move(request));
  if (!pending) return send_ollama_error(res, http_status(pending.status()), pending.status().message());
  if (!stream) {
    auto result = impl.completions->run(**pending, {}, {});
    if (!result) return send_ollama_error(res, http_status(result.status()), result.status().message());
    return send_ordered_json(res, 200, ollama_final(model, chat, result->text, *result));
  }
  stream_completion(
      res, *impl.completions, std::move(*pending), "application/x-ndjson",
      [model, chat](std::string_view text) {
        json chunk = ollama_head(model, chat, text);
        chunk["done"] = false;
        return line(chunk);
      },
      [model, chat](const Result<CompletionResult>& result) {
        return result ? line(ollama_final(model, chat, "", *result)) : line(json{{"error", result.status().message()}});
      });
}

json tag_json(const ModelEntry& entry) {
  return {{"name", entry.name},
          {"model", entry.name},
          {"modified_at", rfc3339(std::chrono::system_clock::from_time_t(entry.modified))},
          {"size", entry.size},
          {"digest", entry.digest},
          {"details", entry.details}};
}

}  // namespace

void add_ollama_routes(Server::Impl& impl) {
  impl.http.Post("/api/chat", [&impl](const httplib::Request& req, httplib::Response& res) {
    complete(impl, req, res, /*chat=*/true);
  });
  impl.http.Post("/api/generate", [&impl](const httplib::Request& req, httplib::Response& res) {
    complete(impl, req, res, /*chat=*/false);
  });
  impl.http.Get("/api/tags", [&impl](const httplib::Request&, httplib::Response& res) {
    json models = json::array();
    for (const ModelEntry& entry : impl.models->models()) models.push_back(tag_json(entry));
    send_ordered_json(res, 200, json{{"models", models}});
  });
  impl.http.Get("/api/ps", [&impl](const httplib::Request&, httplib::Response& res) {
    json models = json::array();
    for (const std::string& name : impl.models->loaded_names()) {
      if (const ModelEntry* entry = impl.models->find(name)) {
        json loaded = tag_json(*entry);
        loaded.erase("modified_at");
        loaded["size_vram"] = 0;  // CPU only
        models.push_back(std::move(loaded));
      }
    }
    send_ordered_json(res, 200, json{{"models", models}});
  });
  impl.http.Post("/api/show", [&impl](const httplib::Request& req, httplib::Response& res) {
    auto body = parse_body(req);
    if (!body) return send_ollama_error(res, 400, body.status().message());
    std::string name;
    if (Status read = read_model(*body, name); !read) return send_ollama_error(res, 400, read.message());
    const ModelEntry* entry = impl.models->find(name);
    if (entry == nullptr) return send_ollama_error(res, 404, "model '" + name + "' not found");
    send_ordered_json(res, 200, json{{"modelfile", ""},
                                  {"parameters", ""},
                                  {"template", entry->chat_template},
                                  {"details", entry->details},
                                  {"model_info", entry->model_info},
                                  {"capabilities", {"completion"}},
                                  {"modified_at", rfc3339(std::chrono::system_clock::from_time_t(entry->modified))}});
  });
  impl.http.Get("/api/version", [](const httplib::Request&, httplib::Response& res) {
    send_ordered_json(res, 200, json{{"version", TEXTRA_VERSION_STRING}});
  });
}

}  // namespace textra::server
