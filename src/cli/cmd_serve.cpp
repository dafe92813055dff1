// `textra serve`: the HTTP API, the web UI and the document store (docs/api.md).
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "cli/command.h"
#include "cli/ocr_engine_option.h"
#include "server/page_image.h"
#include "server/extraction_job.h"
#include "server/server.h"

namespace textra::cli {
namespace {

server::Server* g_running = nullptr;

void on_signal(int) {
  if (g_running != nullptr) g_running->stop();
}

struct ServeArgs {
  server::ServerOptions options;
  std::string languages = "fra+eng";
  ocr::EngineKind ocr_engine = ocr::EngineOptions{}.kind;
  std::size_t max_megapixels = 100;
};

int run_serve(ServeArgs& args) {
  if (args.options.token.empty()) {
    if (const char* env = std::getenv("TEXTRA_TOKEN")) args.options.token = env;
  }
  ocr::OcrOptions ocr_options;
  ocr_options.engine.languages = args.languages;
  ocr_options.engine.kind = args.ocr_engine;
  ocr_options.limits.image.max_pixels_per_page = static_cast<std::int64_t>(args.max_megapixels) * 1000000;
  ocr_options.limits.max_bytes = args.options.max_upload_bytes;
  auto made = server::make_job_pipeline(ocr_options, args.options.models_dir, args.options.allowed_remote);
  if (!made) {
    std::fprintf(stderr, "textra serve: %s\n", made.status().message().c_str());
    return kExitFailure;
  }
  std::shared_ptr<pipeline::Pipeline> pipeline = *made;
  server::Services services;
  services.extract = server::pipeline_extraction(pipeline);
  services.render_page = [pipeline](const std::string& path, int page, const nlohmann::json* result) {
    return server::render_page_png(path, page, result, pipeline->limits());
  };
  services.ocr = [pipeline](const std::string& path) { return pipeline->ocr_file(path); };
  auto created = server::Server::create(args.options, std::move(services));
  if (!created) {
    std::fprintf(stderr, "textra serve: %s\n", created.status().message().c_str());
    return kExitFailure;
  }
  auto& srv = **created;
  auto port = srv.bind();
  if (!port) {
    std::fprintf(stderr, "textra serve: %s\n", port.status().message().c_str());
    return kExitFailure;
  }
  // The first line on stdout is the address: scripts and tests started with --port 0 read it.
  std::printf("textra serve: listening on http://%s:%d (data in %s)\n", args.options.host.c_str(), *port,
              args.options.data_dir.c_str());
  std::fflush(stdout);
  g_running = &srv;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  Status status = srv.run();
  g_running = nullptr;
  if (!status) {
    std::fprintf(stderr, "textra serve: %s\n", status.message().c_str());
    return kExitFailure;
  }
  return kExitOk;
}

const CommandRegistration kServe(60, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* sub = app.add_subcommand("serve", "Serve the HTTP API, the document store and the web UI");
  auto& o = args->options;
  sub->add_option("--host", o.host, "Address to bind (127.0.0.1: this machine only)")->capture_default_str();
  sub->add_option("--port", o.port, "Port (0: any free port, printed at start)")->capture_default_str()
      ->check(CLI::Range(0, 65535));
  sub->add_option("--data-dir", o.data_dir, "Folder of the document store")->capture_default_str();
  sub->add_option("--token", o.token, "Require this bearer token (default: $TEXTRA_TOKEN, else none)");
  sub->add_option("--store", o.store_url,
                  "Document store: sqlite:DIR (default: sqlite:DATA-DIR) or postgresql://USER@HOST:PORT/DB");
  sub->add_option("-j,--jobs", o.workers,
                  "Extraction workers (default: one per core; 0: none, `textra worker` processes run the jobs)")
      ->check(CLI::Range(0, 1024));
  sub->add_option("--queue", o.queue_capacity, "Waiting extractions before answering 429")->capture_default_str()
      ->check(CLI::Range(1, 100000));
  sub->add_option("--max-attempts", o.max_attempts, "Tries of an extraction that keeps failing before it is dead")
      ->capture_default_str()->check(CLI::Range(1, 100));
  sub->add_option("--max-upload-mb", o.max_upload_bytes, "Largest upload in MiB")
      ->transform([](const std::string& v) {
        // CLI11 turns a ValidationError into a usage message; std::stoull's exceptions would abort.
        std::uint64_t mb = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), mb);
        if (ec != std::errc() || end != v.data() + v.size() || mb == 0 || mb > (UINT64_MAX >> 20)) {
          throw CLI::ValidationError("--max-upload-mb", "expected a positive number of MiB, got '" + v + "'");
        }
        return std::to_string(mb << 20);
      });
  sub->add_option("--timeout", o.request_timeout_s, "Generation and synchronous extraction timeout in seconds")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  // Browser and network protections (docs/security.md).
  sub->add_flag("--insecure-no-token", o.insecure_no_token, "Serve a non-loopback --host without a token");
  sub->add_option("--allowed-host", o.allowed_hosts, "Also answer requests whose Host is NAME (repeatable)");
  sub->add_option("--allowed-origin", o.allowed_origins,
                  "Let pages of ORIGIN (https://app.example.com, or *) POST/PUT/DELETE (repeatable)");
  sub->add_option("--header-timeout", o.header_timeout_s, "Seconds a client has to send its request headers")
      ->capture_default_str()->check(CLI::Range(1, 600));
  sub->add_option("--io-timeout", o.io_timeout_s, "Longest stall in seconds while a body is read or an answer written")
      ->capture_default_str()->check(CLI::Range(1, 3600));
  sub->add_option("--max-connections", o.max_connections, "Open connections, all clients together")
      ->capture_default_str()->check(CLI::Range(8, 100000));
  sub->add_option("--max-client-connections", o.max_client_connections,
                  "Full connections per client address (further ones serve health and reads only)")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  sub->add_option("--models", o.models_dir,
                  "Folder of GGUF files and/or an Ollama models folder, served by the Ollama and OpenAI endpoints");
  sub->add_option("--allow-remote", o.allowed_remote,
                  "Let POST /v1/extract engine=llm ask the Ollama or OpenAI server at this base URL (repeatable)");
  sub->add_option("--max-loaded-models", o.max_loaded_models, "Models kept loaded at once")->capture_default_str()
      ->check(CLI::Range(1, 64));
  sub->add_option("--lang", args->languages, "OCR languages")->capture_default_str();
  add_ocr_engine_option(sub, &args->ocr_engine);
  sub->add_option("--max-megapixels", args->max_megapixels, "Pixel limit per page")->capture_default_str();
  return [args] { return run_serve(*args); };
});

}  // namespace
}  // namespace textra::cli
