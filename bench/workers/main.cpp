// bench_workers: documents per minute through `textra worker` processes (NER engine, -j 1 each) around one
// PostgreSQL (a throwaway server), with 1 and 2 worker processes, on a fixed set of generated documents:
// PDFs with a text layer, every third one a page of text-like bars to OCR (tests/server/worker_fleet.cpp).
// Each figure is measured --runs times, each on a fresh database: the workers start and settle a warm-up
// (an OCR and a text document per worker, so models are loaded), then the set is submitted and timed until
// every document is extracted. The table shows the median and the spread, and the CPU time the worker
// processes spent per document (/proc: unlike the wall time, it holds on a machine busy with other work).
//
//   bench_workers [--documents 30] [--runs 3] [--workers 1,2]
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "postgres_server.h"
#include "store/store.h"
#include "test_support.h"
#include "worker_fleet.h"

using namespace textra;
using namespace textra::testing;

namespace {

struct Args {
  int documents = 30;
  int runs = 3;
  std::vector<int> workers = {1, 2};
};

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    const char* v = argv[i + 1];
    if (a == "--documents") {
      args.documents = std::atoi(v);
    } else if (a == "--runs") {
      args.runs = std::atoi(v);
    } else if (a == "--workers") {
      args.workers.clear();
      std::stringstream list(v);
      for (std::string item; std::getline(list, item, ',');) args.workers.push_back(std::atoi(item.c_str()));
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && args.documents > 0 && args.runs > 0 && !args.workers.empty();
}

// CPU seconds (user + system, all threads) the process has used so far; 0 when /proc cannot tell.
double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto end_of_name = text.rfind(')');  // the command name may hold spaces; the fields follow it
  if (end_of_name == std::string::npos) return 0;
  std::istringstream fields(text.substr(end_of_name + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::atof(field.c_str());  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Timing {
  double seconds = -1;       // wall time to extract the set; negative when it did not finish
  double cpu_seconds = 0;    // CPU the worker processes spent on it
};

Timing timed_run(PostgresServer& pg, int workers, int documents, const std::string& run) {
  std::string url = pg.url("bench_workers_" + run);
  std::string dir = temp_dir("bench-workers-" + run);
  auto store = store::Store::open_url(url, dir + "/cache");
  if (!store) return {};
  std::vector<pid_t> pids;
  for (int w = 0; w < workers; ++w) pids.push_back(start_worker(url, {"-j", "1"}));
  std::vector<std::int64_t> warm_up = submit(url, dir, 2 * workers, 1000, 2);
  bool warm = wait_until([&] { return all_extracted(**store, warm_up); }, 300);
  auto cpu_now = [&] {
    double total = 0;
    for (pid_t pid : pids) total += cpu_seconds(pid);
    return total;
  };
  double cpu_before = cpu_now();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::int64_t> ids = submit(url, dir, documents, 0, 3);
  bool done = warm && static_cast<int>(ids.size()) == documents &&
              wait_until([&] { return all_extracted(**store, ids); }, 1800);
  Timing timing;
  timing.cpu_seconds = cpu_now() - cpu_before;
  if (done) timing.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (pid_t pid : pids) stop(pid, SIGTERM);
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr, "usage: bench_workers [--documents N] [--runs N] [--workers 1,2]\n");
    return 2;
  }
  std::string why_not;
  auto pg = PostgresServer::start(&why_not);
  if (!pg) {
    std::fprintf(stderr, "bench_workers: PostgreSQL: %s\n", why_not.c_str());
    return 1;
  }
  std::printf("| %7s | %9s | %28s | %22s |\n", "workers", "documents", "documents/min median (min-max)",
              "CPU s/document (median)");
  std::printf("|%s|%s|%s|%s|\n", std::string(9, '-').c_str(), std::string(11, '-').c_str(),
              std::string(32, '-').c_str(), std::string(24, '-').c_str());
  std::vector<std::string> summary;
  for (int workers : args.workers) {
    std::vector<double> per_minute, cpu_per_document;
    for (int r = 0; r < args.runs; ++r) {
      Timing timing = timed_run(*pg, workers, args.documents, std::to_string(workers) + "_" + std::to_string(r));
      if (timing.seconds < 0) {
        std::fprintf(stderr, "bench_workers: %d workers, run %d: the documents were not all extracted\n", workers, r);
        return 1;
      }
      per_minute.push_back(args.documents * 60.0 / timing.seconds);
      cpu_per_document.push_back(timing.cpu_seconds / args.documents);
    }
    std::sort(per_minute.begin(), per_minute.end());
    std::sort(cpu_per_document.begin(), cpu_per_document.end());
    double median = per_minute[per_minute.size() / 2];
    std::printf("| %7d | %9d | %10.0f (%6.0f-%6.0f)        | %22.2f |\n", workers, args.documents, median,
                per_minute.front(), per_minute.back(), cpu_per_document[cpu_per_document.size() / 2]);
    summary.push_back(std::to_string(workers) + " worker(s) " + std::to_string(static_cast<int>(median + 0.5)) + "/min");
  }
  std::printf("summary: NER engine, %d documents (a third OCR):", args.documents);
  for (const auto& s : summary) std::printf(" %s;", s.c_str());
  std::printf(" %d runs each\n", args.runs);
  return 0;
}
