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

DocumentRecord record_from_row(const Statement& s) {
  DocumentRecord r;
  r.id = s.column_int(0);
  r.sha256 = s.column_text(1);
  r.file_name = s.column_text(2);
  r.content_type = s.column_text(3);
  r.bytes = s.column_int(4);
  r.created_at = s.column_text(5);
  r.status = s.column_text(6);
  if (!s.column_is_null(7)) r.supplier = s.column_text(7);
  if (!s.column_is_null(8)) r.invoice_date = s.column_text(8);
  if (!s.column_is_null(9)) r.currency = s.column_text(9);
  if (!s.column_is_null(10)) r.total_ttc = s.column_double(10);
  if (!s.column_is_null(11)) r.total_tva = s.column_double(11);
  if (!s.column_is_null(12)) r.error = s.column_text(12);
  r.attempts = s.column_int(13);
  if (!s.column_is_null(14)) r.error_code = s.column_text(14);
  if (!s.column_is_null(15)) r.invoice_number = s.column_text(15);
  if (!s.column_is_null(16)) r.duplicate_of = s.column_int(16);
  return r;
}

constexpr const char* kRecordColumns =
    "id, sha256, file_name, content_type, bytes, created_at, status, supplier, invoice_date, currency, total_ttc, "
    "total_tva, error, attempts, error_code, invoice_number, duplicate_of";

std::optional<std::string> optional_text(const Statement& s, int column) {
  return s.column_is_null(column) ? std::nullopt : std::optional<std::string>(s.column_text(column));
}

// Adds the corrections of a query's rows (path, value_json) to out; a NULL path (the row of a document
// without corrections) adds nothing. Returns the number of rows.
Result<std::size_t> read_corrections(Statement& s, json& out) {
  std::size_t rows = 0;
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return rows;
    ++rows;
    if (!s.column_is_null(0)) out[s.column_text(0)] = json::parse(s.column_text(1), nullptr, false);
  }
}

}  // namespace

DuplicateCandidate duplicate_candidate_from_row(const Statement& s, int first) {
  DuplicateCandidate c;
  c.id = s.column_int(first);
  if (!s.column_is_null(first + 1)) c.duplicate_of = s.column_int(first + 1);
  c.keys.supplier_key = optional_text(s, first + 2);
  c.keys.supplier_ids = decode_supplier_ids(optional_text(s, first + 3));
  c.keys.number_key = optional_text(s, first + 4);
  c.keys.invoice_date = optional_text(s, first + 5);
  if (!s.column_is_null(first + 6)) c.keys.total_cents = s.column_int(first + 6);
  return c;
}

SqliteStore::SqliteStore(std::string dir, std::unique_ptr<Database> db) : dir_(std::move(dir)), db_(std::move(db)) {}
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
  if (version < kDuplicatesMigration) return db_->transaction([&] { return refresh_all_summaries(); });
  return Status::ok();
}

Status SqliteStore::refresh_all_summaries() {
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("SELECT id FROM documents ORDER BY id"));
  std::vector<std::int64_t> ids;
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    ids.push_back(s.column_int(0));
  }
  for (std::int64_t id : ids) TEXTRA_RETURN_IF_ERROR(refresh_summary(id));
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

Result<DocumentRecord> SqliteStore::document(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return document_locked(id);
}

Result<DocumentRecord> SqliteStore::document_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(Statement s,
                          db_->prepare(std::string("SELECT ") + kRecordColumns + " FROM documents WHERE id = ?"));
  s.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return not_found("document " + std::to_string(id) + " does not exist");
  return record_from_row(s);
}

