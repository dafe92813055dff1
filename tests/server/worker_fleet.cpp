#include "worker_fleet.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "store/postgres.h"
#include "test_images.h"
#include "test_support.h"

namespace textra::testing {

pid_t start_worker(const std::string& url, const std::vector<std::string>& extra, const std::string& log_path) {
  std::string binary = binary_dir() + "/textra";
  std::vector<std::string> args = {binary, "worker", "--store", url};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    if (!log_path.empty()) std::freopen(log_path.c_str(), "a", stderr);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

void stop(pid_t pid, int signal) {
  if (pid <= 0) return;
  kill(pid, signal);
  waitpid(pid, nullptr, 0);
}

std::vector<std::int64_t> submit(const std::string& url, const std::string& dir, int n, int first, int ocr_every) {
  std::string command = binary_dir() + "/textra submit --store '" + url + "'";
  for (int i = first; i < first + n; ++i) {
    PdfPage page;
    if (i % ocr_every == 0) {  // text-like bars: the OCR of a whole A4 page takes a while
      for (int line = 0; line < 30; ++line) {
        page.rects.push_back({72, 780.0 - 24 * line, 150.0 + (i * 7 + line * 13) % 300, 10});
      }
    } else {
      page.texts.push_back({72, 760, 14, "INVOICE " + std::to_string(5000 + i)});
      page.texts.push_back({72, 720, 12, "TOTAL TTC: " + std::to_string(10 + i) + ",00 EUR"});
    }
    std::string path = dir + "/doc-" + std::to_string(i) + ".pdf";
    std::ofstream(path, std::ios::binary) << make_pdf({page});
    command += " " + path;
  }
  std::vector<std::int64_t> ids;
  FILE* out = popen(command.c_str(), "r");
  long long id = 0;
  while (out != nullptr && std::fscanf(out, "%lld", &id) == 1) ids.push_back(id);
  if (out != nullptr) pclose(out);
  return ids;
}

std::string status_of(store::Store& s, std::int64_t id) {
  auto record = s.document(id);
  return record ? record->status : "error: " + record.status().message();
}

bool wait_until(const std::function<bool()>& done, int seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

bool all_extracted(store::Store& s, const std::vector<std::int64_t>& ids) {
  // Newest first: jobs are claimed oldest first, so while the run lasts the first look usually answers,
  // and polling costs one query rather than one per document.
  for (auto id = ids.rbegin(); id != ids.rend(); ++id) {
    if (status_of(s, *id) != "extracted") return false;
  }
  return true;
}

std::int64_t jobs_held_by(const std::string& url, pid_t worker) {
  auto db = store::PgConnection::connect(url);
  if (!db) return -1;
  // Worker names are HOST:PID/THREAD (server/job_queue.cpp).
  auto held = (*db)->exec("SELECT COUNT(*) FROM documents WHERE status = 'running' AND locked_by LIKE $1",
                          {"%:" + std::to_string(worker) + "/%"});
  return held ? held->integer(0, 0) : -1;
}

ResultCounts count_results(const std::string& url) {
  ResultCounts counts;
  auto db = store::PgConnection::connect(url);
  if (!db) return counts;
  auto rows = (*db)->exec("SELECT COUNT(*) FROM results");
  auto not_once = (*db)->exec(
      "SELECT COUNT(*) FROM documents d WHERE (SELECT COUNT(*) FROM results r WHERE r.document_id = d.id) <> 1");
  if (rows && not_once) {
    counts.rows = rows->integer(0, 0);
    counts.documents_not_once = not_once->integer(0, 0);
  }
  return counts;
}

}  // namespace textra::testing
