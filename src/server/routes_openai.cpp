// The OpenAI API subset that chat clients use (platform.openai.com/docs/api-reference/chat) over the models
// of --models: POST /v1/chat/completions (one object, or server-sent events with "stream": true ending with
// "data: [DONE]"), GET /v1/models, GET /v1/models/{id}. Errors are {"error": {"message", "type", "param",
// "code"}} as OpenAI writes them.
#include <atomic>
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

// response_format: {"type": "text"}, {"type": "json_object"} or {"type": "json_schema", "json_schema":
// {"name", "schema", "strict"}} -> the format the completion service takes.
Result<ordered_json> read_response_format(const ordered_json& body) {
  auto it = body.find("response_format");
  if (it == body.end() || it->is_null()) return ordered_json();
  if (!it->is_object() || !it->contains("type") || !(*it)["type"].is_string()) {
    return invalid_argument("response_format must be an object with a type");
  }
  const std::string type = (*it)["type"].get<std::string>();
  if (type == "text") return ordered_json();
  if (type == "json_object") return ordered_json("json");
  if (type != "json_schema") return invalid_argument("response_format.type \"" + type + "\" is not supported");
  auto spec = it->find("json_schema");
  if (spec == it->end() || !spec->is_object() || !spec->contains("schema") || !(*spec)["schema"].is_object()) {
    return invalid_argument("response_format.json_schema.schema must be a JSON Schema object");
  }
  return (*spec)["schema"];
}

// OpenAI's defaults: temperature 1, top_p 1, no top-k, min-p or repetition penalty; a random seed.
Status read_chat_request(const ordered_json& body, CompletionRequest& request, bool& stream, bool& usage_in_stream) {
  TEXTRA_RETURN_IF_ERROR(read_model(body, request.model));
  TEXTRA_RETURN_IF_ERROR(read_chat_messages(body, request.messages));
  if (request.messages.empty()) return invalid_argument("messages must hold at least one message");
  llm::SamplingParams& s = request.run.sampling;
  s = {.temperature = 1.0f, .top_k = 0, .top_p = 1.0f, .min_p = 0.0f, .repeat_penalty = 1.0f,
       .seed = std::random_device{}()};
  request.run.max_tokens = -1;
  TEXTRA_RETURN_IF_ERROR(read_number(body, "temperature", s.temperature));
  TEXTRA_RETURN_IF_ERROR(read_number(body, "top_p", s.top_p));
  TEXTRA_RETURN_IF_ERROR(read_seed(body, "seed", s.seed));
  TEXTRA_RETURN_IF_ERROR(read_token_budget(body, "max_tokens", /*unbounded_allowed=*/false, request.run.max_tokens));
  TEXTRA_RETURN_IF_ERROR(
      read_token_budget(body, "max_completion_tokens", /*unbounded_allowed=*/false, request.run.max_tokens));
  TEXTRA_RETURN_IF_ERROR(read_stop(body, "stop", request.run.stop));
  std::int64_t n = 1;
  TEXTRA_RETURN_IF_ERROR(read_number(body, "n", n));
  if (n != 1) return invalid_argument("n must be 1: one choice per request");
  TEXTRA_ASSIGN_OR_RETURN(request.format, read_response_format(body));
  TEXTRA_RETURN_IF_ERROR(read_bool(body, "stream", stream));
  if (auto options = body.find("stream_options"); options != body.end() && options->is_object()) {
    TEXTRA_RETURN_IF_ERROR(read_bool(*options, "include_usage", usage_in_stream));
  }
  return Status::ok();
}

const char* finish_reason(llm::StopReason stop) {
  return stop == llm::StopReason::kEndToken || stop == llm::StopReason::kStopString ? "stop" : "length";
}

json usage_json(const CompletionResult& r) {
  return {{"prompt_tokens", r.prompt_tokens},
          {"completion_tokens", r.generated_tokens},
          {"total_tokens", r.prompt_tokens + r.generated_tokens}};
}