Result<DocumentPage> SqliteStore::list(const ListFilter& filter) {
  TEXTRA_RETURN_IF_ERROR(check_filter(filter));
  int limit = std::clamp(filter.limit, 1, 500);
  std::string sql = std::string("SELECT ") + kRecordColumns + " FROM documents WHERE id < ?";
  if (filter.supplier) sql += " AND supplier LIKE '%' || ? || '%'";
  if (filter.date_from) sql += " AND invoice_date >= ?";
  if (filter.date_to) sql += " AND invoice_date <= ?";
  if (filter.status) sql += " AND status = ?";
  if (filter.duplicates) sql += *filter.duplicates == "only" ? " AND duplicate_of IS NOT NULL" : " AND duplicate_of IS NULL";
  sql += " ORDER BY id DESC LIMIT ?";
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(sql));
  int i = 1;
  s.bind(i++, filter.cursor.value_or(INT64_MAX));
  if (filter.supplier) s.bind(i++, std::string_view(*filter.supplier));
  if (filter.date_from) s.bind(i++, std::string_view(*filter.date_from));
  if (filter.date_to) s.bind(i++, std::string_view(*filter.date_to));
  if (filter.status) s.bind(i++, std::string_view(*filter.status));
  s.bind(i++, static_cast<std::int64_t>(limit + 1));  // one more tells whether a next page exists
  DocumentPage page;
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    page.documents.push_back(record_from_row(s));
  }
  if (static_cast<int>(page.documents.size()) > limit) {
    page.documents.pop_back();
    page.next = page.documents.back().id;
  }
  return page;
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

Status SqliteStore::save_result(std::int64_t id, const json& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return db_->transaction([&] { return mark_done_locked(id, result); });
}

Status SqliteStore::mark_done_locked(std::int64_t id, const json& result) {
  TEXTRA_ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = documents.id) "
      "THEN 'reviewed' ELSE 'extracted' END, error = NULL, error_code = NULL, locked_by = NULL, "
      "locked_until_ms = NULL WHERE id = ?"));
  st.bind(1, id);
  TEXTRA_RETURN_IF_ERROR(st.run());
  TEXTRA_ASSIGN_OR_RETURN(Statement s,
                          db_->prepare("INSERT INTO results (document_id, json, created_at) VALUES (?, ?, ?)"));
  s.bind(1, id).bind(2, std::string_view(result.dump())).bind(3, std::string_view(now_utc()));
  TEXTRA_RETURN_IF_ERROR(s.run());
  return refresh_summary(id);
}

Result<std::optional<json>> SqliteStore::latest_result(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One statement tells a missing document (no row) from one without a result (a NULL): exports read
  // every document's result, and a separate existence query cost them a quarter of their time.
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "SELECT r.json FROM documents d LEFT JOIN results r ON r.document_id = d.id WHERE d.id = ? "
      "ORDER BY r.id DESC LIMIT 1"));
  s.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return not_found("document " + std::to_string(id) + " does not exist");
  if (s.column_is_null(0)) return std::optional<json>();
  json parsed = json::parse(s.column_text(0), nullptr, false);
  if (parsed.is_discarded()) return corrupt("document " + std::to_string(id) + ": stored result is not JSON");
  return std::optional<json>(std::move(parsed));
}

Status SqliteStore::save_corrections(std::int64_t id, const json& corrections) {
  if (!corrections.is_object()) return invalid_argument("corrections must be a JSON object of field path -> value");
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return db_->transaction([&]() -> Status {
    for (const auto& [path, value] : corrections.items()) {
      if (path.empty() || path.size() > 256) return invalid_argument("correction path must be 1-256 characters");
      if (value.is_null()) {
        TEXTRA_ASSIGN_OR_RETURN(Statement del, db_->prepare("DELETE FROM corrections WHERE document_id = ? AND path = ?"));
        del.bind(1, id).bind(2, std::string_view(path));
        TEXTRA_RETURN_IF_ERROR(del.run());
        continue;
      }
      TEXTRA_ASSIGN_OR_RETURN(Statement up, db_->prepare(
          "INSERT INTO corrections (document_id, path, value_json, updated_at) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (document_id, path) DO UPDATE SET value_json = excluded.value_json, "
          "updated_at = excluded.updated_at"));
      up.bind(1, id).bind(2, std::string_view(path)).bind(3, std::string_view(value.dump()))
          .bind(4, std::string_view(now_utc()));
      TEXTRA_RETURN_IF_ERROR(up.run());
    }
    // A pending job keeps its status (the queue reads it); it ends "reviewed" since corrections exist.
    // Removing the last correction gives the machine's result back: "extracted" again.
    TEXTRA_ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = ?1) "
        "THEN 'reviewed' WHEN status = 'reviewed' THEN 'extracted' ELSE status END "
        "WHERE id = ?1 AND status NOT IN ('queued', 'running', 'failed')"));
    st.bind(1, id);
    TEXTRA_RETURN_IF_ERROR(st.run());
    return refresh_summary(id);
  });
}

