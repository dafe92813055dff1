// The acceptance runs of the PostgreSQL queue (issue 18) with `textra submit`, `textra worker` and
// `textra serve --jobs 0` processes: 200 documents through 3 workers, one killed with -9 twice; and
// PostgreSQL itself stopped and started while workers are mid-run. Each time every document ends with
// exactly one result (the results table, read with SQL) and the queue's figures and /metrics agree with it.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "postgres_server.h"
#include "serve_process.h"
#include "store/store.h"
#include "test_support.h"
#include "worker_fleet.h"

namespace textra::testing {
namespace {

// What `GET /metrics` of a `serve --jobs 0` on the store says, and what the documents table holds, agree.
void expect_metrics_show(int port, std::int64_t extracted) {
  httplib::Client client("127.0.0.1", port);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("textra_queue_depth 0\n"), std::string::npos) << metrics->body;
  EXPECT_NE(metrics->body.find("textra_documents{status=\"extracted\"} " + std::to_string(extracted) + "\n"),
            std::string::npos) << metrics->body;
  EXPECT_EQ(metrics->body.find("status=\"running\""), std::string::npos) << metrics->body;
}

void expect_queue_drained(store::Store& s, std::int64_t extracted) {
  auto figures = s.queue_figures();
  ASSERT_TRUE(figures.is_ok()) << figures.status().message();
  std::int64_t documents = 0;
  for (const auto& [status, count] : figures->by_status) documents += count;
  EXPECT_EQ(documents, extracted);
  EXPECT_EQ(figures->by_status["extracted"], extracted);
  EXPECT_FALSE(figures->oldest_waiting_s.has_value());
  auto waiting = s.waiting_jobs();
  ASSERT_TRUE(waiting.is_ok());
  EXPECT_EQ(*waiting, 0);
}

bool alive(pid_t pid) { return waitpid(pid, nullptr, WNOHANG) == 0; }

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(Workers, TwoHundredDocumentsThroughThreeWorkersOneKilledTwice) {
  PostgresServer* pg = nullptr;
  TEXTRA_REQUIRE_POSTGRES(pg);
  std::string url = pg->url("workers_acceptance");
  // Cheap documents: text-layer PDFs, one in 20 a page to OCR.
  std::vector<std::int64_t> ids = submit(url, temp_dir("workers-acceptance"), 200, 0, 20);
  ASSERT_EQ(ids.size(), 200u);
  auto store = store::Store::open_url(url, temp_dir("workers-acceptance-cache"));
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  auto& s = **store;

  const std::vector<std::string> options = {"-j", "1", "--lease", "2"};
  std::vector<pid_t> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_worker(url, options));
  for (int kill = 1; kill <= 2; ++kill) {
    // The same worker slot dies with -9 while it holds a job, with jobs still waiting (mid-run).
    bool holds_job = wait_until([&] { return jobs_held_by(url, workers[0]) > 0; }, 30);
    stop(workers[0], SIGKILL);
    EXPECT_TRUE(holds_job) << "kill " << kill;
    auto waiting = s.waiting_jobs();
    EXPECT_TRUE(waiting && *waiting > 0) << "kill " << kill << ": the run was over";
    workers[0] = kill == 1 ? start_worker(url, options) : -1;  // back to 3 after the first kill only
  }
  bool all_done = wait_until([&] { return all_extracted(s, ids); }, 120);
  for (pid_t w : workers) stop(w, SIGTERM);
  ASSERT_TRUE(all_done);

  ResultCounts results = count_results(url);
  EXPECT_EQ(results.rows, 200);
  EXPECT_EQ(results.documents_not_once, 0);
  expect_queue_drained(s, 200);
  ServeProcess serve(temp_dir("workers-acceptance-serve"), {"--store", url, "--jobs", "0"});
  ASSERT_TRUE(serve.started());
  expect_metrics_show(serve.port(), 200);
}

TEST(Workers, FinishWhenTheDatabaseRestartsMidRun) {
  PostgresServer* pg = nullptr;
  TEXTRA_REQUIRE_POSTGRES(pg);
  std::string url = pg->url("workers_db_restart");
  // One in three a page to OCR: the run lasts long enough for the database to go away during it.
  std::vector<std::int64_t> ids = submit(url, temp_dir("workers-db-restart"), 45, 0, 3);
  ASSERT_EQ(ids.size(), 45u);
  auto store = store::Store::open_url(url, temp_dir("workers-db-restart-cache"));
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  auto& s = **store;
  ServeProcess serve(temp_dir("workers-db-restart-serve"), {"--store", url, "--jobs", "0"});
  ASSERT_TRUE(serve.started());

  std::string log = temp_dir("workers-db-restart-logs") + "/workers.log";
  std::vector<pid_t> workers;
  for (int i = 0; i < 2; ++i) workers.push_back(start_worker(url, {"-j", "1", "--lease", "3"}, log));
  bool mid_run = wait_until([&] {
    store::ListFilter done;
    done.status = "extracted";
    auto page = s.list(done);
    return page && !page->documents.empty() && jobs_held_by(url, workers[0]) + jobs_held_by(url, workers[1]) > 0;
  }, 30);
  pg->stop();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // long enough for every worker to meet the outage
  bool workers_alive_during_outage = alive(workers[0]) && alive(workers[1]);
  ASSERT_TRUE(pg->start());
  bool all_done = wait_until([&] { return all_extracted(s, ids); }, 120);
  bool workers_alive_after = alive(workers[0]) && alive(workers[1]);
  for (pid_t w : workers) stop(w, SIGTERM);
  EXPECT_TRUE(mid_run);
  EXPECT_TRUE(workers_alive_during_outage);
  EXPECT_TRUE(workers_alive_after);
  ASSERT_TRUE(all_done);

  ResultCounts results = count_results(url);
  EXPECT_EQ(results.rows, 45);
  EXPECT_EQ(results.documents_not_once, 0);
  expect_queue_drained(s, 45);
  expect_metrics_show(serve.port(), 45);  // the server reconnected too
  // One line when the database goes away and one when it is back, per worker process: no line per retry.
  std::string lines = read_all(log);
  EXPECT_EQ(occurrences(lines, "store unavailable"), 2u) << lines;
  EXPECT_EQ(occurrences(lines, "store reachable again"), 2u) << lines;
  // No job was taken from a live worker whose heartbeats the outage had stopped (it would run twice).
  EXPECT_EQ(occurrences(lines, "no longer held"), 0u) << lines;
}

}  // namespace
}  // namespace textra::testing