std::string completion_id() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t boot = std::random_device{}();
  char id[48];
  std::snprintf(id, sizeof id, "chatcmpl-%08llx%06llx", static_cast<unsigned long long>(boot & 0xffffffff),
                static_cast<unsigned long long>(++counter));
  return id;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string event(const json& value) {
  return "data: " + value.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n";
}

void chat_completions(Server::Impl& impl, const httplib::Request& req, httplib::Response& res) {
  auto body = parse_body(req);
  if (!body) return send_openai_error(res, 400, body.status().message());
  CompletionRequest request;
  bool stream = false, usage_in_stream = false;
  if (Status read = read_chat_request(*body, request, stream, usage_in_stream); !read) {
    return send_openai_error(res, 400, read.message());
  }
  const std::string model = request.model;
  auto pending = impl.completions->admit(std::move(request));
  if (!pending) return send_openai_error(res, http_status(pending.status()), pending.status().message());
  const json head = {{"id", completion_id()}, {"object", "chat.completion"}, {"created", unix_now()},
                     {"model", model}, {"system_fingerprint", "textra-" TEXTRA_VERSION_STRING}};
  if (!stream) {
    auto result = impl.completions->run(**pending, {}, {});
    if (!result) return send_openai_error(res, http_status(result.status()), result.status().message());
    json out = head;
    out["choices"] = json::array({{{"index", 0},
                                   {"message", {{"role", "assistant"}, {"content", result->text}}},
                                   {"logprobs", nullptr},
                                   {"finish_reason", finish_reason(result->stop)}}});
    out["usage"] = usage_json(*result);
    return send_ordered_json(res, 200, out);
  }
  // Chunks: the first delta carries the role, then one per piece of text, then the finish reason.
  auto chunk = [head](json delta, json finish) {
    json out = head;
    out["object"] = "chat.completion.chunk";
    out["choices"] = json::array({{{"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr},
                                   {"finish_reason", std::move(finish)}}});
    return out;
  };
  auto first = std::make_shared<bool>(true);
  stream_completion(
      res, *impl.completions, std::move(*pending), "text/event-stream",
      [chunk, first](std::string_view text) {
        json delta = {{"content", text}};
        if (*first) delta["role"] = "assistant";
        *first = false;
        return event(chunk(std::move(delta), nullptr));
      },
      [chunk, head, usage_in_stream](const Result<CompletionResult>& result) {
        if (!result) {
          return event(json{{"error", {{"message", result.status().message()}, {"type", "server_error"}}}}) +
                 "data: [DONE]\n\n";
        }
        std::string out = event(chunk(json::object(), finish_reason(result->stop)));
        if (usage_in_stream) {
          json usage = chunk(json::object(), nullptr);
          usage["choices"] = json::array();
          usage["usage"] = usage_json(*result);
          out += event(usage);
        }
        return out + "data: [DONE]\n\n";
      });
}

json model_json(const ModelEntry& entry) {
  return {{"id", entry.name}, {"object", "model"}, {"created", entry.modified}, {"owned_by", "textra"}};
}

}  // namespace

void add_openai_routes(Server::Impl& impl) {
  impl.http.Post("/v1/chat/completions", [&impl](const httplib::Request& req, httplib::Response& res) {
    chat_completions(impl, req, res);
  });
  impl.http.Get("/v1/models", [&impl](const httplib::Request&, httplib::Response& res) {
    json data = json::array();
    for (const ModelEntry& entry : impl.models->models()) data.push_back(model_json(entry));
    send_ordered_json(res, 200, json{{"object", "list"}, {"data", data}});
  });
  impl.http.Get(R"(/v1/models/(.+))", [&impl](const httplib::Request& req, httplib::Response& res) {
    const ModelEntry* entry = impl.models->find(req.matches[1]);
    if (entry == nullptr) return send_openai_error(res, 404, "model '" + std::string(req.matches[1]) + "' not found");
    send_ordered_json(res, 200, model_json(*entry));
  });
}

}  // namespace textra::server
