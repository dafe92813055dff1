// POST /v1/extract (multipart field "file" or a raw body), GET /v1/jobs/{id} (job id = document id).
#include "server/extraction_job.h"
#include "server/http_util.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

using nlohmann::json;

// A job's state from its document's status: "queued", "running", "retrying" (failed, will retry), "done"
// (extracted or reviewed), "failed" (dead).
std::string job_state(const std::string& status) {
  if (status == "failed") return "retrying";
  if (status == "extracted" || status == "reviewed") return "done";
  if (status == "dead") return "failed";
  return status;
}

json error_json(const store::DocumentRecord& record) {
  return {{"code", record.error_code.value_or("failed")}, {"message", record.error.value_or("")}};
}

// The earliest document holding the same invoice, known once the result is stored (null when none).
json duplicate_of_json(const store::DocumentRecord& record) {
  return record.duplicate_of ? json(*record.duplicate_of) : json(nullptr);
}

int http_status_of(const std::string& code) {
  return code == "corrupt" ? 422 : code == "unsupported" ? 415 : code == "limit_exceeded" ? 413
       : code == "invalid_argument" ? 400 : code == "not_found" ? 404 : 500;
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

// The extraction fields of the request (CONTRACTS.md), checked before anything is stored.
Result<ExtractParams> request_params(const httplib::Request& req) {
  ExtractParams params;
  params.engine = param(req, "engine");
  params.fields = param(req, "fields");
  params.lang = param(req, "lang");
  params.ocr_engine = param(req, "ocr_engine");
  params.model = param(req, "model");
  params.ollama = param(req, "ollama");
  params.openai = param(req, "openai");
  params.language = param(req, "language");
  if (std::string budget = param(req, "max_tokens"); !budget.empty()) {
    auto parsed = parse_id(budget);
    if (!parsed || *parsed > 65536) return invalid_argument("max_tokens \"" + budget + "\" is not a number of tokens");
    params.max_tokens = static_cast<int>(*parsed);
  }
  return params;
}

// An llm request's engine fields, and a model of --models when no remote server answers for it.
Status check_model(Server::Impl& impl, const ExtractParams& params) {
  TEXTRA_RETURN_IF_ERROR(pipeline::check_engine_params(params, impl.options.allowed_remote));
  if (params.engine != "llm" || !params.ollama.empty() || !params.openai.empty()) return Status::ok();
  if (impl.models->find(params.model) == nullptr) {
    return not_found("model \"" + params.model + "\" is not one this server serves (GET /api/tags lists them)");
  }
  return Status::ok();
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
    auto params = request_params(req);
    if (!params) return send_status(res, params.status());
    if (Status known = check_model(impl, *params); !known) return send_status(res, known);
    if (Status resolved = resolve_request_schema(*impl.schemas, param(req, "schema"), *params); !resolved) {
      return send_status(res, resolved);
    }

    store::JobRequest job{pipeline::extract_params_json(*params), static_cast<std::int64_t>(impl.options.queue_capacity)};
    auto added = impl.store->add_document(bytes, name, type, &job);
    if (!added) return send_status(res, added.status());
    std::int64_t id = added->document.id;
    if (!added->queued) return send_status(res, busy("the extraction queue is full; retry later"));
    impl.jobs->wake();

    json accepted = {{"job_id", id}, {"document_id", id}, {"state", "queued"}};
    if (param(req, "async") == "1") return send_json(res, 202, accepted);
    auto record = impl.jobs->wait(id, impl.options.request_timeout_s);
    if (!record) return send_status(res, record.status());
    if (record->status == "dead") {
      json error = error_json(*record);
      return send_json(res, http_status_of(error["code"]), {{"error", error}, {"document_id", id}});
    }
    if (job_state(record->status) != "done") {
      accepted["state"] = job_state(record->status);
      return send_json(res, 202, accepted);
    }
    auto result = impl.store->latest_result(id);
    if (!result) return send_status(res, result.status());
    json body = result->value_or(json::object());
    body["duplicate_of"] = duplicate_of_json(*record);
    send_json(res, 200, body);
  });

  impl.http.Get(R"(/v1/jobs/([A-Za-z0-9-]{1,64}))", [&impl](const httplib::Request& req, httplib::Response& res) {
    std::string name = req.matches[1];
    auto id = parse_id(name);
    auto record = id ? impl.store->document(*id) : Result<store::DocumentRecord>(not_found(""));
    if (!record || record->status == "new") return send_error(res, 404, "not_found", "no job " + name);
    json out = {{"id", *id}, {"document_id", *id}, {"state", job_state(record->status)},
                {"attempts", record->attempts}};
    if (record->error && record->status != "extracted" && record->status != "reviewed") {
      out["error"] = error_json(*record);
    }
    if (out["state"] == "done") {
      auto result = impl.store->latest_result(*id);
      if (!result) return send_status(res, result.status());
      out["result"] = result->value_or(json(nullptr));
      out["duplicate_of"] = duplicate_of_json(*record);
    }
    send_json(res, 200, out);
  });
}

}  // namespace textra::server
