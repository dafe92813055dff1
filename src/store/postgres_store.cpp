#include "store/postgres_store.h"

#include <algorithm>
#include <filesystem>

#include "base/files.h"
#include "store/clock.h"
#include "store/duplicates.h"
#include "store/pg_migrations.h"
#include "store/summary.h"

namespace textra::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kRecordColumns =
    "id, sha256, file_name, content_type, bytes, created_at, status, supplier, invoice_date, currency, total_ttc, "
    "total_tva, error, attempts, error_code, invoice_number, duplicate_of";
constexpr std::int64_t kMigrationLock = 0x7465787472610001;  // pg_advisory_lock key: "textra" + 1
// Held by a transaction that relinks duplicates until it ends: two processes storing copies of one invoice
// at once would otherwise each miss the other's uncommitted row, and neither would be marked.
constexpr std::int64_t kDuplicatesLock = 0x7465787472610002;

DocumentRecord record_from_row(const PgResult& r, int row) {
  DocumentRecord d;
  d.id = r.integer(row, 0);
  d.sha256 = r.text(row, 1);
  d.file_name = r.text(row, 2);
  d.content_type = r.text(row, 3);
  d.bytes = r.integer(row, 4);
  d.created_at = r.text(row, 5);
  d.status = r.text(row, 6);
  if (!r.is_null(row, 7)) d.supplier = r.text(row, 7);
  if (!r.is_null(row, 8)) d.invoice_date = r.text(row, 8);
  if (!r.is_null(row, 9)) d.currency = r.text(row, 9);
  if (!r.is_null(row, 10)) d.total_ttc = r.number(row, 10);
  if (!r.is_null(row, 11)) d.total_tva = r.number(row, 11);
  if (!r.is_null(row, 12)) d.error = r.text(row, 12);
  d.attempts = r.integer(row, 13);
  if (!r.is_null(row, 14)) d.error_code = r.text(row, 14);
  if (!r.is_null(row, 15)) d.invoice_number = r.text(row, 15);
  if (!r.is_null(row, 16)) d.duplicate_of = r.integer(row, 16);
  return d;
}

std::optional<std::string> optional_text(const PgResult& r, int row, int column) {
  return r.is_null(row, column) ? std::nullopt : std::optional<std::string>(r.text(row, column));
}

}  // namespace

DuplicateCandidate duplicate_candidate_from_row(const PgResult& r, int row, int first) {
  DuplicateCandidate c;
  c.id = r.integer(row, first);
  if (!r.is_null(row, first + 1)) c.duplicate_of = r.integer(row, first + 1);
  c.keys.supplier_key = optional_text(r, row, first + 2);
  c.keys.supplier_ids = decode_supplier_ids(optional_text(r, row, first + 3));
  c.keys.number_key = optional_text(r, row, first + 4);
  c.keys.invoice_date = optional_text(r, row, first + 5);
  if (!r.is_null(row, first + 6)) c.keys.total_cents = r.integer(row, first + 6);
  return c;
}

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

Result<DocumentRecord> PostgresStore::document(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return document_locked(id);
}

Result<DocumentRecord> PostgresStore::document_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(std::string("SELECT ") + kRecordColumns +
                                                " FROM documents WHERE id = $1", {id}));
  if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  return record_from_row(r, 0);
}

