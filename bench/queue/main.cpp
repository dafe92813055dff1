// bench_queue: the job queue's own cost, as dequeue+ack per second. Claimers take a job and complete it at
// once with an empty result (no extraction), 1, 2 and 4 at a time, each with its own connection as separate
// worker processes would have, against one PostgreSQL (a throwaway server with PostgreSQL's durable
// defaults: fsync on; and the same with fsync off, the queue's CPU cost alone) and, for comparison, one
// SQLite data folder (synchronous=FULL, as shipped). Each
// figure is measured --runs times on a fresh queue of --jobs jobs; the table shows the median and the spread.
//
//   bench_queue [--jobs 500] [--runs 3] [--claimers 1,2,4]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "postgres_server.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace textra;

namespace {

struct Args {
  int jobs = 500;
  int runs = 3;
  std::vector<int> claimers = {1, 2, 4};
};

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    if (v == nullptr) return false;
    ++i;
    if (a == "--jobs") {
      args.jobs = std::atoi(v);
    } else if (a == "--runs") {
      args.runs = std::atoi(v);
    } else if (a == "--claimers") {
      args.claimers.clear();
      std::stringstream list(v);
      for (std::string item; std::getline(list, item, ',');) args.claimers.push_back(std::atoi(item.c_str()));
    } else {
      return false;
    }
  }
  return args.jobs > 0 && args.runs > 0 && !args.claimers.empty();
}

// A fresh, empty store of one back end (a new PostgreSQL database, or a new SQLite folder) per run.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  virtual std::string fresh_url(const std::string& run) = 0;
};

class PostgresBackend : public Backend {
 public:
  PostgresBackend(textra::testing::PostgresServer& server, std::string name) : server_(server), name_(std::move(name)) {}
  std::string name() const override { return name_; }
  std::string fresh_url(const std::string& run) override { return server_.url("bench_queue_" + run); }

 private:
  textra::testing::PostgresServer& server_;
  const std::string name_;
};

class SqliteBackend : public Backend {
 public:
  explicit SqliteBackend(std::string root) : root_(std::move(root)) {}
  std::string name() const override { return "SQLite"; }
  std::string fresh_url(const std::string& run) override { return "sqlite:" + root_ + "/" + run; }

 private:
  std::string root_;
};

struct Run {
  double enqueue_per_s = 0, dequeue_ack_per_s = 0;
  bool complete = false;  // every job was claimed and completed exactly once
};

Result<Run> measure(const std::string& url, const std::string& cache, int jobs, int claimers) {
  auto owner = store::Store::open_url(url, cache);
  if (!owner) return owner.status();
  Run run;
  auto start = std::chrono::steady_clock::now();
  store::JobRequest job;
  for (int i = 0; i < jobs; ++i) {
    std::string bytes = "bench job " + std::to_string(i) + " of " + url;
    TEXTRA_RETURN_IF_ERROR((*owner)->add_document(bytes, "job.txt", "text/plain", &job).status());
  }
  run.enqueue_per_s = jobs / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<std::unique_ptr<store::Store>> stores;  // one connection each, opened before the clock starts
  for (int c = 0; c < claimers; ++c) {
    auto s = store::Store::open_url(url, cache);
    if (!s) return s.status();
    stores.push_back(std::move(*s));
  }
  std::atomic<int> acked{0}, errors{0};
  start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < claimers; ++c) {
    threads.emplace_back([&, c] {
      std::string name = "bench/" + std::to_string(c);
      for (;;) {
        auto claimed = stores[c]->claim_job(name, 30);
        if (!claimed || !*claimed) {
          if (!claimed) ++errors;
          return;
        }
        auto done = stores[c]->complete_job((*claimed)->id, name, nlohmann::json::object());
        if (done && *done) ++acked; else ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  run.dequeue_ack_per_s = acked / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto waiting = (*owner)->waiting_jobs();
  run.complete = acked == jobs && errors == 0 && waiting && *waiting == 0;
  return run;
}

struct Figure {
  double median, low, high;
};

Figure figure(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return {values[values.size() / 2], values.front(), values.back()};
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr, "usage: bench_queue [--jobs N] [--runs N] [--claimers 1,2,4]\n");
    return 2;
  }
  // Beside the durable server, one with fsync off: what the queue costs in CPU when the disk does not wait.
  std::string why_not;
  auto pg = textra::testing::PostgresServer::start(&why_not, /*durable=*/true);
  auto pg_no_fsync = pg ? textra::testing::PostgresServer::start(&why_not) : nullptr;
  if (!pg || !pg_no_fsync) {
    std::fprintf(stderr, "bench_queue: PostgreSQL: %s\n", why_not.c_str());
    return 1;
  }
  char dir_template[] = "/tmp/textra-bench-queue-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return 1;
  const std::string root = dir_template;
  PostgresBackend postgres(*pg, "PostgreSQL");
  PostgresBackend postgres_no_fsync(*pg_no_fsync, "PG fsync=off");
  SqliteBackend sqlite(root);
  std::vector<Backend*> backends = {&postgres, &postgres_no_fsync, &sqlite};

  std::printf("| %-12s | %8s | %20s | %26s |\n", "store", "claimers", "enqueue/s (1 thread)",
              "dequeue+ack/s median (min-max)");
  std::printf("|%s|%s|%s|%s|\n", std::string(14, '-').c_str(), std::string(10, '-').c_str(),
              std::string(22, '-').c_str(), std::string(32, '-').c_str());
  std::map<Backend*, double> best;  // median of the best claimer count
  int failures = 0;
  for (Backend* backend : backends) {
    for (int claimers : args.claimers) {
      std::vector<double> enqueue, dequeue;
      for (int r = 0; r < args.runs; ++r) {
        std::string run = std::to_string(claimers) + "_" + std::to_string(r);
        auto measured = measure(backend->fresh_url(run), root + "/cache", args.jobs, claimers);
        if (!measured || !measured->complete) {
          std::fprintf(stderr, "bench_queue: %s, %d claimers: %s\n", backend->name().c_str(), claimers,
                       measured ? "not every job was acknowledged once" : measured.status().message().c_str());
          ++failures;
          continue;
        }
        enqueue.push_back(measured->enqueue_per_s);
        dequeue.push_back(measured->dequeue_ack_per_s);
      }
      if (dequeue.empty()) continue;
      Figure in = figure(enqueue), out = figure(dequeue);
      std::printf("| %-12s | %8d | %20.0f | %8.0f (%6.0f-%6.0f)       |\n", backend->name().c_str(), claimers,
                  in.median, out.median, out.low, out.high);
      best[backend] = std::max(best[backend], out.median);
    }
  }
  std::error_code ec;
  fs::remove_all(root, ec);
  std::printf("summary: dequeue+ack of empty jobs, best median: PostgreSQL %.0f/s (fsync off %.0f/s), SQLite %.0f/s "
              "(%d jobs, %d runs each)\n", best[&postgres], best[&postgres_no_fsync], best[&sqlite], args.jobs, args.runs);
  return failures == 0 ? 0 : 1;
}
