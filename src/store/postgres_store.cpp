#include "store/postgres_store.h"

#include <algorithm>
#include <filesystem>

#include "base/files.h"
#include "store/clock.h"
#include "store/duplicates.h"
#include "store/migrations.h"
#include "store/summary.h"

namespace textra::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::int64_t kMigrationLock = 0x7465787472610001;  // pg_advisory_lock key: "textra" + 1
// Held by a transaction that relinks duplicates until it ends: two processes storing copies of one invoice
// at once would otherwise each miss the other's uncommitted row, and neither would be marked.
constexpr std::int64_t kDuplicatesLock = 0x7465787472610002;

}  // namespace

PostgresStore::PostgresStore(std::string url, std::string cache_dir, std::unique_ptr<PgConnection> db)
    : SqlStore(std::make_unique<PgSession>(*db),
               Dialect{.like = "ILIKE",
                       .duplicates_lock = "SELECT pg_advisory_xact_lock(" + std::to_string(kDuplicatesLock) + ")",
                       .claim_lock = " FOR UPDATE SKIP LOCKED",  // concurrent claims pass each other's rows
                       .row_lock = " FOR UPDATE",
                       .notify_jobs = kNotifyJobs}),
      url_(std::move(url)),
      cache_dir_(std::move(cache_dir)),
      db_(std::move(db)) {}

Result<std::unique_ptr<Store>> PostgresStore::open(const std::string& url, const std::string& cache_dir) {
  TEXTRA_ASSIGN_OR_RETURN(auto db, PgConnection::connect(url));
  std::unique_ptr<PostgresStore> store(new PostgresStore(url, cache_dir, std::move(db)));
  TEXTRA_RETURN_IF_ERROR(store->migrate());
  return std::unique_ptr<Store>(std::move(store));
}

Status PostgresStore::migrate() {
  // Several workers may start at once: one migrates, the others wait for it.
  TEXTRA_RETURN_IF_ERROR(db_->exec("SELECT pg_advisory_lock($1)", {kMigrationLock}).status());
  auto run = [&]() -> Status {
    TEXTRA_RETURN_IF_ERROR(db_->exec("CREATE TABLE IF NOT EXISTS textra_schema (version INTEGER NOT NULL)").status());
    TEXTRA_ASSIGN_OR_RETURN(PgResult v, db_->exec("SELECT version FROM textra_schema"));
    int version = v.rows() > 0 ? static_cast<int>(v.integer(0, 0)) : 0;
    if (v.rows() == 0) TEXTRA_RETURN_IF_ERROR(db_->exec("INSERT INTO textra_schema VALUES (0)").status());
    if (version > static_cast<int>(kPgMigrations.size())) {
      return unsupported(url_ + ": the store has schema version " + std::to_string(version) +
                         ", newer than this textra (" + std::to_string(kPgMigrations.size()) + ")");
    }
    for (std::size_t m = static_cast<std::size_t>(version); m < kPgMigrations.size(); ++m) {
      Status applied = db_->transaction([&]() -> Status {
        TEXTRA_RETURN_IF_ERROR(db_->exec(kPgMigrations[m]).status());
        return db_->exec("UPDATE textra_schema SET version = $1", {static_cast<std::int64_t>(m + 1)}).status();
      });
      if (!applied.is_ok()) return applied.with_context("migration " + std::to_string(m + 1));
    }
    if (version < kDuplicatesMigration) return db_->transaction([&] { return refresh_all_summaries_locked(); });
    return Status::ok();
  };
  Status migrated = run();
  (void)db_->exec("SELECT pg_advisory_unlock($1)", {kMigrationLock});
  return migrated;
}

