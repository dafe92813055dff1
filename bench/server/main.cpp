// bench_server: throughput and latency of `POST /v1/extract` (NER engine) on a real `textra serve`, at several
// client concurrencies, with the server's peak memory; beside it, what a user would script instead: the
// `tesseract` command-line tool run on the same image once per request (text only, no fields).
//
//   bench_server [--seconds 8] [--concurrency 1,2,8] [--file samples/facture-fr.png] [-j N] [--no-cli]
//
// Every request uploads the same bytes: the store keeps them as one document, but each request still runs
// the whole extraction (ingest, OCR, NER, rules) and stores a new result (routes_extract.cpp queues a job for
// every upload). So a request measures HTTP + store + a full extraction of one page.
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <httplib.h>
#include <sstream>
#include <string>
#include <vector>

#include "base/files.h"
#include "load.h"
#include "serve_process.h"
#include "tesseract_cli.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace textra;

namespace {

struct Args {
  double seconds = 8;
  std::vector<int> concurrency = {1, 2, 8};
  std::string file = textra::testing::source_dir() + "/samples/facture-fr.png";
  std::string workers;  // textra serve -j; "" = its default (one per core)
  bool cli = true;
};

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--no-cli") {
      args.cli = false;
    } else if (a == "--seconds" && (v = value())) {
      args.seconds = std::atof(v);
    } else if (a == "--file" && (v = value())) {
      args.file = v;
    } else if (a == "-j" && (v = value())) {
      args.workers = v;
    } else if (a == "--concurrency" && (v = value())) {
      args.concurrency.clear();
      std::stringstream list(v);
      for (std::string item; std::getline(list, item, ',');) args.concurrency.push_back(std::atoi(item.c_str()));
    } else {
      return false;
    }
  }
  return args.seconds > 0 && !args.concurrency.empty();
}

// A field of /proc/PID/status in MiB ("VmHWM": peak resident set size so far), -1 when unreadable.
double proc_status_mib(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(field + ":", 0) == 0) return std::atof(line.c_str() + field.size() + 1) / 1024.0;
  }
  return -1;
}

struct Row {
  std::string client;
  int concurrency;
  bench::LoadResult load;
  double peak_rss_mib;
};

void print_table(const std::vector<Row>& rows) {
  std::printf("| %-44s | %11s | %8s | %8s | %8s | %8s | %6s | %13s |\n", "client", "concurrency", "requests",
              "req/s", "p50 ms", "p99 ms", "errors", "peak RSS MiB");
  std::printf("|%s|%s|%s|%s|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(13, '-').c_str(),
              std::string(10, '-').c_str(), std::string(10, '-').c_str(), std::string(10, '-').c_str(),
              std::string(10, '-').c_str(), std::string(8, '-').c_str(), std::string(15, '-').c_str());
  for (const Row& r : rows) {
    std::printf("| %-44s | %11d | %8zu | %8.2f | %8.0f | %8.0f | %6zu | %13.0f |\n", r.client.c_str(), r.concurrency,
                r.load.latencies_ms.size(), r.load.per_second(), r.load.percentile_ms(50), r.load.percentile_ms(99),
                r.load.errors, r.peak_rss_mib);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) {
    std::fprintf(stderr, "usage: bench_server [--seconds S] [--concurrency 1,2,8] [--file IMAGE] [-j N] [--no-cli]\n");
    return 2;
  }
  auto image = read_file(args.file);
  if (!image.is_ok()) {
    std::fprintf(stderr, "bench_server: %s\n", image.status().message().c_str());
    return 1;
  }
  char dir_template[] = "/tmp/textra-bench-server-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return 1;
  const std::string data_dir = dir_template;
  std::vector<std::string> extra;
  if (!args.workers.empty()) extra = {"-j", args.workers};

  std::vector<Row> rows;
  double server_peak = -1;
  {
    textra::testing::ServeProcess serve(data_dir, extra);
    if (!serve.started()) {
      std::fprintf(stderr, "bench_server: textra serve did not start (build the textra target first)\n");
      return 1;
    }
    std::vector<std::unique_ptr<httplib::Client>> clients;
    int most = *std::max_element(args.concurrency.begin(), args.concurrency.end());
    for (int i = 0; i < most; ++i) {
      clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", serve.port()));
      clients.back()->set_read_timeout(300, 0);
    }
    auto extract = [&](int worker) {
      auto r = clients[worker]->Post("/v1/extract", *image, "image/png");
      return r && r->status == 200 && r->body.find("\"fields\"") != std::string::npos;
    };
    if (!extract(0)) {  // warm-up, not counted: loads the NER model and the first Tesseract engine
      std::fprintf(stderr, "bench_server: the warm-up extraction failed\n");
      return 1;
    }
    for (int c : args.concurrency) {
      bench::LoadResult load = bench::run_load(c, args.seconds, extract);
      server_peak = proc_status_mib(serve.pid(), "VmHWM");
      rows.push_back({"textra serve POST /v1/extract (NER)", c, std::move(load), server_peak});
    }
    if (args.cli) {
      bench::CliRun run{"fra+eng", false};
      for (int c : {1, 2}) {
        bench::LoadResult load = bench::run_load(c, args.seconds, [&](int) {
          return run_tesseract_cli(args.file, run).is_ok();
        });
        rusage children{};
        getrusage(RUSAGE_CHILDREN, &children);  // the server is not waited for yet: tesseract runs only
        rows.push_back({"tesseract CLI per request (text only)", c, std::move(load), children.ru_maxrss / 1024.0});
      }
    }
  }
  fs::remove_all(data_dir);

  std::printf("bench_server: %s, %.0f s per row, %u CPUs online\n", args.file.c_str(), args.seconds,
              static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN)));
  print_table(rows);
  const Row* best = &rows[0];
  for (const Row& r : rows) {
    if (r.client == rows[0].client && r.load.per_second() > best->load.per_second()) best = &r;
  }
  std::printf("summary: textra serve %.2f req/s at best (concurrency %d, p50 %.0f ms, p99 %.0f ms), server peak RSS "
              "%.0f MiB", best->load.per_second(), best->concurrency, best->load.percentile_ms(50),
              best->load.percentile_ms(99), server_peak);
  if (args.cli && rows.size() > args.concurrency.size()) {
    const Row& cli = rows[args.concurrency.size()];
    std::printf("; tesseract CLI sequential %.2f runs/s (p50 %.0f ms)", cli.load.per_second(), cli.load.percentile_ms(50));
  }
  std::printf("\n");
  return 0;
}
