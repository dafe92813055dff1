#include "server/http_util.h"

#include <charconv>

namespace textra::server {

namespace {
template <typename Json>
void send_any_json(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}
}  // namespace

void send_json(httplib::Response& res, int status, const nlohmann::json& body) { send_any_json(res, status, body); }
void send_ordered_json(httplib::Response& res, int status, const nlohmann::ordered_json& body) {
  send_any_json(res, status, body);
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  send_json(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

void send_ollama_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}});
}

void send_openai_error(httplib::Response& res, int status, const std::string& message) {
  const char* type = status == 404 ? "not_found_error" : status == 429 ? "rate_limit_error"
                   : status < 500 ? "invalid_request_error" : "server_error";
  send_ordered_json(res, status, nlohmann::ordered_json{
      {"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", nullptr}}}});
}

void send_error_for(const std::string& path, httplib::Response& res, int status, const std::string& code,
                    const std::string& message) {
  if (path.starts_with("/api/")) return send_ollama_error(res, status, message);
  if (path.starts_with("/v1/chat/") || path == "/v1/models" || path.starts_with("/v1/models/")) {
    return send_openai_error(res, status, message);
  }
  send_error(res, status, code, message);
}

int http_status(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kLimitExceeded: return 413;
    case ErrorCode::kUnsupported: return 415;
    case ErrorCode::kCorrupt: return 422;
    case ErrorCode::kBusy: return 429;
    case ErrorCode::kUnavailable: return 503;
    default: return 500;
  }
}

void send_status(httplib::Response& res, const Status& status) {
  send_error(res, http_status(status), error_code_name(status.code()), status.message());
}

std::optional<std::int64_t> parse_id(const std::string& text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string param(const httplib::Request& req, const std::string& name) {
  if (req.has_param(name.c_str())) return req.get_param_value(name.c_str());
  if (req.has_file(name.c_str())) return req.get_file_value(name.c_str()).content;
  return "";
}

}  // namespace textra::server
