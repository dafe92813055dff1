// `textra serve`: the HTTP API (extraction, documents, corrections, statistics, metrics), the web UI, and
// Ollama- and OpenAI-compatible chat endpoints over the models of a folder.
// Binds 127.0.0.1 by default.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "pipeline/extract_params.h"

namespace textra::server {

// What a client may ask of an extraction (query parameters or multipart fields of POST /v1/extract).
using ExtractParams = pipeline::ExtractParams;

// Runs the whole pipeline (ingest, OCR, extraction) on one uploaded file; returns the result JSON.
using ExtractFunction =
    std::function<Result<nlohmann::json>(const std::string& bytes, const std::string& file_name, const ExtractParams&)>;
// Renders page `page` (0-based) of a stored original as PNG bytes, boxes of `result` drawn when annotate.
using RenderFunction = std::function<Result<std::string>(const std::string& original_path, int page,
                                                         const nlohmann::json* result)>;

// OCR of a stored original: the words whose ids the result's "source.words" refer to.
using OcrFunction = std::function<Result<doc::Document>(const std::string& original_path)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;               // 0 = any free port (printed at start)
  std::string data_dir = "textra-data";
  std::string store_url;         // "sqlite:DIR" or "postgresql://..."; "" = "sqlite:" + data_dir
  std::string token;             // bearer token; empty = no auth
  bool insecure_no_token = false;  // allow a non-loopback --host without a token (logged as a warning)
  std::vector<std::string> allowed_hosts;    // Host names accepted besides localhost and loopback addresses
  std::vector<std::string> allowed_origins;  // other origins allowed to POST/PUT/DELETE ("*": every origin)
  int header_timeout_s = 10;     // request line and headers must arrive within this
  int io_timeout_s = 10;         // longest stall while reading a body or writing an answer
  std::size_t max_connections = 512;        // open connections, all clients together
  std::size_t max_client_connections = 32;  // full connections per client address (light ones beyond)
  int workers = -1;              // extraction workers; -1 = one per core, 0 = none (other processes run the jobs)
  std::size_t queue_capacity = 64;          // waiting extractions beyond this get 429
  int max_attempts = 3;                     // tries of an extraction job that keeps failing before it is dead
  std::size_t max_upload_bytes = 50u << 20;  // 413 beyond this
  int request_timeout_s = 120;   // generation and synchronous extraction wait (not socket reads: see above)
  std::string models_dir;        // GGUF files / Ollama models folder for the Ollama and OpenAI endpoints
  std::size_t max_loaded_models = 2;  // models kept loaded (least recently used dropped beyond)
  std::vector<std::string> allowed_remote;  // Ollama/OpenAI base URLs POST /v1/extract may name (engine=llm)
};

struct Services {
  ExtractFunction extract;
  RenderFunction render_page;  // may be empty: page images then answer 501
  OcrFunction ocr;             // may be empty: the Label Studio export then answers 501
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> create(const ServerOptions& options, Services services);
  ~Server();

  // Binds; returns the bound port (useful with port 0). Then run() serves until stop().
  Result<int> bind();
  Status run();
  void stop();

  struct Impl;  // shared with the route files (server_impl.h)

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace textra::server
