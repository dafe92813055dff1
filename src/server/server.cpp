#include "server/server.h"

#include <chrono>
#include <regex>

#include "base/log.h"
#include "server/guarded_http_server.h"
#include "server/extraction_job.h"
#include "server/http_util.h"
#include "server/request_guard.h"
#include "server/server_impl.h"
#include "store/clock.h"

namespace textra::server {
namespace {

using Clock = std::chrono::steady_clock;
thread_local Clock::time_point tls_request_start;  // httplib serves each request on one thread

// "/v1/documents/12/pages/1.png" -> "/v1/documents/:id/pages/:id.png", so metrics stay low-cardinality.
std::string route_label(const std::string& path) {
  static const std::regex id_segment("/[0-9]+(?=/|\\.|$)");
  std::string label = std::regex_replace(path, id_segment, "/:id");
  return label.size() > 80 ? label.substr(0, 80) : label;
}

// Our routes read JSON whatever the Content-Type (as Ollama does) and none reads HTML form fields: httplib
// would parse a form-encoded body into parameters and refuse it beyond 8 KB (what `curl -d` sends).
void keep_form_bodies_raw(httplib::Request& req) {
  if (req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
    req.headers.erase("Content-Type");
    req.headers.emplace("Content-Type", "application/octet-stream");
  }
}

// The messages of httplib's own refusals (its parser and body reader set only the status).
std::string refusal_message(const httplib::Request& req, int status, std::size_t max_upload_bytes) {
  switch (status) {
    case 404: return "no route for " + req.method + " " + req.path.substr(0, 200);
    case 413: return "the request body is larger than the limit of " + std::to_string(max_upload_bytes) +
                     " bytes (--max-upload-mb)";
    case 414: return "the request line is too long";
    case 416: return "the requested range is not satisfiable";
    case 400: return "malformed HTTP request, or its body did not arrive in time";
    default: return "HTTP status " + std::to_string(status);
  }
}

// A non-loopback --host serves other machines: not without a token unless asked to.
Status check_exposure(const ServerOptions& options) {
  if (is_loopback_host(options.host) || !options.token.empty()) return Status::ok();
  if (!options.insecure_no_token) {
    return invalid_argument("--host " + options.host + " serves other machines: give --token (or $TEXTRA_TOKEN), or "
                            "--insecure-no-token to let anyone who reaches it read and change every document");
  }
  LOG_WARN("textra serve: INSECURE: listening on " << options.host << " without a token (--insecure-no-token): "
           "anyone who can reach this address can read, change and delete every document");
  return Status::ok();
}

// The job queue as the store sees it (all workers of all processes): documents per status, jobs waiting,
// the age of the oldest waiting one.
std::string queue_metrics(store::Store& store) {
  auto figures = store.queue_figures();
  if (!figures) return "# textra_jobs unavailable: " + figures.status().message() + "\n";
  std::string out = "# HELP textra_documents Documents per status (queued, running, failed, dead: their job's state).\n"
                    "# TYPE textra_documents gauge\n";
  std::int64_t waiting = 0;
  for (const auto& [status, count] : figures->by_status) {
    out += "textra_documents{status=\"" + status + "\"} " + std::to_string(count) + "\n";
    if (status == "queued" || status == "failed") waiting += count;
  }
  out += "# HELP textra_queue_depth Jobs waiting for a worker (queued, or failed and waiting to retry).\n"
         "# TYPE textra_queue_depth gauge\ntextra_queue_depth " + std::to_string(waiting) + "\n";
  out += "# HELP textra_queue_oldest_seconds Age of the oldest waiting job.\n"
         "# TYPE textra_queue_oldest_seconds gauge\ntextra_queue_oldest_seconds " +
         std::to_string(figures->oldest_waiting_s.value_or(0.0)) + "\n";
  return out;
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  stop();
  // The workers use the metrics and the store: stop them before the members they use go.
  if (impl_ != nullptr) impl_->jobs.reset();
}

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options, Services services) {
  if (!services.extract) return invalid_argument("server needs an extraction pipeline");
  TEXTRA_RETURN_IF_ERROR(check_exposure(options));
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->services = std::move(services);
  std::string store_url = options.store_url.empty() ? "sqlite:" + options.data_dir : options.store_url;
  TEXTRA_ASSIGN_OR_RETURN(impl->store, store::Store::open_url(store_url, options.data_dir + "/originals-cache"));
  impl->schemas = std::make_unique<SchemaLibrary>(options.data_dir + "/schemas");
  std::size_t workers = options.workers < 0 ? std::max<unsigned>(1, std::thread::hardware_concurrency())
                                            : static_cast<std::size_t>(options.workers);
  // A server that owns its store (SQLite) knows a job still marked running was cut short by its crash; on a
  // shared store only jobs whose lease ran out are taken back (the others' workers are alive).
  JobQueueOptions queue;
  queue.workers = workers;
  queue.retry.max_attempts = std::max(1, options.max_attempts);
  std::int64_t abandoned_before = impl->store->shared_by_processes() ? store::now_ms() : INT64_MAX;
  TEXTRA_ASSIGN_OR_RETURN(std::int64_t recovered, impl->store->recover_jobs(queue.retry, abandoned_before));
  if (recovered > 0) LOG_WARN("took up " << recovered << " extraction jobs left running by the last run");
  TEXTRA_ASSIGN_OR_RETURN(impl->models, ModelRegistry::scan(options.models_dir, options.max_loaded_models));
  // One generation at a time: each already uses every core. A waiting generation holds a connection thread,
  // so at most a quarter of the queue may wait, leaving the threads to everything else.
  impl->generation_gate = std::make_unique<GenerationGate>(1, std::max<std::size_t>(1, options.queue_capacity / 4));
  impl->completions = std::make_unique<CompletionService>(*impl->models, *impl->generation_gate, impl->metrics,
                                                          options.request_timeout_s);

  Impl& s = *impl;
  s.http.set_payload_max_length(options.max_upload_bytes);
  // Socket timeouts and connection bounds are the guarded server's (guarded_http_server.h); the write timeout
  // of httplib's own streams is unused there.
  s.http.set_keep_alive_timeout(5);
  s.http.set_limits({.header_timeout_s = options.header_timeout_s,
                     .io_timeout_s = options.io_timeout_s,
                     .keep_alive_s = 5,
                     .max_connections = options.max_connections,
                     .max_client_connections = options.max_client_connections});
  s.http.set_headers_hook(keep_form_bodies_raw);
  GuardOptions guard{.allowed_hosts = options.allowed_hosts,
                     .allowed_origins = options.allowed_origins,
                     .any_address_host = !is_loopback_host(options.host),
                     .token = options.token};
  s.http.set_pre_routing_handler([guard](const httplib::Request& req, httplib::Response& res) {
    tls_request_start = Clock::now();
    return refuse_request(guard, req, res) ? httplib::Server::HandlerResponse::Handled
                                           : httplib::Server::HandlerResponse::Unhandled;
  });
  s.http.set_logger([&s](const httplib::Request& req, const httplib::Response& res) {
    double seconds = std::chrono::duration<double>(Clock::now() - tls_request_start).count();
    s.metrics.observe_request(route_label(req.path), res.status, seconds);
  });
  s.http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send_error_for(req.path, res, 500, "internal", what);
  });
  // httplib's own refusals (unknown route, body too large, malformed request) in the route's error shape.
  s.http.set_error_handler([max = options.max_upload_bytes](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const int status = res.status;
    // After a request httplib could not parse or read, the rest of the connection cannot be trusted.
    if (status != 404) close_connection_after_response();
    const char* code = status == 404 ? "not_found" : status == 413 ? "too_large" : "bad_request";
    send_error_for(req.path, res, status, code, refusal_message(req, status, max));
  });

  s.http.Get("/healthz", [&s](const httplib::Request&, httplib::Response& res) {
    auto waiting = s.store->waiting_jobs();
    if (!waiting) return send_status(res, waiting.status());
    send_json(res, 200, {{"status", "ok"}, {"queued", *waiting}});
  });
  s.http.Get("/metrics", [&s](const httplib::Request&, httplib::Response& res) {
    res.set_content(s.metrics.render() + queue_metrics(*s.store), "text/plain; version=0.0.4");
  });
  add_extract_routes(s);
  add_document_routes(s);
  add_schema_routes(s);
  add_export_routes(s);
  add_label_studio_routes(s);
  add_web_routes(s);
  add_ollama_routes(s);
  add_openai_routes(s);
  // Last, when nothing can fail any more: the workers start at once, and ~Server stops them first.
  s.jobs = std::make_unique<JobQueue>(*s.store, extraction_work(*s.store, s.services.extract, s.metrics,
                                                                   {s.generation_gate.get(), options.request_timeout_s}),
                                     queue);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::bind() {
  int port = impl_->options.port == 0 ? impl_->http.bind_to_any_port(impl_->options.host)
                                      : (impl_->http.bind_to_port(impl_->options.host, impl_->options.port)
                                             ? impl_->options.port
                                             : -1);
  if (port >= 0) impl_->http.deepen_listen_backlog();
  if (port < 0) {
    return unavailable("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                       " (in use, or not an address of this machine)");
  }
  return port;
}

Status Server::run() {
  if (!impl_->http.listen_after_bind()) return internal_error("the HTTP server stopped unexpectedly");
  return Status::ok();
}

void Server::stop() {
  if (impl_ == nullptr) return;
  impl_->completions->stop_all();  // httplib's stop waits for the handlers: do not let them generate on
  if (impl_->http.is_running()) impl_->http.stop();
}

}  // namespace textra::server
