// Small helpers shared by the route files: JSON answers, JSON errors, path ids.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/status.h"

namespace textra::server {

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// The same keeping the object's key order (the Ollama/OpenAI answers, in their documentation's order).
void send_ordered_json(httplib::Response& res, int status, const nlohmann::ordered_json& body);
// {"error": {"code": "...", "message": "..."}}
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message);
// Ollama's {"error": "message"} (the /api/* routes).
void send_ollama_error(httplib::Response& res, int status, const std::string& message);
// OpenAI's {"error": {"message", "type", "param", "code"}} (/v1/chat/*, /v1/models*).
void send_openai_error(httplib::Response& res, int status, const std::string& message);
// An error in the shape of the API that `path` belongs to (one of the three above).
void send_error_for(const std::string& path, httplib::Response& res, int status, const std::string& code,
                    const std::string& message);
// The one table from a Status to the HTTP status a client sees, for every route (ours, Ollama's, OpenAI's):
// invalid argument 400, not found 404, limit exceeded 413, unsupported 415, corrupt 422, busy 429 (a full
// queue: retry later), unavailable 503 (a service we depend on), anything else 500 (a failure of ours).
int http_status(const Status& status);
// {"error": {"code": error_code_name, "message": ...}} with http_status(status).
void send_status(httplib::Response& res, const Status& status);
// A positive id from a path match group; nullopt if it is not a sane number.
std::optional<std::int64_t> parse_id(const std::string& text);
// A route handler that calls fn(id, req, res) with the document id of the path's first group, or answers 400.
template <typename F>
auto with_id(F fn) {
  return [fn](const httplib::Request& req, httplib::Response& res) {
    auto id = parse_id(req.matches[1]);
    if (!id) return send_error(res, 400, "bad_id", "document id must be a positive integer");
    fn(*id, req, res);
  };
}
// A parameter from the query string or a multipart text field.
std::string param(const httplib::Request& req, const std::string& name);

}  // namespace textra::server
