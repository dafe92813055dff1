// `textra submit` and `textra worker` processes around one PostgreSQL (a throwaway server): several workers
// share the queue, one killed with -9 mid-run loses nothing, every document gets exactly one result; a
// document whose workers keep dying with it ends dead after N tries while the others finish.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "postgres_server.h"
#include "serve_process.h"
#include "store/store.h"
#include "test_images.h"
#include "test_support.h"
#include "worker_fleet.h"

namespace textra::testing {
namespace {

TEST(Workers, ShareTheQueueAndLoseNothingWhenOneIsKilled) {
  PostgresServer* pg = nullptr;
  TEXTRA_REQUIRE_POSTGRES(pg);
  std::string url = pg->url("workers_kill");
  std::vector<std::int64_t> ids = submit(url, temp_dir("workers-kill"), 24);
  ASSERT_EQ(ids.size(), 24u);
  auto store = store::Store::open_url(url, temp_dir("workers-kill-cache"));
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  auto& s = **store;

  std::vector<pid_t> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_worker(url, {"-j", "1", "--lease", "2"}));
  // Kill the first worker while it holds a job.
  bool killed_mid_job = wait_until([&] {
    store::ListFilter running;
    running.status = "running";
    auto page = s.list(running);
    return page && !page->documents.empty();
  }, 30);
  stop(workers[0], SIGKILL);
  workers[0] = -1;
  bool all_done = wait_until([&] { return all_extracted(s, ids); }, 90);
  for (pid_t w : workers) stop(w, SIGTERM);
  EXPECT_TRUE(killed_mid_job);
  ASSERT_TRUE(all_done);
  // Exactly one result per document: the killed worker's job was redone once, never twice.
  ResultCounts results = count_results(url);
  EXPECT_EQ(results.documents_not_once, 0);
  EXPECT_EQ(results.rows, 24);
  auto figures = s.queue_figures();
  ASSERT_TRUE(figures.is_ok());
  EXPECT_EQ(figures->by_status["extracted"], 24);
}

TEST(Workers, APoisonDocumentIsDeadAfterNTriesAndTheOthersFinish) {
  PostgresServer* pg = nullptr;
  TEXTRA_REQUIRE_POSTGRES(pg);
  std::string url = pg->url("workers_poison");
  std::string dir = temp_dir("workers-poison");
  std::vector<std::int64_t> poison = submit(url, dir, 1, 0);  // a page to OCR: long enough to die during
  ASSERT_EQ(poison.size(), 1u);
  auto store = store::Store::open_url(url, temp_dir("workers-poison-cache"));
  ASSERT_TRUE(store.is_ok());
  auto& s = **store;
  // Each worker that takes it dies with it (as a crash in OCR would); the next one takes it back.
  for (int attempt = 1; attempt <= 2; ++attempt) {
    pid_t worker = start_worker(url, {"-j", "1", "--lease", "1", "--max-attempts", "2"});
    // Running this try: the previous worker's lease ran out and this one claimed it again.
    bool running = wait_until([&] {
      auto d = s.document(poison[0]);
      return d && d->status == "running" && d->attempts == attempt;
    }, 30);
    stop(worker, SIGKILL);
    ASSERT_TRUE(running) << "attempt " << attempt << ": " << status_of(s, poison[0]);
  }
  std::vector<std::int64_t> others = submit(url, dir, 3, 1);
  pid_t worker = start_worker(url, {"-j", "1", "--lease", "1", "--max-attempts", "2"});
  bool settled = wait_until([&] { return all_extracted(s, others) && status_of(s, poison[0]) == "dead"; }, 60);
  stop(worker, SIGTERM);
  ASSERT_TRUE(settled) << "poison: " << status_of(s, poison[0]);
  auto dead = s.document(poison[0]);
  EXPECT_EQ(dead->attempts, 2);
  EXPECT_NE(dead->error.value_or("").find("gave up after 2 tries"), std::string::npos) << dead->error.value_or("");
}

TEST(Workers, ServeWithoutWorkersQueuesForWorkerProcessesAndReportsTheQueue) {
  PostgresServer* pg = nullptr;
  TEXTRA_REQUIRE_POSTGRES(pg);
  std::string url = pg->url("workers_serve");
  ServeProcess serve(temp_dir("workers-serve"), {"--store", url, "--jobs", "0"});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  PdfPage page;
  page.texts.push_back({72, 760, 14, "INVOICE 77"});
  auto upload = client.Post("/v1/extract?async=1", make_pdf({page}), "application/pdf");
  ASSERT_TRUE(upload);
  ASSERT_EQ(upload->status, 202) << upload->body;
  std::int64_t id = nlohmann::json::parse(upload->body)["document_id"];
  // No worker yet: the job waits, and /metrics says so.
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("textra_queue_depth 1\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("textra_documents{status=\"queued\"} 1"), std::string::npos);
  pid_t worker = start_worker(url, {"-j", "1"});
  bool done = wait_until([&] {
    auto r = client.Get("/v1/jobs/" + std::to_string(id));
    return r && nlohmann::json::parse(r->body, nullptr, false).value("state", "") == "done";
  }, 60);
  stop(worker, SIGTERM);
  ASSERT_TRUE(done);
  metrics = client.Get("/metrics");
  EXPECT_NE(metrics->body.find("textra_queue_depth 0\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("textra_documents{status=\"extracted\"} 1"), std::string::npos);
}

// An engine=llm job accepted by a server that runs no jobs is run by a worker process: the job's parameters
// (engine, model, fields) travel with it in the store, and the worker finds the model in its own --models.
TEST(Workers, RunAnLlmJobWithTheParametersStoredWithIt) {
  TEXTRA_REQUIRE_SHARED();
  PostgresServer* pg = nullptr;
  TEXTRA_REQUIRE_POSTGRES(pg);
  std::string url = pg->url("workers_llm");
  const std::string model = "tiny-phi3-chat-q8_0";
  std::string models = temp_dir("workers-llm-models");
  std::filesystem::create_symlink(shared_dir() + "/fixtures/llm/" + model + ".gguf", models + "/" + model + ".gguf");
  ServeProcess serve(temp_dir("workers-llm"), {"--store", url, "--jobs", "0", "--models", models});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  std::ifstream in(source_dir() + "/samples/facture-fr.png", std::ios::binary);
  std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  httplib::MultipartFormDataItems form = {{"file", png, "facture-fr.png", "image/png"},
                                          {"engine", "llm", "", ""},
                                          {"model", model, "", ""},
                                          {"schema", kCityMustBeLyon, "", ""},
                                          {"async", "1", "", ""}};
  auto upload = client.Post("/v1/extract", form);
  ASSERT_TRUE(upload);
  ASSERT_EQ(upload->status, 202) << upload->body;
  std::int64_t id = nlohmann::json::parse(upload->body)["document_id"];
  pid_t worker = start_worker(url, {"-j", "1", "--models", models});
  nlohmann::json job;
  bool done = wait_until([&] {
    auto r = client.Get("/v1/jobs/" + std::to_string(id));
    job = r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
    return job.is_object() && job.value("state", "") == "done";
  }, 120);
  stop(worker, SIGTERM);
  ASSERT_TRUE(done) << job.dump();
  EXPECT_EQ(job["result"]["engine"]["name"], "llm");
  EXPECT_EQ(job["result"]["fields"]["city"]["value"], "Lyon") << job.dump();
  EXPECT_TRUE(job["result"]["fields"]["city"]["source"].is_object()) << job.dump();
}

}  // namespace
}  // namespace textra::testing
