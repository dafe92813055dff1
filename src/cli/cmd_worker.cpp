// `textra worker --store URL [-j N]`: takes extraction jobs from a shared store (docs/deploy.md) until
// SIGINT or SIGTERM, then finishes the jobs in progress and exits.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/command.h"
#include "cli/llm_options.h"
#include "cli/store_options.h"
#include "server/extraction_job.h"
#include "server/generation_gate.h"
#include "server/job_queue.h"

namespace textra::cli {
namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

struct WorkerArgs {
  std::string store_url;
  int workers = 1;
  int max_attempts = 3;
  int lease_s = 30;
  std::string languages = "fra+eng";
  std::size_t max_megapixels = 100;
  std::string models_dir;
  std::vector<std::string> allowed_remote;
};

int run_worker(const WorkerArgs& args) {
  auto store = open_store(args.store_url);
  if (!store) return fail(store.status());
  ocr::OcrOptions ocr_options;
  ocr_options.engine.languages = args.languages;
  ocr_options.limits.image.max_pixels_per_page = static_cast<std::int64_t>(args.max_megapixels) * 1000000;
  auto pipeline = server::make_job_pipeline(ocr_options, args.models_dir, args.allowed_remote);
  if (!pipeline) return fail(pipeline.status());
  // Generations use every core: one at a time, the other workers' llm jobs waiting for it (up to an hour,
  // their leases renewed meanwhile; then the job is retried later).
  server::GenerationGate gate(1, static_cast<std::size_t>(args.workers));
  server::Metrics metrics;  // kept for the work function's page counter; a worker serves no /metrics
  server::JobQueueOptions options;
  options.workers = static_cast<std::size_t>(args.workers);
  options.retry.max_attempts = args.max_attempts;
  options.lease_s = args.lease_s;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("textra worker: taking jobs from %s with %d workers\n", args.store_url.c_str(), args.workers);
  std::fflush(stdout);
  {
    server::JobQueue queue(**store,
                           server::extraction_work(**store, server::pipeline_extraction(*pipeline), metrics,
                                                   {&gate, 3600}),
                           options);
    while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }  // the queue's destructor lets the jobs in progress finish
  return kExitOk;
}

const CommandRegistration kWorker(61, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<WorkerArgs>();
  CLI::App* sub = app.add_subcommand("worker", "Take extraction jobs from a shared document store");
  add_store_option(*sub, args->store_url);
  sub->add_option("-j,--jobs", args->workers, "Jobs run at once")->capture_default_str()->check(CLI::Range(1, 1024));
  sub->add_option("--max-attempts", args->max_attempts, "Tries of a job that keeps failing before it is dead")
      ->capture_default_str()->check(CLI::Range(1, 100));
  sub->add_option("--lease", args->lease_s,
                  "Seconds a job stays ours without a heartbeat (renewed every third of it); a worker silent "
                  "longer loses its jobs to the others")
      ->capture_default_str()->check(CLI::Range(1, 86400));
  sub->add_option("--lang", args->languages, "OCR languages")->capture_default_str();
  sub->add_option("--max-megapixels", args->max_megapixels, "Pixel limit per page")->capture_default_str();
  sub->add_option("--models", args->models_dir, "Folder of the GGUF models that engine=llm jobs name (as serve's)");
  sub->add_option("--allow-remote", args->allowed_remote,
                  "Run engine=llm jobs that name the Ollama or OpenAI server at this base URL (repeatable)");
  return [args] { return run_worker(*args); };
});

}  // namespace
}  // namespace textra::cli
