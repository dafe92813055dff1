// The SQLite back end of store::Store (the default, `--store sqlite:DIR`): textra.db in the data folder
// (WAL, synchronous=FULL, so an acknowledged write survives a kill), originals as files named by their
// SHA-256 under DIR/originals. Safe for the threads of one process (every public method takes mutex_).
// Other processes may open the same folder (SQLite locks the file, and a claim is one statement), but a
// server starting on it takes up every running job, so workers of other processes want PostgreSQL.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/duplicates.h"
#include "store/store.h"

namespace textra::store {

class Database;
class Statement;

// A row of kDuplicateCandidateColumns, from column `first` on (the store's files share it).
DuplicateCandidate duplicate_candidate_from_row(const Statement& s, int first = 0);

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<Store>> open(const std::string& data_dir);
  ~SqliteStore() override;

  Result<AddedDocument> add_document(std::string_view bytes, const std::string& file_name,
                                     const std::string& content_type, const JobRequest* job) override;
  Result<DocumentRecord> document(std::int64_t id) override;
  Result<DocumentPage> list(const ListFilter& filter) override;
  Status remove(std::int64_t id) override;
  Result<std::string> original_path(std::int64_t id) override;
  Status save_result(std::int64_t id, const nlohmann::json& result) override;
  Result<std::optional<nlohmann::json>> latest_result(std::int64_t id) override;
  Status save_corrections(std::int64_t id, const nlohmann::json& corrections) override;
  Result<nlohmann::json> corrections(std::int64_t id) override;
  Result<std::vector<SupplierMonthStats>> stats() override;

  Result<std::optional<ClaimedJob>> claim_job(const std::string& worker, int lease_s) override;
  Result<bool> renew_lease(std::int64_t id, const std::string& worker, int lease_s) override;
  Result<bool> complete_job(std::int64_t id, const std::string& worker, const nlohmann::json& result) override;
  Result<bool> fail_job(std::int64_t id, const std::string& worker, const Status& error, bool retry,
                        const RetryPolicy& policy) override;
  Result<std::int64_t> recover_jobs(const RetryPolicy& policy, std::int64_t leased_until_ms) override;
  Result<std::int64_t> waiting_jobs() override;
  Result<QueueFigures> queue_figures() override;
  Result<std::int64_t> requeue_dead() override;
  Result<std::int64_t> purge_dead() override;
  bool shared_by_processes() const override { return false; }
  Result<bool> wait_for_jobs(int timeout_ms) override;

 private:
  SqliteStore(std::string dir, std::unique_ptr<Database> db);
  Status migrate();
  // Summarises the latest result with the corrections again, and relinks duplicates when the keys changed.
  Status refresh_summary(std::int64_t id);
  Status refresh_all_summaries();  // once, for documents stored before duplicate detection
  Result<DuplicateKeys> duplicate_keys_locked(std::int64_t id);
  DuplicateIndex duplicate_index_locked();
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

}  // namespace textra::store
