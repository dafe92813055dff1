// The PostgreSQL back end of store::Store (`--store postgresql://USER@HOST:PORT/DB`): the same tables and
// migration versions as SQLite (store/migrations.h), originals in the database (any worker machine reads
// them; original_path() copies one to a local cache folder named by its hash), and the job queue with
// FOR UPDATE SKIP LOCKED claims, leases and NOTIFY on enqueue. Safe for the threads of one process (one
// connection under mutex_), and for any number of processes on one database.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/duplicates.h"
#include "store/postgres.h"
#include "store/sql_store.h"

namespace textra::store {

// The channel that wakes idle workers: notified (at commit) by every enqueue and requeue.
inline constexpr const char* kNotifyJobs = "NOTIFY textra_jobs";
inline constexpr const char* kListenJobs = "LISTEN textra_jobs";

class PostgresStore final : public SqlStore {
 public:
  // cache_dir: where original_path() puts copies of originals.
  static Result<std::unique_ptr<Store>> open(const std::string& url, const std::string& cache_dir);

  Result<AddedDocument> add_document(std::string_view bytes, const std::string& file_name,
                                     const std::string& content_type, const JobRequest* job) override;
  Status remove(std::int64_t id) override;
  Result<std::string> original_path(std::int64_t id) override;

  Result<std::int64_t> purge_dead() override;
  bool shared_by_processes() const override { return true; }
  Result<bool> wait_for_jobs(int timeout_ms) override;

 private:
  PostgresStore(std::string url, std::string cache_dir, std::unique_ptr<PgConnection> db);
  Status migrate();

  // Constant after construction.
  const std::string url_, cache_dir_;
  // Guarded by mutex_ (the "_locked" methods expect it held); sql_ runs its statements.
  const std::unique_ptr<PgConnection> db_;
  // The LISTEN connection of wait_for_jobs, opened on first use; guarded by listen_mutex_.
  std::unique_ptr<PgConnection> listener_;
  std::mutex listen_mutex_;
};

}  // namespace textra::store
