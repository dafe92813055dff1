// The job queue of both back ends (store.h). The job is the document's row, so each step is one statement or
// one transaction. Claims take the oldest due job in one statement (the choice and the claim cannot be split
// by another claim; PostgreSQL's SKIP LOCKED lets concurrent workers pass each other's rows), and updates of
// a claimed job are fenced by locked_by.
#include <algorithm>

#include "store/clock.h"
#include "store/retry.h"
#include "store/sql_store.h"

namespace textra::store {
using nlohmann::json;

Result<std::optional<ClaimedJob>> SqlStore::claim_job(const std::string& worker, int lease_s) {
  std::int64_t now = now_ms();
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "UPDATE documents SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_until_ms = $2 "
      "WHERE id = (SELECT id FROM documents WHERE status IN ('queued', 'failed') AND run_after_ms <= $3 "
      "ORDER BY id LIMIT 1" + dialect_.claim_lock + ") RETURNING id, file_name, content_type, job_params, attempts",
      {worker, now + std::int64_t{lease_s} * 1000, now}));
  if (r.rows() == 0) return std::optional<ClaimedJob>();
  ClaimedJob job;
  job.id = r.integer(0, 0);
  job.file_name = r.text(0, 1);
  job.content_type = r.text(0, 2);
  job.params = json::parse(r.is_null(0, 3) ? "{}" : r.text(0, 3), nullptr, false);
  if (!job.params.is_object()) job.params = json::object();
  job.attempt = r.integer(0, 4);
  return std::optional<ClaimedJob>(std::move(job));
}

Result<bool> SqlStore::renew_lease(std::int64_t id, const std::string& worker, int lease_s) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "UPDATE documents SET locked_until_ms = $1 WHERE id = $2 AND status = 'running' AND locked_by = $3",
      {now_ms() + std::int64_t{lease_s} * 1000, id, worker}));
  return r.affected() == 1;
}

Result<bool> SqlStore::complete_job(std::int64_t id, const std::string& worker, const json& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool held = false;
  TEXTRA_RETURN_IF_ERROR(sql_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
        "SELECT 1 FROM documents WHERE id = $1 AND status = 'running' AND locked_by = $2" + dialect_.row_lock,
        {id, worker}));
    held = r.rows() == 1;
    return held ? mark_done_locked(id, result) : Status::ok();
  }));
  return held;
}

Result<bool> SqlStore::fail_job(std::int64_t id, const std::string& worker, const Status& error, bool retry,
                                const RetryPolicy& policy) {
  std::lock_guard<std::mutex> lock(mutex_);
  bool held = false;
  TEXTRA_RETURN_IF_ERROR(sql_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
        "SELECT attempts FROM documents WHERE id = $1 AND status = 'running' AND locked_by = $2" + dialect_.row_lock,
        {id, worker}));
    held = r.rows() == 1;
    if (!held) return Status::ok();
    FailureOutcome outcome = failure_outcome(r.integer(0, 0), error, retry, policy);
    return sql_->exec(
        "UPDATE documents SET status = $1, error = $2, error_code = $3, run_after_ms = $4, locked_by = NULL, "
        "locked_until_ms = NULL WHERE id = $5",
        {outcome.status, outcome.message, error_code_name(error.code()), outcome.run_after_ms, id}).status();
  }));
  return held;
}

Result<std::int64_t> SqlStore::recover_jobs(const RetryPolicy& policy, std::int64_t leased_until_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  // A job whose worker died with it may be what killed the worker: its try counts, so it cannot loop.
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(std::string(
      "UPDATE documents SET status = CASE WHEN attempts >= $1 THEN 'dead' ELSE 'queued' END, "
      "error = CASE WHEN attempts >= $1 THEN 'gave up after ' || attempts || ' tries: ") + kWorkerLostMessage +
      "' ELSE error END, error_code = CASE WHEN attempts >= $1 THEN 'internal' ELSE error_code END, "
      "run_after_ms = 0, locked_by = NULL, locked_until_ms = NULL "
      "WHERE status = 'running' AND locked_until_ms < $2",
      {std::int64_t{policy.max_attempts}, leased_until_ms}));
  if (r.affected() > 0) notify_jobs_locked();
  return r.affected();
}

Result<std::int64_t> SqlStore::waiting_jobs() {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_jobs_locked();
}

Result<std::int64_t> SqlStore::waiting_jobs_locked() {
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec("SELECT COUNT(*) FROM documents WHERE status IN ('queued', 'failed')"));
  return r.integer(0, 0);
}

Result<QueueFigures> SqlStore::queue_figures() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "SELECT status, COUNT(*), MIN(CASE WHEN status IN ('queued', 'failed') THEN queued_at_ms END) "
      "FROM documents GROUP BY status"));
  QueueFigures figures;
  std::int64_t oldest = INT64_MAX;
  for (int i = 0; i < r.rows(); ++i) {
    figures.by_status[r.text(i, 0)] = r.integer(i, 1);
    if (!r.is_null(i, 2)) oldest = std::min(oldest, r.integer(i, 2));
  }
  if (oldest != INT64_MAX) figures.oldest_waiting_s = static_cast<double>(now_ms() - oldest) / 1000.0;
  return figures;
}

Result<std::int64_t> SqlStore::requeue_dead() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "UPDATE documents SET status = 'queued', attempts = 0, run_after_ms = 0, queued_at_ms = $1 "
      "WHERE status = 'dead'", {now_ms()}));
  if (r.affected() > 0) notify_jobs_locked();
  return r.affected();
}

void SqlStore::notify_jobs_locked() {
  if (!dialect_.notify_jobs.empty()) (void)sql_->exec(dialect_.notify_jobs);  // best effort: workers also poll
}

}  // namespace textra::store
