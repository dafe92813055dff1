// The SQLite store's durable job queue (store.h): claims, fenced completion and failure, recovery of jobs whose
// worker is gone. The job is the document's row, so each step is one statement or one transaction.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "store/clock.h"
#include "store/retry.h"
#include "store/sqlite.h"
#include "store/sqlite_store.h"

namespace textra::store {
using nlohmann::json;

Result<std::optional<ClaimedJob>> SqliteStore::claim_job(const std::string& worker, int lease_s) {
  std::int64_t now = now_ms();
  std::lock_guard<std::mutex> lock(mutex_);
  // One statement: the choice and the claim cannot be split by another process's claim.
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "UPDATE documents SET status = 'running', attempts = attempts + 1, locked_by = ?, locked_until_ms = ? "
      "WHERE id = (SELECT id FROM documents WHERE status IN ('queued', 'failed') AND run_after_ms <= ? "
      "ORDER BY id LIMIT 1) RETURNING id, file_name, content_type, job_params, attempts"));
  s.bind(1, std::string_view(worker)).bind(2, now + std::int64_t{lease_s} * 1000).bind(3, now);
  TEXTRA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return std::optional<ClaimedJob>();
  ClaimedJob job;
  job.id = s.column_int(0);
  job.file_name = s.column_text(1);
  job.content_type = s.column_text(2);
  job.params = json::parse(s.column_text(3), nullptr, false);
  if (!job.params.is_object()) job.params = json::object();
  job.attempt = s.column_int(4);
  TEXTRA_RETURN_IF_ERROR(s.run());  // finishes the statement, which commits the claim
  return std::optional<ClaimedJob>(std::move(job));
}

Result<bool> SqliteStore::complete_job(std::int64_t id, const std::string& worker, const json& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool held = false;
  TEXTRA_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
        "SELECT 1 FROM documents WHERE id = ? AND status = 'running' AND locked_by = ?"));
    s.bind(1, id).bind(2, std::string_view(worker));
    TEXTRA_ASSIGN_OR_RETURN(held, s.step());
    return held ? mark_done_locked(id, result) : Status::ok();
  }));
  return held;
}

Result<bool> SqliteStore::fail_job(std::int64_t id, const std::string& worker, const Status& error, bool retry,
                             const RetryPolicy& policy) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool held = false;
  TEXTRA_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
        "SELECT attempts FROM documents WHERE id = ? AND status = 'running' AND locked_by = ?"));
    s.bind(1, id).bind(2, std::string_view(worker));
    TEXTRA_ASSIGN_OR_RETURN(held, s.step());
    if (!held) return Status::ok();
    FailureOutcome outcome = failure_outcome(s.column_int(0), error, retry, policy);
    TEXTRA_ASSIGN_OR_RETURN(Statement u, db_->prepare(
        "UPDATE documents SET status = ?, error = ?, error_code = ?, run_after_ms = ?, locked_by = NULL, "
        "locked_until_ms = NULL WHERE id = ?"));
    u.bind(1, std::string_view(outcome.status))
        .bind(2, std::string_view(outcome.message))
        .bind(3, std::string_view(error_code_name(error.code())))
        .bind(4, outcome.run_after_ms)
        .bind(5, id);
    return u.run();
  }));
  return held;
}

Result<std::int64_t> SqliteStore::recover_jobs(const RetryPolicy& policy, std::int64_t leased_until_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A job whose worker died with it may be what killed the worker: its try counts, so it cannot loop.
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(std::string(
      "UPDATE documents SET status = CASE WHEN attempts >= ?1 THEN 'dead' ELSE 'queued' END, "
      "error = CASE WHEN attempts >= ?1 THEN 'gave up after ' || attempts || ' tries: ") + kWorkerLostMessage +
      "' ELSE error END, "
      "error_code = CASE WHEN attempts >= ?1 THEN 'internal' ELSE error_code END, "
      "run_after_ms = 0, locked_by = NULL, locked_until_ms = NULL "
      "WHERE status = 'running' AND locked_until_ms < ?2"));
  s.bind(1, std::int64_t{policy.max_attempts}).bind(2, leased_until_ms);
  TEXTRA_RETURN_IF_ERROR(s.run());
  return std::int64_t{db_->changes()};
}

Result<std::int64_t> SqliteStore::waiting_jobs() {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_jobs_locked();
}

Result<std::int64_t> SqliteStore::waiting_jobs_locked() {
  TEXTRA_ASSIGN_OR_RETURN(Statement s,
                          db_->prepare("SELECT COUNT(*) FROM documents WHERE status IN ('queued', 'failed')"));
  TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
  return row ? s.column_int(0) : 0;
}

Result<bool> SqliteStore::renew_lease(std::int64_t id, const std::string& worker, int lease_s) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "UPDATE documents SET locked_until_ms = ? WHERE id = ? AND status = 'running' AND locked_by = ?"));
  s.bind(1, now_ms() + std::int64_t{lease_s} * 1000).bind(2, id).bind(3, std::string_view(worker));
  TEXTRA_RETURN_IF_ERROR(s.run());
  return db_->changes() == 1;
}

Result<QueueFigures> SqliteStore::queue_figures() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "SELECT status, COUNT(*), MIN(CASE WHEN status IN ('queued', 'failed') THEN queued_at_ms END) "
      "FROM documents GROUP BY status"));
  QueueFigures figures;
  std::int64_t oldest = INT64_MAX;
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    figures.by_status[s.column_text(0)] = s.column_int(1);
    if (!s.column_is_null(2)) oldest = std::min(oldest, s.column_int(2));
  }
  if (oldest != INT64_MAX) figures.oldest_waiting_s = static_cast<double>(now_ms() - oldest) / 1000.0;
  return figures;
}

Result<std::int64_t> SqliteStore::requeue_dead() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "UPDATE documents SET status = 'queued', attempts = 0, run_after_ms = 0, queued_at_ms = ? WHERE status = 'dead'"));
  s.bind(1, now_ms());
  TEXTRA_RETURN_IF_ERROR(s.run());
  return std::int64_t{db_->changes()};
}

Result<std::int64_t> SqliteStore::purge_dead() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> hashes;
  TEXTRA_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(std::string("SELECT sha256, ") + kDuplicateCandidateColumns +
                                                  " FROM documents WHERE status = 'dead'"));
    std::vector<DuplicateCandidate> dead;
    for (int i = 0; i < r.rows(); ++i) {
      hashes.push_back(r.text(i, 0));
      dead.push_back(duplicate_candidate_from_row(r, i, 1));
    }
    TEXTRA_ASSIGN_OR_RETURN(Statement del, db_->prepare("DELETE FROM documents WHERE status = 'dead'"));
    TEXTRA_RETURN_IF_ERROR(del.run());
    // A dead document may keep the summary of an earlier result: the later copies of it point elsewhere now.
    for (const DuplicateCandidate& gone : dead) {
      TEXTRA_RETURN_IF_ERROR(relink_duplicates(gone.id, gone.keys, std::nullopt, duplicate_index_locked()));
    }
    return Status::ok();
  }));
  for (const auto& hash : hashes) {  // the rows are gone first: a leftover file is harmless, a dangling row is not
    std::error_code ec;
    std::filesystem::remove(std::filesystem::path(dir_) / "originals" / hash, ec);
  }
  return static_cast<std::int64_t>(hashes.size());
}

Result<bool> SqliteStore::wait_for_jobs(int timeout_ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));  // SQLite cannot tell: callers poll
  return false;
}

}  // namespace textra::store

