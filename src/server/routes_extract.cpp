// POST /v1/extract (multipart field "file" or a raw body), GET /v1/jobs/{id}.
#include "server/http_util.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

using nlohmann::json;

json job_json(const JobState& job) {
  json out = {{"id", job.id}, {"state", job.state}};
  if (job.state == "done") out["result"] = job.result;
  if (job.state == "failed") out["error"] = job.result["error"];
  return out;
}

// The uploaded file: multipart field "file", else the raw body with its Content-Type.
bool uploaded_file(const httplib::Request& req, std::string& bytes, std::string& name, std::string& type) {
  if (req.is_multipart_form_data()) {
    if (!req.has_file("file")) return false;
    const auto& file = req.get_file_value("file");
    bytes = file.content;
    name = file.filename.empty() ? "upload" : file.filename;
    type = file.content_type;
    return true;
  }
  bytes = req.body;
  name = req.has_param("filename") ? req.get_param_value("filename") : "upload";
  type = req.get_header_value("Content-Type");
  return true;
}

}  // namespace

void add_extract_routes(Server::Impl& impl) {
  impl.http.Post("/v1/extract", [&impl](const httplib::Request& req, httplib::Response& res) {
    std::string bytes, name, type;
    if (!uploaded_file(req, bytes, name, type)) {
      return send_error(res, 400, "missing_file", "multipart upload needs a field named \"file\"");
    }
    if (bytes.empty()) return send_error(res, 400, "empty_file", "the uploaded file is empty");
    // Keep only the last path component: the name is shown, never used as a path.
    if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
    ExtractParams params{param(req, "engine"), param(req, "schema"), param(req, "fields"), param(req, "lang"),
                         param(req, "ocr_engine")};

    auto added = impl.store->add_document(bytes, name, type);
    if (!added) return send_status(res, added.status());
    std::int64_t id = added->document.id;
    auto job = impl.jobs->submit([&impl, bytes = std::move(bytes), name, params, id]() -> json {
      auto result = impl.services.extract(bytes, name, params);
      if (!result) {
        (void)impl.store->mark_failed(id, result.status().message());
        return {{"error", {{"code", error_code_name(result.status().code())},
                           {"message", result.status().message()}}}};
      }
      json out = *result;
      out["document_id"] = id;
      if (Status saved = impl.store->save_result(id, out); !saved) {
        return {{"error", {{"code", "store"}, {"message", saved.message()}}}};
      }
      if (out.contains("pages") && out["pages"].is_number_unsigned()) impl.metrics.add("pages_total", out["pages"]);
      return out;
    });
    if (!job) return send_error(res, 429, "busy", "the extraction queue is full; retry later");

    if (param(req, "async") == "1") {
      return send_json(res, 202, {{"job_id", *job}, {"document_id", id}, {"state", "queued"}});
    }
    auto state = impl.jobs->wait(*job, impl.options.request_timeout_s);
    if (!state || (state->state != "done" && state->state != "failed")) {
      return send_json(res, 202, {{"job_id", *job}, {"document_id", id}, {"state", state ? state->state : "queued"}});
    }
    if (state->state == "failed") {
      json error = state->result["error"];
      std::string code = error.value("code", "failed");
      int http = code == "corrupt" ? 422 : code == "unsupported" ? 415 : code == "limit_exceeded" ? 413
               : code == "invalid_argument" ? 400 : code == "not_found" ? 404 : 500;
      return send_json(res, http, {{"error", error}, {"document_id", id}});
    }
    send_json(res, 200, state->result);
  });

  impl.http.Get(R"(/v1/jobs/([A-Za-z0-9-]{1,64}))", [&impl](const httplib::Request& req, httplib::Response& res) {
    auto state = impl.jobs->state(req.matches[1]);
    if (!state) return send_error(res, 404, "not_found", "no job " + std::string(req.matches[1]));
    send_json(res, 200, job_json(*state));
  });
}

}  // namespace textra::server
