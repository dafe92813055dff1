// The document store: SQLite (WAL, synchronous=FULL, so an acknowledged write survives a kill) in a data
// directory, originals kept as files named by their SHA-256 (the same file uploaded twice is one
// document), extraction results and users' corrections kept side by side, versioned migrations, and the
// durable queue of extraction jobs (one per document, job id = document id).
//
// A Store is safe for concurrent use by the threads of one process: every public method takes mutex_.
// Several processes may open the same directory (SQLite locks the file); the queue's claims are single
// statements, so two workers never get the same job.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::store {

class Database;

struct DocumentRecord {
  std::int64_t id = 0;
  std::string sha256;
  std::string file_name;
  std::string content_type;
  std::int64_t bytes = 0;
  std::string created_at;  // ISO 8601 UTC
  // "new" (stored, no job), "queued", "running", "extracted", "failed" (will retry), "dead" (gave up),
  // "reviewed" (has corrections).
  std::string status;
  std::optional<std::string> error;  // why the last try failed (failed, dead; kept when requeued)
  std::optional<std::string> error_code;  // its kind, as error_code_name() names it ("corrupt", "io", ...)
  std::int64_t attempts = 0;         // tries of the current job (a try is counted when it is claimed)
  // Summary of the latest result with corrections applied, for listing, filtering and statistics.
  std::optional<std::string> supplier, invoice_date, currency;
  std::optional<double> total_ttc, total_tva;
};

struct AddedDocument {
  DocumentRecord document;
  bool created = false;  // false when the same bytes were stored before
  bool queued = false;   // a job waits or runs for it (enqueued now, or still pending from before)
};

// Asks add_document to enqueue an extraction job with the document, in the same transaction.
struct JobRequest {
  nlohmann::json params = nlohmann::json::object();  // handed to the worker as is (engine, schema, ...)
  std::int64_t max_waiting = INT64_MAX;  // no job (status stays "new") when this many already wait
};

// A job a worker has claimed: it holds it until complete_job/fail_job or until its lease ends.
struct ClaimedJob {
  std::int64_t id = 0;  // the document's id
  std::string file_name, content_type;
  nlohmann::json params;
  std::int64_t attempt = 0;  // 1 for the first try
};

struct RetryPolicy {
  int max_attempts = 3;         // tries before a job is dead
  std::int64_t backoff_ms = 1000;  // wait before retry k: backoff_ms * 2^(k-1), at most 5 minutes
};

struct ListFilter {
  std::optional<std::string> supplier;   // case-insensitive substring
  std::optional<std::string> date_from;  // invoice_date >= (ISO)
  std::optional<std::string> date_to;    // invoice_date <= (ISO)
  std::optional<std::string> status;
  std::optional<std::int64_t> cursor;    // list documents with id < cursor (newest first)
  int limit = 50;
};

struct DocumentPage {
  std::vector<DocumentRecord> documents;
  std::optional<std::int64_t> next;  // cursor of the following page
};

struct SupplierMonthStats {
  std::string supplier, month, currency;  // month "YYYY-MM"; "" when unknown
  std::int64_t count = 0;
  double total_ttc = 0, total_tva = 0;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> open(const std::string& data_dir);
  ~Store();

  // Stores the bytes once (the same bytes again return the first document). With a job request, the document
  // is queued in the same transaction unless its job is already pending (queued, running, failed) or
  // max_waiting jobs wait; a document that was done (or dead) is queued again with fresh attempts.
  Result<AddedDocument> add_document(std::string_view bytes, const std::string& file_name,
                                     const std::string& content_type, const JobRequest* job = nullptr);
  Result<DocumentRecord> document(std::int64_t id);
  Result<DocumentPage> list(const ListFilter& filter);
  Status remove(std::int64_t id);  // kNotFound when there is no such document
  Result<std::string> original_path(std::int64_t id);

  // A result JSON as `textra extract` prints it, saved outside the queue; status becomes "extracted"
  // ("reviewed" when it has corrections).
  Status save_result(std::int64_t id, const nlohmann::json& result);
  Result<std::optional<nlohmann::json>> latest_result(std::int64_t id);

  // Corrections: {"total_ttc": 12.5, "supplier.name": "ACME"} (field path -> value); merged with earlier ones,
  // a null value removes a correction. Status becomes "reviewed".
  Status save_corrections(std::int64_t id, const nlohmann::json& corrections);
  Result<nlohmann::json> corrections(std::int64_t id);

  Result<std::vector<SupplierMonthStats>> stats();

  // The job queue (src/store/jobs.cpp). Jobs are claimed oldest document first, among those queued and
  // those failed whose retry time has come. Updates of a claimed job are fenced: they apply only while
  // the job is still running under this worker's name, and answer false otherwise (it was recovered).
  Result<std::optional<ClaimedJob>> claim_job(const std::string& worker, int lease_s);
  // Saves the result as save_result does and ends the job.
  Result<bool> complete_job(std::int64_t id, const std::string& worker, const nlohmann::json& result);
  // Records the error; the job is retried later ("failed") when retry is set and tries remain, else "dead".
  Result<bool> fail_job(std::int64_t id, const std::string& worker, const Status& error, bool retry,
                        const RetryPolicy& policy);
  // Jobs left running by a worker that is gone: those whose lease ends before leased_until_ms (INT64_MAX:
  // all of them, as a server that owns the store does at start) are queued again, or dead when out of tries.
  Result<std::int64_t> recover_jobs(const RetryPolicy& policy, std::int64_t leased_until_ms);
  Result<std::int64_t> waiting_jobs();  // queued + failed (waiting for a retry)

  static constexpr int kSchemaVersion = 2;

 private:
  Store(std::string dir, std::unique_ptr<Database> db);
  Status migrate();
  Status refresh_summary(std::int64_t id);
  // Stores the result, sets the final status, releases the job (inside the caller's transaction).
  Status mark_done_locked(std::int64_t id, const nlohmann::json& result);
  Result<std::int64_t> waiting_jobs_locked();
  Result<DocumentRecord> document_locked(std::int64_t id);
  Result<nlohmann::json> corrections_locked(std::int64_t id);

  // Constant after construction.
  const std::string dir_;
  // Guarded by mutex_ (the "_locked" methods expect it held): one user of the connection at a time.
  std::unique_ptr<Database> db_;
  std::mutex mutex_;
};

// Lower-case hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace textra::store
