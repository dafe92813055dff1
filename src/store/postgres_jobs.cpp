// What the PostgreSQL store's job queue adds to store/sql_jobs.cpp: dead letters purged with their originals,
// and waiting for a NOTIFY.
#include "store/postgres_store.h"

namespace textra::store {

Result<std::int64_t> PostgresStore::purge_dead() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t purged = 0;
  TEXTRA_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(std::string("DELETE FROM documents WHERE status = 'dead' "
                                                              "RETURNING sha256, ") + kDuplicateCandidateColumns));
    purged = r.rows();
    for (int i = 0; i < r.rows(); ++i) {
      TEXTRA_RETURN_IF_ERROR(sql_->exec("DELETE FROM originals WHERE sha256 = $1", {r.text(i, 0)}).status());
      // A dead document may keep the summary of an earlier result: the later copies of it point elsewhere now.
      DuplicateCandidate gone = duplicate_candidate_from_row(r, i, 1);
      TEXTRA_RETURN_IF_ERROR(relink_duplicates(gone.id, gone.keys, std::nullopt, duplicate_index_locked()));
    }
    return Status::ok();
  }));
  return purged;
}

Result<bool> PostgresStore::wait_for_jobs(int timeout_ms) {
  std::lock_guard<std::mutex> lock(listen_mutex_);
  if (!listener_) {
    TEXTRA_ASSIGN_OR_RETURN(listener_, PgConnection::connect(url_));
    TEXTRA_RETURN_IF_ERROR(listener_->exec(kListenJobs).status());
  }
  auto notified = listener_->wait_for_notification(timeout_ms);
  if (!notified) listener_.reset();  // reconnect and LISTEN again next time (the server may have restarted)
  return notified;
}

}  // namespace textra::store