Result<DocumentPage> PostgresStore::list(const ListFilter& filter) {
  TEXTRA_RETURN_IF_ERROR(check_filter(filter));
  int limit = std::clamp(filter.limit, 1, 500);
  std::vector<PgParam> params = {filter.cursor.value_or(INT64_MAX)};
  std::string sql = std::string("SELECT ") + kRecordColumns + " FROM documents WHERE id < $1";
  auto add = [&](const std::string& condition, const std::string& value) {
    params.emplace_back(value);
    sql += " AND " + condition + "$" + std::to_string(params.size());
  };
  if (filter.supplier) add("supplier ILIKE '%' || ", *filter.supplier);
  if (filter.supplier) sql += " || '%'";
  if (filter.date_from) add("invoice_date >= ", *filter.date_from);
  if (filter.date_to) add("invoice_date <= ", *filter.date_to);
  if (filter.status) add("status = ", *filter.status);
  if (filter.duplicates) sql += *filter.duplicates == "only" ? " AND duplicate_of IS NOT NULL" : " AND duplicate_of IS NULL";
  params.emplace_back(static_cast<std::int64_t>(limit + 1));  // one more tells whether a next page exists
  sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(sql, params));
  DocumentPage page;
  for (int i = 0; i < r.rows(); ++i) page.documents.push_back(record_from_row(r, i));
  if (static_cast<int>(page.documents.size()) > limit) {
    page.documents.pop_back();
    page.next = page.documents.back().id;
  }
  return page;
}

Status PostgresStore::remove(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return db_->transaction([&]() -> Status {
    TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(std::string("DELETE FROM documents WHERE id = $1 RETURNING sha256, ") +
                                                  kDuplicateCandidateColumns, {id}));
    if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
    TEXTRA_RETURN_IF_ERROR(db_->exec("DELETE FROM originals WHERE sha256 = $1", {r.text(0, 0)}).status());
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

Status PostgresStore::save_result(std::int64_t id, const json& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return db_->transaction([&] { return mark_done_locked(id, result); });
}

Status PostgresStore::mark_done_locked(std::int64_t id, const json& result) {
  TEXTRA_RETURN_IF_ERROR(db_->exec(
      "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = $1) "
      "THEN 'reviewed' ELSE 'extracted' END, error = NULL, error_code = NULL, locked_by = NULL, "
      "locked_until_ms = NULL WHERE id = $1", {id}).status());
  TEXTRA_RETURN_IF_ERROR(db_->exec("INSERT INTO results (document_id, json, created_at) VALUES ($1, $2, $3)",
                                   {id, result.dump(), now_utc()}).status());
  return refresh_summary_locked(id);
}

Result<std::optional<json>> PostgresStore::latest_result(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(
      "SELECT json FROM results WHERE document_id = $1 ORDER BY id DESC LIMIT 1", {id}));
  if (r.rows() == 0) return std::optional<json>();
  json parsed = json::parse(r.text(0, 0), nullptr, false);
  if (parsed.is_discarded()) return corrupt("document " + std::to_string(id) + ": stored result is not JSON");
  return std::optional<json>(std::move(parsed));
}

Status PostgresStore::save_corrections(std::int64_t id, const json& corrections) {
  if (!corrections.is_object()) return invalid_argument("corrections must be a JSON object of field path -> value");
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return db_->transaction([&]() -> Status {
    for (const auto& [path, value] : corrections.items()) {
      if (path.empty() || path.size() > 256) return invalid_argument("correction path must be 1-256 characters");
      if (value.is_null()) {
        TEXTRA_RETURN_IF_ERROR(db_->exec("DELETE FROM corrections WHERE document_id = $1 AND path = $2",
                                         {id, path}).status());
        continue;
      }
      TEXTRA_RETURN_IF_ERROR(db_->exec(
          "INSERT INTO corrections (document_id, path, value_json, updated_at) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (document_id, path) DO UPDATE SET value_json = excluded.value_json, "
          "updated_at = excluded.updated_at", {id, path, value.dump(), now_utc()}).status());
    }
    // A pending job keeps its status (the queue reads it); it ends "reviewed" since corrections exist.
    TEXTRA_RETURN_IF_ERROR(db_->exec(
        "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = $1) "
        "THEN 'reviewed' WHEN status = 'reviewed' THEN 'extracted' ELSE status END "
        "WHERE id = $1 AND status NOT IN ('queued', 'running', 'failed')",
        {id}).status());
    return refresh_summary_locked(id);
  });
}

Result<json> PostgresStore::corrections(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return corrections_locked(id);
}

Result<json> PostgresStore::corrections_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec("SELECT path, value_json FROM corrections WHERE document_id = $1",
                                                {id}));
  json out = json::object();
  for (int i = 0; i < r.rows(); ++i) out[r.text(i, 0)] = json::parse(r.text(i, 1), nullptr, false);
  return out;
}

