// What the SQLite and PostgreSQL back ends share: reads, results, corrections, summaries and duplicate
// links and the job queue, written once over SqlSession. A back end adds opening, migrations and originals.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/duplicates.h"
#include "store/sql_session.h"
#include "store/store.h"

namespace textra::store {

// A row of kDuplicateCandidateColumns, from column `first` on.
DuplicateCandidate duplicate_candidate_from_row(const SqlRows& r, int row, int first);

class SqlStore : public Store {
 public:
  Result<DocumentRecord> document(std::int64_t id) override;
  Result<DocumentPage> list(const ListFilter& filter) override;
  Status save_result(std::int64_t id, const nlohmann::json& result) override;
  Result<std::optional<nlohmann::json>> latest_result(std::int64_t id) override;
  Status save_corrections(std::int64_t id, const nlohmann::json& corrections) override;
  Result<nlohmann::json> corrections(std::int64_t id) override;
  Result<std::vector<SupplierMonthStats>> stats() override;

  // The job queue (store/sql_jobs.cpp).
  Result<std::optional<ClaimedJob>> claim_job(const std::string& worker, int lease_s) override;
  Result<bool> renew_lease(std::int64_t id, const std::string& worker, int lease_s) override;
  Result<bool> complete_job(std::int64_t id, const std::string& worker, const nlohmann::json& result) override;
  Result<bool> fail_job(std::int64_t id, const std::string& worker, const Status& error, bool retry,
                        const RetryPolicy& policy) override;
  Result<std::int64_t> recover_jobs(const RetryPolicy& policy, std::int64_t leased_until_ms) override;
  Result<std::int64_t> waiting_jobs() override;
  Result<QueueFigures> queue_figures() override;
  Result<std::int64_t> requeue_dead() override;

 protected:
  SqlStore(std::unique_ptr<SqlSession> sql, Dialect dialect) : sql_(std::move(sql)), dialect_(std::move(dialect)) {}

  // The "_locked" methods expect mutex_ held.
  Result<DocumentRecord> document_locked(std::int64_t id);
  Result<nlohmann::json> corrections_locked(std::int64_t id);
  Result<DuplicateKeys> duplicate_keys_locked(std::int64_t id);
  // Summarises the latest result with the corrections again, and relinks duplicates when the keys changed.
  Status refresh_summary_locked(std::int64_t id);
  Status refresh_all_summaries_locked();  // once, for documents stored before duplicate detection
  DuplicateIndex duplicate_index_locked();
  // Stores the result, sets the final status, releases the job (inside the caller's transaction).
  Status mark_done_locked(std::int64_t id, const nlohmann::json& result);
  Result<std::int64_t> waiting_jobs_locked();
  void notify_jobs_locked();  // the dialect's notify_jobs, if any (delivered at commit inside a transaction)

  // Guarded by mutex_: one user of the connection at a time.
  const std::unique_ptr<SqlSession> sql_;
  std::mutex mutex_;

 private:
  const Dialect dialect_;
};

}  // namespace textra::store
