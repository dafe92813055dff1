#include "server/server.h"

#include <chrono>
#include <regex>

#include "base/log.h"
#include "server/http_util.h"
#include "server/server_impl.h"

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

bool needs_auth(const std::string& path) {
  return path.rfind("/v1/", 0) == 0 || path.rfind("/api/", 0) == 0 || path == "/metrics";
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { stop(); }

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options, Services services) {
  if (!services.extract) return invalid_argument("server needs an extraction pipeline");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->services = std::move(services);
  TEXTRA_ASSIGN_OR_RETURN(impl->store, store::Store::open(options.data_dir));
  std::size_t workers = options.workers == 0 ? std::max<unsigned>(1, std::thread::hardware_concurrency())
                                             : options.workers;
  impl->jobs = std::make_unique<JobQueue>(workers, options.queue_capacity);
  TEXTRA_ASSIGN_OR_RETURN(impl->models, ModelRegistry::scan(options.models_dir, options.max_loaded_models));
  // One generation at a time: each already uses every core. A waiting generation holds a connection thread,
  // so at most a quarter of the queue may wait, leaving the threads to everything else.
  impl->generation_gate = std::make_unique<GenerationGate>(1, std::max<std::size_t>(1, options.queue_capacity / 4));
  impl->completions = std::make_unique<CompletionService>(*impl->models, *impl->generation_gate, impl->metrics,
                                                          options.request_timeout_s);

  Impl& s = *impl;
  s.http.set_payload_max_length(options.max_upload_bytes);
  s.http.set_read_timeout(options.request_timeout_s, 0);
  s.http.set_write_timeout(options.request_timeout_s, 0);
  s.http.set_keep_alive_timeout(5);
  // httplib serves a connection per thread: enough threads that slow or idle clients (until the read
  // timeout drops them) and waiting synchronous extractions leave room for quick requests.
  std::size_t connection_threads = std::max<std::size_t>(64, workers + options.queue_capacity);
  s.http.new_task_queue = [connection_threads] { return new httplib::ThreadPool(connection_threads); };

  s.http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    tls_request_start = Clock::now();
    if (!s.options.token.empty() && needs_auth(req.path) &&
        req.get_header_value("Authorization") != "Bearer " + s.options.token) {
      res.set_header("WWW-Authenticate", "Bearer");
      send_error(res, 401, "unauthorized", "missing or wrong bearer token");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.http.set_logger([&s](const httplib::Request& req, const httplib::Response& res) {
    double seconds = std::chrono::duration<double>(Clock::now() - tls_request_start).count();
    s.metrics.observe_request(route_label(req.path), res.status, seconds);
  });
  s.http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unexpected error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send_error(res, 500, "internal", what);
  });
  // httplib's own refusals (404 unknown route, 413 too large, 400 malformed) get a JSON body too.
  s.http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* code = res.status == 404 ? "not_found" : res.status == 413 ? "too_large" : "bad_request";
    send_error(res, res.status, code, "HTTP " + std::to_string(res.status));
  });

  s.http.Get("/healthz", [&s](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"status", "ok"}, {"queued", s.jobs->queued()}});
  });
  s.http.Get("/metrics", [&s](const httplib::Request&, httplib::Response& res) {
    res.set_content(s.metrics.render(), "text/plain; version=0.0.4");
  });
  add_extract_routes(s);
  add_document_routes(s);
  add_export_routes(s);
  add_schema_routes(s);
  add_label_studio_routes(s);
  add_web_routes(s);
  add_ollama_routes(s);
  add_openai_routes(s);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::bind() {
  int port = impl_->options.port == 0 ? impl_->http.bind_to_any_port(impl_->options.host)
                                      : (impl_->http.bind_to_port(impl_->options.host, impl_->options.port)
                                             ? impl_->options.port
                                             : -1);
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
