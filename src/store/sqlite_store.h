// The SQLite back end of store::Store (the default, `--store sqlite:DIR`): textra.db in the data folder
// (WAL, synchronous=FULL, so an acknowledged write survives a kill), originals as files named by their
// SHA-256 under DIR/originals. Safe for the threads of one process (every public method takes mutex_).
// Other processes may open the same folder (SQLite locks the file, and a claim is one statement), but a
// server starting on it takes up every running job, so workers of other processes want PostgreSQL.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/sql_store.h"

namespace textra::store {

class Database;

class SqliteStore final : public SqlStore {
 public:
  static Result<std::unique_ptr<Store>> open(const std::string& data_dir);
  ~SqliteStore() override;

  Result<AddedDocument> add_document(std::string_view bytes, const std::string& file_name,
                                     const std::string& content_type, const JobRequest* job) override;
  Status remove(std::int64_t id) override;
  Result<std::string> original_path(std::int64_t id) override;

  Result<std::int64_t> purge_dead() override;
  bool shared_by_processes() const override { return false; }
  Result<bool> wait_for_jobs(int timeout_ms) override;

 private:
  SqliteStore(std::string dir, std::unique_ptr<Database> db);
  Status migrate();

  // Constant after construction.
  const std::string dir_;
  // Guarded by mutex_ (the "_locked" methods expect it held); sql_ runs its statements.
  const std::unique_ptr<Database> db_;
};

}  // namespace textra::store