Result<json> SqliteStore::corrections(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  // As latest_result: no row for a missing document, one NULL row for a document without corrections.
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "SELECT c.path, c.value_json FROM documents d LEFT JOIN corrections c ON c.document_id = d.id WHERE d.id = ?"));
  s.bind(1, id);
  json out = json::object();
  TEXTRA_ASSIGN_OR_RETURN(std::size_t rows, read_corrections(s, out));
  if (rows == 0) return not_found("document " + std::to_string(id) + " does not exist");
  return out;
}

Result<json> SqliteStore::corrections_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("SELECT path, value_json FROM corrections WHERE document_id = ?"));
  s.bind(1, id);
  json out = json::object();
  TEXTRA_RETURN_IF_ERROR(read_corrections(s, out).status());
  return out;
}

Status SqliteStore::refresh_summary(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(Statement r,
                          db_->prepare("SELECT json FROM results WHERE document_id = ? ORDER BY id DESC LIMIT 1"));
  r.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool has_result, r.step());
  json result = has_result ? json::parse(r.column_text(0), nullptr, false) : json();
  TEXTRA_ASSIGN_OR_RETURN(json fixes, corrections_locked(id));
  Summary summary = summarize(result, fixes);
  DuplicateKeys keys = duplicate_keys(summary);
  TEXTRA_ASSIGN_OR_RETURN(DuplicateKeys before, duplicate_keys_locked(id));
  TEXTRA_ASSIGN_OR_RETURN(Statement u, db_->prepare(
      "UPDATE documents SET supplier = ?, invoice_date = ?, currency = ?, total_ttc = ?, total_tva = ?, "
      "invoice_number = ?, supplier_key = ?, supplier_ids = ?, number_key = ?, total_cents = ? WHERE id = ?"));
  u.bind(1, summary.supplier)
      .bind(2, summary.invoice_date)
      .bind(3, summary.currency)
      .bind(4, summary.total_ttc)
      .bind(5, summary.total_tva)
      .bind(6, summary.invoice_number)
      .bind(7, keys.supplier_key)
      .bind(8, encode_supplier_ids(keys.supplier_ids))
      .bind(9, keys.number_key)
      .bind(10, keys.total_cents)
      .bind(11, id);
  TEXTRA_RETURN_IF_ERROR(u.run());
  if (keys == before) return Status::ok();  // the same matches as before
  return relink_duplicates(id, before, keys, duplicate_index_locked());
}

Result<DuplicateKeys> SqliteStore::duplicate_keys_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(std::string("SELECT ") + kDuplicateCandidateColumns +
                                                    " FROM documents WHERE id = ?"));
  s.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return not_found("document " + std::to_string(id) + " does not exist");
  return duplicate_candidate_from_row(s).keys;
}

DuplicateIndex SqliteStore::duplicate_index_locked() {
  auto candidates = [this](const DuplicateKeys& keys) -> Result<std::vector<DuplicateCandidate>> {
    TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
        std::string("SELECT ") + kDuplicateCandidateColumns + " FROM documents WHERE number_key = ? "
        "OR (invoice_date = ? AND total_cents = ?) ORDER BY id"));
    s.bind(1, keys.number_key).bind(2, keys.invoice_date).bind(3, keys.total_cents);
    std::vector<DuplicateCandidate> out;
    for (;;) {
      TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
      if (!row) break;
      out.push_back(duplicate_candidate_from_row(s));
    }
    return out;
  };
  auto set_duplicate_of = [this](std::int64_t id, std::optional<std::int64_t> duplicate_of) -> Status {
    TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("UPDATE documents SET duplicate_of = ? WHERE id = ?"));
    s.bind(1, duplicate_of).bind(2, id);
    return s.run();
  };
  return {candidates, set_duplicate_of};
}

Result<std::vector<SupplierMonthStats>> SqliteStore::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "SELECT COALESCE(supplier, ''), COALESCE(substr(invoice_date, 1, 7), ''), COALESCE(currency, ''), COUNT(*), "
      "COALESCE(SUM(total_ttc), 0), COALESCE(SUM(total_tva), 0) FROM documents WHERE duplicate_of IS NULL "
      "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"));
  std::vector<SupplierMonthStats> out;
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_int(3), s.column_double(4),
                   s.column_double(5)});
  }
  return out;
}

}  // namespace textra::store
