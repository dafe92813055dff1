// Helpers for tests and benchmarks that run `textra submit` and `textra worker` processes around one store:
// start and stop workers, submit generated documents, wait for the queue to settle, count results.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"

namespace textra::testing {

// A `textra worker --store URL EXTRA...` process: stdout to /dev/null, stderr appended to log_path (inherited
// when empty).
pid_t start_worker(const std::string& url, const std::vector<std::string>& extra, const std::string& log_path = "");
// Sends the signal and reaps the process; nothing for pid <= 0.
void stop(pid_t pid, int signal);

// Writes documents first..first+n-1 to dir (PDFs with a text layer; every ocr_every-th one a page of
// text-like bars to OCR, from document 0 on) and submits them with `textra submit`; their ids in order.
std::vector<std::int64_t> submit(const std::string& url, const std::string& dir, int n, int first = 0,
                                 int ocr_every = 3);

// The document's status, or "error: ..." when it cannot be read.
std::string status_of(store::Store& s, std::int64_t id);
// Polls done() every 20 ms until it holds (true) or the seconds pass (false).
bool wait_until(const std::function<bool()>& done, int seconds);
// Jobs the worker process holds now (running under its name), -1 when the database cannot be read.
std::int64_t jobs_held_by(const std::string& url, pid_t worker);
// Whether every one of the documents is "extracted".
bool all_extracted(store::Store& s, const std::vector<std::int64_t>& ids);

// The results table of a PostgreSQL store, read with SQL: rows in all, and documents with no result or
// more than one. -1s when the database cannot be read.
struct ResultCounts {
  std::int64_t rows = -1;
  std::int64_t documents_not_once = -1;
};
ResultCounts count_results(const std::string& url);

}  // namespace textra::testing
