#include "store/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "base/files.h"
#include "store/clock.h"
#include "store/duplicates.h"
#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/summary.h"

namespace textra::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Writes a file so that it is complete on disk before the database refers to it: temp file, fsync, rename.
Status write_durably(const fs::path& path, std::string_view bytes) {
  fs::path tmp = path;
  tmp += ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(tmp.string() + ": cannot create");
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      ::close(fd);
      return io_error(tmp.string() + ": write failed");
    }
    done += static_cast<std::size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return io_error(tmp.string() + ": fsync failed");
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return io_error(path.string() + ": " + ec.message());
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::ok();
}

}  // namespace

// SQLite's LIKE ignores ASCII case. Its transactions take the one writer lock up front, which already keeps
// duplicate scans and job updates apart, and a claim is one statement: no row locks.
SqliteStore::SqliteStore(std::string dir, std::unique_ptr<Database> db)
    : SqlStore(std::make_unique<SqliteSession>(*db), Dialect{.like = "LIKE"}), dir_(std::move(dir)), db_(std::move(db)) {}
SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<Store>> SqliteStore::open(const std::string& data_dir) {
  std::error_code ec;
  fs::create_directories(fs::path(data_dir) / "originals", ec);
  if (ec) return io_error(data_dir + ": cannot create data directory: " + ec.message());
  TEXTRA_ASSIGN_OR_RETURN(auto db, Database::open((fs::path(data_dir) / "textra.db").string()));
  TEXTRA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  std::unique_ptr<SqliteStore> store(new SqliteStore(data_dir, std::move(db)));
  TEXTRA_RETURN_IF_ERROR(store->migrate());
  return std::unique_ptr<Store>(std::move(store));
}

Status SqliteStore::migrate() {
  TEXTRA_ASSIGN_OR_RETURN(Statement version_query, db_->prepare("PRAGMA user_version"));
  TEXTRA_ASSIGN_OR_RETURN(bool has_row, version_query.step());
  int version = has_row ? static_cast<int>(version_query.column_int(0)) : 0;
  if (version > static_cast<int>(kMigrations.size())) {
    return unsupported(dir_ + ": the store has schema version " + std::to_string(version) +
                       ", newer than this textra (" + std::to_string(kMigrations.size()) + ")");
  }
  for (std::size_t v = static_cast<std::size_t>(version); v < kMigrations.size(); ++v) {
    Status applied = db_->transaction([&]() -> Status {
      TEXTRA_RETURN_IF_ERROR(db_->exec(kMigrations[v]));
      return db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
    });
    if (!applied.is_ok()) return applied.with_context("migration " + std::to_string(v + 1));
  }
  if (version < kDuplicatesMigration) return db_->transaction([&] { return refresh_all_summaries_locked(); });
  return Status::ok();
}

Result<AddedDocument> SqliteStore::add_document(std::string_view bytes, const std::string& file_name,
                                          const std::string& content_type, const JobRequest* job) {
  std::string hash = sha256_hex(bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  AddedDocument added;
  Status stored = db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(Statement existing, db_->prepare("SELECT id, status FROM documents WHERE sha256 = ?"));
    existing.bind(1, std::string_view(hash));
    TEXTRA_ASSIGN_OR_RETURN(bool found, existing.step());
    std::int64_t id = found ? existing.column_int(0) : 0;
    std::string status = found ? existing.column_text(1) : "";
    bool pending = status == "queued" || status == "running" || status == "failed";
    bool enqueue = false;
    if (job != nullptr && !pending) {
      TEXTRA_ASSIGN_OR_RETURN(std::int64_t waiting, waiting_jobs_locked());
      enqueue = waiting < job->max_waiting;
    }
    if (!found) {
      // The file goes to disk (synced) before the row that refers to it is committed.
      TEXTRA_RETURN_IF_ERROR(write_durably(fs::path(dir_) / "originals" / hash, bytes));
      TEXTRA_ASSIGN_OR_RETURN(Statement insert,
                              db_->prepare("INSERT INTO documents (sha256, file_name, content_type, bytes, created_at) "
                                           "VALUES (?, ?, ?, ?, ?)"));
      insert.bind(1, std::string_view(hash))
          .bind(2, std::string_view(file_name))
          .bind(3, std::string_view(content_type))
          .bind(4, static_cast<std::int64_t>(bytes.size()))
          .bind(5, std::string_view(now_utc()));
      TEXTRA_RETURN_IF_ERROR(insert.run());
      id = db_->last_insert_id();
      added.created = true;
    }
    if (enqueue) {
      TEXTRA_ASSIGN_OR_RETURN(Statement queue, db_->prepare(
          "UPDATE documents SET status = 'queued', job_params = ?, attempts = 0, run_after_ms = 0, queued_at_ms = ?, "
          "error = NULL, error_code = NULL, locked_by = NULL, locked_until_ms = NULL WHERE id = ?"));
      queue.bind(1, std::string_view(job->params.dump())).bind(2, now_ms()).bind(3, id);
      TEXTRA_RETURN_IF_ERROR(queue.run());
    }
    added.queued = pending || enqueue;
    TEXTRA_ASSIGN_OR_RETURN(added.document, document_locked(id));
    return Status::ok();
  });
  TEXTRA_RETURN_IF_ERROR(stored);
  return added;
}

Status SqliteStore::remove(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(DocumentRecord record, document_locked(id));
  TEXTRA_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(DuplicateKeys keys, duplicate_keys_locked(id));
    TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("DELETE FROM documents WHERE id = ?"));
    s.bind(1, id);
    TEXTRA_RETURN_IF_ERROR(s.run());
    return relink_duplicates(id, keys, std::nullopt, duplicate_index_locked());
  }));
  std::error_code ec;  // the row is gone first: a leftover file is harmless, a dangling row is not
  fs::remove(fs::path(dir_) / "originals" / record.sha256, ec);
  return Status::ok();
}

Result<std::string> SqliteStore::original_path(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(DocumentRecord record, document(id));
  return (fs::path(dir_) / "originals" / record.sha256).string();
}

}  // namespace textra::store
