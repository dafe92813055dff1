// The server's shared state, seen by the route files (private to the server module).
#pragma once

#include <httplib.h>

#include <memory>

#include "server/completion.h"
#include "server/generation_gate.h"
#include "server/job_queue.h"
#include "server/metrics.h"
#include "server/model_registry.h"
#include "server/server.h"
#include "store/store.h"

namespace textra::server {

struct Server::Impl {
  ServerOptions options;
  Services services;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<JobQueue> jobs;
  Metrics metrics;
  std::unique_ptr<ModelRegistry> models;           // --models (may offer none)
  std::unique_ptr<GenerationGate> generation_gate;
  std::unique_ptr<CompletionService> completions;
  httplib::Server http;
};

// Each file adds its routes to impl.http.
void add_extract_routes(Server::Impl& impl);
void add_document_routes(Server::Impl& impl);
void add_export_routes(Server::Impl& impl);
void add_schema_routes(Server::Impl& impl);
void add_label_studio_routes(Server::Impl& impl);
void add_web_routes(Server::Impl& impl);
void add_ollama_routes(Server::Impl& impl);
void add_openai_routes(Server::Impl& impl);

}  // namespace textra::server