Status PostgresStore::refresh_summary_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(
      "SELECT json FROM results WHERE document_id = $1 ORDER BY id DESC LIMIT 1", {id}));
  json result = r.rows() > 0 ? json::parse(r.text(0, 0), nullptr, false) : json();
  TEXTRA_ASSIGN_OR_RETURN(json fixes, corrections_locked(id));
  Summary s = summarize(result, fixes);
  DuplicateKeys keys = duplicate_keys(s);
  TEXTRA_ASSIGN_OR_RETURN(PgResult old, db_->exec(std::string("SELECT ") + kDuplicateCandidateColumns +
                                                  " FROM documents WHERE id = $1", {id}));
  if (old.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  DuplicateKeys before = duplicate_candidate_from_row(old, 0, 0).keys;
  TEXTRA_RETURN_IF_ERROR(db_->exec(
      "UPDATE documents SET supplier = $1, invoice_date = $2, currency = $3, total_ttc = $4, total_tva = $5, "
      "invoice_number = $6, supplier_key = $7, supplier_ids = $8, number_key = $9, total_cents = $10 WHERE id = $11",
      {s.supplier, s.invoice_date, s.currency, s.total_ttc, s.total_tva, s.invoice_number, keys.supplier_key,
       encode_supplier_ids(keys.supplier_ids), keys.number_key, keys.total_cents, id}).status());
  if (keys == before) return Status::ok();  // the same matches as before
  return relink_duplicates(id, before, keys, duplicate_index_locked());
}

Status PostgresStore::refresh_all_summaries_locked() {
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec("SELECT id FROM documents ORDER BY id"));
  for (int i = 0; i < r.rows(); ++i) TEXTRA_RETURN_IF_ERROR(refresh_summary_locked(r.integer(i, 0)));
  return Status::ok();
}

DuplicateIndex PostgresStore::duplicate_index_locked() {
  auto candidates = [this](const DuplicateKeys& keys) -> Result<std::vector<DuplicateCandidate>> {
    TEXTRA_RETURN_IF_ERROR(db_->exec("SELECT pg_advisory_xact_lock($1)", {kDuplicatesLock}).status());
    TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(
        std::string("SELECT ") + kDuplicateCandidateColumns + " FROM documents WHERE number_key = $1 "
        "OR (invoice_date = $2 AND total_cents = $3) ORDER BY id",
        {keys.number_key, keys.invoice_date, keys.total_cents}));
    std::vector<DuplicateCandidate> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(duplicate_candidate_from_row(r, i, 0));
    return out;
  };
  auto set_duplicate_of = [this](std::int64_t id, std::optional<std::int64_t> duplicate_of) -> Status {
    return db_->exec("UPDATE documents SET duplicate_of = $1 WHERE id = $2", {duplicate_of, id}).status();
  };
  return {candidates, set_duplicate_of};
}

Result<std::vector<SupplierMonthStats>> PostgresStore::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_->exec(
      "SELECT COALESCE(supplier, ''), COALESCE(substr(invoice_date, 1, 7), ''), COALESCE(currency, ''), COUNT(*), "
      "COALESCE(SUM(total_ttc), 0), COALESCE(SUM(total_tva), 0) FROM documents WHERE duplicate_of IS NULL "
      "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"));
  std::vector<SupplierMonthStats> out;
  for (int i = 0; i < r.rows(); ++i) {
    out.push_back({r.text(i, 0), r.text(i, 1), r.text(i, 2), r.integer(i, 3), r.number(i, 4), r.number(i, 5)});
  }
  return out;
}

}  // namespace textra::store