Result<AddedDocument> PostgresStore::add_document(std::string_view bytes, const std::string& file_name,
                                                  const std::string& content_type, const JobRequest* job) {
  std::string hash = sha256_hex(bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  AddedDocument added;
  TEXTRA_RETURN_IF_ERROR(db_->transaction([&]() -> Status {
    TEXTRA_RETURN_IF_ERROR(db_->exec("INSERT INTO originals (sha256, content) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                     {hash, PgParam::bytes(bytes)}).status());
    TEXTRA_ASSIGN_OR_RETURN(PgResult inserted, db_->exec(
        "INSERT INTO documents (sha256, file_name, content_type, bytes, created_at) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (sha256) DO NOTHING RETURNING id",
        {hash, file_name, content_type, static_cast<std::int64_t>(bytes.size()), now_utc()}));
    added.created = inserted.rows() == 1;
    // The row is locked until commit, so a concurrent upload of the same bytes cannot queue it twice.
    TEXTRA_ASSIGN_OR_RETURN(PgResult row, db_->exec("SELECT id, status FROM documents WHERE sha256 = $1 FOR UPDATE",
                                                    {hash}));
    if (row.rows() != 1) return internal_error("document " + hash + " vanished while being stored");
    std::int64_t id = row.integer(0, 0);
    std::string status = row.text(0, 1);
    bool pending = status == "queued" || status == "running" || status == "failed";
    bool enqueue = false;
    if (job != nullptr && !pending) {
      TEXTRA_ASSIGN_OR_RETURN(std::int64_t waiting, waiting_jobs_locked());
      enqueue = waiting < job->max_waiting;
    }
    if (enqueue) {
      TEXTRA_RETURN_IF_ERROR(db_->exec(
          "UPDATE documents SET status = 'queued', job_params = $1, attempts = 0, run_after_ms = 0, queued_at_ms = $2, "
          "error = NULL, error_code = NULL, locked_by = NULL, locked_until_ms = NULL WHERE id = $3",
          {job->params.dump(), now_ms(), id}).status());
      // Delivered at commit: idle workers wake at once.
      TEXTRA_RETURN_IF_ERROR(db_->exec(kNotifyJobs).status());
    }
    added.queued = pending || enqueue;
    TEXTRA_ASSIGN_OR_RETURN(added.document, document_locked(id));
    return Status::ok();
  }));
  return added;
}

Status PostgresStore::remove(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(std::string("DELETE FROM documents WHERE id = $1 RETURNING sha256, ") +
                                                  kDuplicateCandidateColumns, {id}));
    if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
    TEXTRA_RETURN_IF_ERROR(sql_->exec("DELETE FROM originals WHERE sha256 = $1", {r.text(0, 0)}).status());
    return relink_duplicates(id, duplicate_candidate_from_row(r, 0, 1).keys, std::nullopt, duplicate_index_locked());
  });
}

Result<std::string> PostgresStore::original_path(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(
      "SELECT d.sha256, o.content FROM documents d JOIN originals o USING (sha256) WHERE d.id = $1", {id}));
  if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  std::string hash = r.text(0, 0);
  fs::path path = fs::path(cache_dir_) / hash;
  std::error_code ec;
  if (fs::exists(path, ec)) return path.string();  // named by content: a present copy is the right one
  fs::create_directories(cache_dir_, ec);
  if (ec) return io_error(cache_dir_ + ": cannot create the originals cache: " + ec.message());
  // Binary results would need a second round trip: bytea comes back as text "\x..." hex here.
  std::string hex = r.text(0, 1);
  if (hex.rfind("\\x", 0) != 0 || hex.size() % 2 != 0) return corrupt("document " + std::to_string(id) + ": bad original");
  std::string bytes;
  bytes.reserve(hex.size() / 2 - 1);
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (std::size_t i = 2; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  fs::path tmp = path;
  tmp += "." + std::to_string(::getpid()) + ".tmp";
  TEXTRA_RETURN_IF_ERROR(write_file(tmp.string(), bytes));
  fs::rename(tmp, path, ec);  // atomic: readers never see a partial copy
  if (ec) return io_error(path.string() + ": " + ec.message());
  return path.string();
}

}  // namespace textra::store
