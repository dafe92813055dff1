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

// Each test: a fresh database on the shared throwaway PostgreSQL, a set of submitted documents, a store.
class WorkersUnderFailure : public ::testing::Test {
 protected:
  void SetUp() override { TEXTRA_REQUIRE_POSTGRES(pg_); }

  // Submits n generated documents (every ocr_every-th a page to OCR) to the database `name`.
  void submit_documents(const std::string& name, int n, int ocr_every) {
    url_ = pg_->url(name);
    ids_ = submit(url_, temp_dir(name), n, 0, ocr_every);
    ASSERT_EQ(ids_.size(), static_cast<std::size_t>(n));
    auto opened = store::Store::open_url(url_, temp_dir(name + "-cache"));
    ASSERT_TRUE(opened.is_ok()) << opened.status().message();
    store_ = std::move(*opened);
  }

  bool all_done(int seconds) {
    return wait_until([&] { return all_extracted(*store_, ids_); }, seconds);
  }

  // Every document has exactly one result (the results table, read with SQL), and the queue's figures and
  // the /metrics of a `serve --jobs 0` on the store agree: all extracted, nothing waiting or running.
  void expect_each_extracted_once(int serve_port) {
    auto n = static_cast<std::int64_t>(ids_.size());
    ResultCounts results = count_results(url_);
    EXPECT_EQ(results.rows, n);
    EXPECT_EQ(results.documents_not_once, 0);

    auto figures = store_->queue_figures();
    ASSERT_TRUE(figures.is_ok()) << figures.status().message();
    std::int64_t documents = 0;
    for (const auto& [status, count] : figures->by_status) documents += count;
    EXPECT_EQ(documents, n);
    EXPECT_EQ(figures->by_status["extracted"], n);
    EXPECT_FALSE(figures->oldest_waiting_s.has_value());

    httplib::Client client("127.0.0.1", serve_port);
    auto metrics = client.Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("textra_queue_depth 0\n"), std::string::npos) << metrics->body;
    EXPECT_NE(metrics->body.find("textra_documents{status=\"extracted\"} " + std::to_string(n) + "\n"),
              std::string::npos) << metrics->body;
    EXPECT_EQ(metrics->body.find("status=\"running\""), std::string::npos) << metrics->body;
  }

  PostgresServer* pg_ = nullptr;
  std::string url_;
  std::vector<std::int64_t> ids_;
  std::unique_ptr<store::Store> store_;
};

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

TEST_F(WorkersUnderFailure, TwoHundredDocumentsThroughThreeWorkersOneKilledTwice) {
  // Cheap documents: text-layer PDFs, one in 20 a page to OCR.
  ASSERT_NO_FATAL_FAILURE(submit_documents("workers_acceptance", 200, 20));
  const std::vector<std::string> options = {"-j", "1", "--lease", "2"};
  std::vector<pid_t> workers;
  for (int i = 0; i < 3; ++i) workers.push_back(start_worker(url_, options));
  for (int kill = 1; kill <= 2; ++kill) {
    // The same worker slot dies with -9 while it holds a job, with jobs still waiting (mid-run).
    bool holds_job = wait_until([&] { return jobs_held_by(url_, workers[0]) > 0; }, 30);
    stop(workers[0], SIGKILL);
    EXPECT_TRUE(holds_job) << "kill " << kill;
    auto waiting = store_->waiting_jobs();
    EXPECT_TRUE(waiting && *waiting > 0) << "kill " << kill << ": the run was over";
    workers[0] = kill == 1 ? start_worker(url_, options) : -1;  // back to 3 after the first kill only
  }
  bool finished = all_done(120);
  for (pid_t w : workers) stop(w, SIGTERM);
  ASSERT_TRUE(finished);
  ServeProcess serve(temp_dir("workers-acceptance-serve"), {"--store", url_, "--jobs", "0"});
  ASSERT_TRUE(serve.started());
  expect_each_extracted_once(serve.port());
}

TEST_F(WorkersUnderFailure, FinishWhenTheDatabaseRestartsMidRun) {
  // One in three a page to OCR: the run lasts long enough for the database to go away during it.
  ASSERT_NO_FATAL_FAILURE(submit_documents("workers_db_restart", 45, 3));
  ServeProcess serve(temp_dir("workers-db-restart-serve"), {"--store", url_, "--jobs", "0"});
  ASSERT_TRUE(serve.started());

  std::string log = temp_dir("workers-db-restart-logs") + "/workers.log";
  std::vector<pid_t> workers;
  for (int i = 0; i < 2; ++i) workers.push_back(start_worker(url_, {"-j", "1", "--lease", "3"}, log));
  bool mid_run = wait_until([&] {
    store::ListFilter done;
    done.status = "extracted";
    auto page = store_->list(done);
    return page && !page->documents.empty() && jobs_held_by(url_, workers[0]) + jobs_held_by(url_, workers[1]) > 0;
  }, 30);
  pg_->stop();
  std::this_thread::sleep_for(std::chrono::seconds(2));  // long enough for every worker to meet the outage
  bool workers_alive_during_outage = alive(workers[0]) && alive(workers[1]);
  bool restarted = pg_->start();
  bool finished = restarted && all_done(120);
  bool workers_alive_after = alive(workers[0]) && alive(workers[1]);
  for (pid_t w : workers) stop(w, SIGTERM);
  ASSERT_TRUE(restarted);
  EXPECT_TRUE(mid_run);
  EXPECT_TRUE(workers_alive_during_outage);
  EXPECT_TRUE(workers_alive_after);
  ASSERT_TRUE(finished);
  expect_each_extracted_once(serve.port());  // the server reconnected too
  // One line when the database goes away and one when it is back, per worker process: no line per retry.
  std::string lines = read_all(log);
  EXPECT_EQ(occurrences(lines, "store unavailable"), 2u) << lines;
  EXPECT_EQ(occurrences(lines, "store reachable again"), 2u) << lines;
  // No job was taken from a live worker whose heartbeats the outage had stopped (it would run twice).
  EXPECT_EQ(occurrences(lines, "no longer held"), 0u) << lines;
}

}  // namespace
}  // namespace textra::testing
