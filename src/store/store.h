// The document store: originals addressed by their SHA-256 (the same file uploaded twice is one document),
// extraction results and users' corrections kept side by side, versioned migrations, and the durable
// queue of extraction jobs (one per document, job id = document id). Back ends: store/sqlite_store.h,
// store/postgres_store.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::store {

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
  std::optional<std::string> invoice_number;
  // The earliest document holding the same invoice (store/duplicates.h gives the rule); null when none.
  std::optional<std::int64_t> duplicate_of;
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
  std::optional<std::string> duplicates;  // "only" (documents with a duplicate_of) or "exclude" (without)
  std::optional<std::int64_t> cursor;    // list documents with id < cursor (newest first)
  int limit = 50;
};

// Both back ends refuse dates that are not YYYY-MM-DD and other duplicates values (invalid_argument naming
// the filter).
Status check_filter(const ListFilter& filter);

struct DocumentPage {
  std::vector<DocumentRecord> documents;
  std::optional<std::int64_t> next;  // cursor of the following page
};

struct SupplierMonthStats {
  std::string supplier, month, currency;  // month "YYYY-MM"; "" when unknown
  std::int64_t count = 0;
  double total_ttc = 0, total_tva = 0;
};

struct QueueFigures {
  std::map<std::string, std::int64_t> by_status;  // documents per status
  std::optional<double> oldest_waiting_s;          // age of the oldest queued or failed job
};

// A document store. Two back ends with the same behaviour and tests: SQLite in a data folder (the default,
// one machine) and PostgreSQL (many processes and machines around one database). Every implementation is
// safe for concurrent use by the threads of one process.
class Store {
 public:
  // "sqlite:DIR" or "postgresql://USER@HOST:PORT/DB" (then cache_dir holds local copies of originals).
  static Result<std::unique_ptr<Store>> open_url(const std::string& url, const std::string& cache_dir);
  // The SQLite store of a data folder (created if needed).
  static Result<std::unique_ptr<Store>> open(const std::string& data_dir);
  virtual ~Store() = default;

  // Stores the bytes once (the same bytes again return the first document). With a job request, the document
  // is queued in the same transaction unless its job is already pending (queued, running, failed) or
  // max_waiting jobs wait; a document that was done (or dead) is queued again with fresh attempts.
  virtual Result<AddedDocument> add_document(std::string_view bytes, const std::string& file_name,
                                             const std::string& content_type, const JobRequest* job = nullptr) = 0;
  virtual Result<DocumentRecord> document(std::int64_t id) = 0;  // kNotFound when there is no such document
  virtual Result<DocumentPage> list(const ListFilter& filter) = 0;
  virtual Status remove(std::int64_t id) = 0;  // kNotFound when there is no such document
  // A local file holding the original (a copy, for a database that keeps originals itself).
  virtual Result<std::string> original_path(std::int64_t id) = 0;

  // A result JSON as `textra extract` prints it, saved outside the queue; status becomes "extracted"
  // ("reviewed" when it has corrections).
  virtual Status save_result(std::int64_t id, const nlohmann::json& result) = 0;
  virtual Result<std::optional<nlohmann::json>> latest_result(std::int64_t id) = 0;

  // Corrections: {"total_ttc": 12.5, "supplier.name": "ACME"} (field path -> value); merged with earlier ones,
  // a null value removes a correction. Status becomes "reviewed" (a pending job keeps its status and ends so).
  virtual Status save_corrections(std::int64_t id, const nlohmann::json& corrections) = 0;
  virtual Result<nlohmann::json> corrections(std::int64_t id) = 0;

  // Each invoice counted once: documents that are duplicates of an earlier one are left out.
  virtual Result<std::vector<SupplierMonthStats>> stats() = 0;

  // The job queue. Jobs are claimed oldest document first, among those queued and those failed whose retry
  // time has come; a claim counts a try. Updates of a claimed job are fenced: they apply only while the job
  // is still running under this worker's name, and answer false otherwise (it was recovered or removed).
  virtual Result<std::optional<ClaimedJob>> claim_job(const std::string& worker, int lease_s) = 0;
  // Extends the lease of a job the worker holds (its heartbeat).
  virtual Result<bool> renew_lease(std::int64_t id, const std::string& worker, int lease_s) = 0;
  // Saves the result as save_result does and ends the job.
  virtual Result<bool> complete_job(std::int64_t id, const std::string& worker, const nlohmann::json& result) = 0;
  // Records the error; the job is retried later ("failed") when retry is set and tries remain, else "dead".
  virtual Result<bool> fail_job(std::int64_t id, const std::string& worker, const Status& error, bool retry,
                                const RetryPolicy& policy) = 0;
  // Jobs left running by a worker that is gone: those whose lease ends before leased_until_ms (INT64_MAX:
  // all of them, as a server that owns the store does at start) are queued again, or dead when out of tries.
  virtual Result<std::int64_t> recover_jobs(const RetryPolicy& policy, std::int64_t leased_until_ms) = 0;
  virtual Result<std::int64_t> waiting_jobs() = 0;  // queued + failed (waiting for a retry)
  virtual Result<QueueFigures> queue_figures() = 0;
  // Dead letters (`textra admin`): queue them again with fresh tries, or delete them with their originals.
  virtual Result<std::int64_t> requeue_dead() = 0;
  virtual Result<std::int64_t> purge_dead() = 0;

  // Whether other processes may work on this store (PostgreSQL): a server starting then takes up only
  // jobs whose lease ran out, not every running job.
  virtual bool shared_by_processes() const = 0;
  // Blocks up to timeout_ms until a job may have been enqueued elsewhere; true when told so (PostgreSQL's
  // NOTIFY), false on timeout (SQLite: always waits out the timeout).
  virtual Result<bool> wait_for_jobs(int timeout_ms) = 0;
};

// Lower-case hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace textra::store
