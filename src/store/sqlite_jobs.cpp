// What the SQLite store's job queue adds to store/sql_jobs.cpp: dead letters purged with their original files,
// and waiting for jobs (SQLite cannot notify).
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include "store/sqlite.h"
#include "store/sqlite_store.h"

namespace textra::store {
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

