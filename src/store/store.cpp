#include "store/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "base/files.h"
#include "store/migrations.h"
#include "store/sqlite.h"

namespace textra::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

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

const json* find_path(const json& fields, const std::string& dotted) {
  const json* node = &fields;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    std::size_t dot = dotted.find('.', start);
    std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return node;
}

// The value of a field: a user's correction first, else the machine's normalised value.
const json* effective_value(const json& fields, const json& corrections, std::initializer_list<const char*> paths) {
  for (const char* path : paths) {
    if (corrections.contains(path) && !corrections[path].is_null()) return &corrections[path];
    const json* leaf = find_path(fields, path);
    if (leaf != nullptr && leaf->is_object() && leaf->contains("value") && !(*leaf)["value"].is_null()) {
      return &(*leaf)["value"];
    }
  }
  return nullptr;
}

std::optional<std::string> as_text(const json* v) {
  if (v == nullptr) return std::nullopt;
  return v->is_string() ? v->get<std::string>() : v->dump();
}

std::optional<double> as_number(const json* v) {
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->get<double>();
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
  return r;
}

constexpr const char* kRecordColumns =
    "id, sha256, file_name, content_type, bytes, created_at, status, supplier, invoice_date, currency, total_ttc, "
    "total_tva";

}  // namespace

Store::Store(std::string dir, std::unique_ptr<Database> db) : dir_(std::move(dir)), db_(std::move(db)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& data_dir) {
  std::error_code ec;
  fs::create_directories(fs::path(data_dir) / "originals", ec);
  if (ec) return io_error(data_dir + ": cannot create data directory: " + ec.message());
  TEXTRA_ASSIGN_OR_RETURN(auto db, Database::open((fs::path(data_dir) / "textra.db").string()));
  TEXTRA_RETURN_IF_ERROR(db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  std::unique_ptr<Store> store(new Store(data_dir, std::move(db)));
  TEXTRA_RETURN_IF_ERROR(store->migrate());
  return store;
}

Status Store::migrate() {
  TEXTRA_ASSIGN_OR_RETURN(Statement version_query, db_->prepare("PRAGMA user_version"));
  TEXTRA_ASSIGN_OR_RETURN(bool has_row, version_query.step());
  int version = has_row ? static_cast<int>(version_query.column_int(0)) : 0;
  if (version > static_cast<int>(kMigrations.size())) {
    return unsupported(dir_ + ": the store has schema version " + std::to_string(version) +
                       ", newer than this textra (" + std::to_string(kMigrations.size()) + ")");
  }
  for (std::size_t v = static_cast<std::size_t>(version); v < kMigrations.size(); ++v) {
    TEXTRA_RETURN_IF_ERROR(db_->exec("BEGIN IMMEDIATE"));
    Status applied = db_->exec(kMigrations[v]);
    if (applied.is_ok()) applied = db_->exec("PRAGMA user_version = " + std::to_string(v + 1));
    if (!applied.is_ok()) {
      (void)db_->exec("ROLLBACK");
      return applied.with_context("migration " + std::to_string(v + 1));
    }
    TEXTRA_RETURN_IF_ERROR(db_->exec("COMMIT"));
  }
  return Status::ok();
}

Result<AddedDocument> Store::add_document(std::string_view bytes, const std::string& file_name,
                                          const std::string& content_type) {
  std::string hash = sha256_hex(bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement existing, db_->prepare("SELECT id FROM documents WHERE sha256 = ?"));
  existing.bind(1, std::string_view(hash));
  TEXTRA_ASSIGN_OR_RETURN(bool found, existing.step());
  if (found) {
    TEXTRA_ASSIGN_OR_RETURN(DocumentRecord record, document_locked(existing.column_int(0)));
    return AddedDocument{std::move(record), false};
  }
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
  TEXTRA_ASSIGN_OR_RETURN(DocumentRecord record, document_locked(db_->last_insert_id()));
  return AddedDocument{std::move(record), true};
}

Result<DocumentRecord> Store::document(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return document_locked(id);
}

Result<DocumentRecord> Store::document_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(Statement s,
                          db_->prepare(std::string("SELECT ") + kRecordColumns + " FROM documents WHERE id = ?"));
  s.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return not_found("document " + std::to_string(id) + " does not exist");
  return record_from_row(s);
}

namespace {

// YYYY-MM-DD with a month and day in range: a filter value that is no date would match nothing, silently.
bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

Status check_filter(const ListFilter& filter) {
  if (filter.date_from && !is_iso_date(*filter.date_from)) return invalid_argument("date_from must be a date YYYY-MM-DD");
  if (filter.date_to && !is_iso_date(*filter.date_to)) return invalid_argument("date_to must be a date YYYY-MM-DD");
  return Status::ok();
}

}  // namespace

Result<DocumentPage> Store::list(const ListFilter& filter) {
  TEXTRA_RETURN_IF_ERROR(check_filter(filter));
  int limit = std::clamp(filter.limit, 1, 500);
  std::string sql = std::string("SELECT ") + kRecordColumns + " FROM documents WHERE id < ?";
  if (filter.supplier) sql += " AND supplier LIKE '%' || ? || '%'";
  if (filter.date_from) sql += " AND invoice_date >= ?";
  if (filter.date_to) sql += " AND invoice_date <= ?";
  if (filter.status) sql += " AND status = ?";
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

Status Store::remove(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(DocumentRecord record, document_locked(id));
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("DELETE FROM documents WHERE id = ?"));
  s.bind(1, id);
  TEXTRA_RETURN_IF_ERROR(s.run());
  std::error_code ec;  // the row is gone first: a leftover file is harmless, a dangling row is not
  fs::remove(fs::path(dir_) / "originals" / record.sha256, ec);
  return Status::ok();
}

Result<std::string> Store::original_path(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(DocumentRecord record, document(id));
  return (fs::path(dir_) / "originals" / record.sha256).string();
}

Status Store::save_result(std::int64_t id, const json& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  TEXTRA_ASSIGN_OR_RETURN(Statement s,
                          db_->prepare("INSERT INTO results (document_id, json, created_at) VALUES (?, ?, ?)"));
  s.bind(1, id).bind(2, std::string_view(result.dump())).bind(3, std::string_view(now_utc()));
  TEXTRA_RETURN_IF_ERROR(s.run());
  TEXTRA_ASSIGN_OR_RETURN(Statement st, db_->prepare(
      "UPDATE documents SET status = CASE WHEN status = 'reviewed' THEN status ELSE 'extracted' END, error = NULL "
      "WHERE id = ?"));
  st.bind(1, id);
  TEXTRA_RETURN_IF_ERROR(st.run());
  return refresh_summary(id);
}

Status Store::mark_failed(std::int64_t id, const std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("UPDATE documents SET status = 'failed', error = ? WHERE id = ?"));
  s.bind(1, std::string_view(error)).bind(2, id);
  return s.run();
}

Result<std::optional<json>> Store::latest_result(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  TEXTRA_ASSIGN_OR_RETURN(Statement s,
                          db_->prepare("SELECT json FROM results WHERE document_id = ? ORDER BY id DESC LIMIT 1"));
  s.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool found, s.step());
  if (!found) return std::optional<json>();
  json parsed = json::parse(s.column_text(0), nullptr, false);
  if (parsed.is_discarded()) return corrupt("document " + std::to_string(id) + ": stored result is not JSON");
  return std::optional<json>(std::move(parsed));
}

Status Store::save_corrections(std::int64_t id, const json& corrections) {
  if (!corrections.is_object()) return invalid_argument("corrections must be a JSON object of field path -> value");
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  TEXTRA_RETURN_IF_ERROR(db_->exec("BEGIN IMMEDIATE"));
  auto apply = [&]() -> Status {
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
    // Reviewed while corrections exist; removing the last one gives the machine's result back.
    TEXTRA_ASSIGN_OR_RETURN(Statement st, db_->prepare(
        "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = ?1) "
        "THEN 'reviewed' WHEN status = 'reviewed' THEN 'extracted' ELSE status END WHERE id = ?1"));
    st.bind(1, id);
    TEXTRA_RETURN_IF_ERROR(st.run());
    return refresh_summary(id);
  };
  Status applied = apply();
  if (!applied.is_ok()) {
    (void)db_->exec("ROLLBACK");
    return applied;
  }
  return db_->exec("COMMIT");
}

Result<json> Store::corrections(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return corrections_locked(id);
}

Result<json> Store::corrections_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare("SELECT path, value_json FROM corrections WHERE document_id = ?"));
  s.bind(1, id);
  json out = json::object();
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    out[s.column_text(0)] = json::parse(s.column_text(1), nullptr, false);
  }
  return out;
}

Status Store::refresh_summary(std::int64_t id) {
  json fields = json::object();
  TEXTRA_ASSIGN_OR_RETURN(Statement r,
                          db_->prepare("SELECT json FROM results WHERE document_id = ? ORDER BY id DESC LIMIT 1"));
  r.bind(1, id);
  TEXTRA_ASSIGN_OR_RETURN(bool has_result, r.step());
  if (has_result) {
    json result = json::parse(r.column_text(0), nullptr, false);
    if (result.is_object() && result.contains("fields") && result["fields"].is_object()) fields = result["fields"];
  }
  TEXTRA_ASSIGN_OR_RETURN(json fixes, corrections_locked(id));
  // Invoice and receipt schemas name the same things differently.
  TEXTRA_ASSIGN_OR_RETURN(Statement u, db_->prepare(
      "UPDATE documents SET supplier = ?, invoice_date = ?, currency = ?, total_ttc = ?, total_tva = ? WHERE id = ?"));
  u.bind(1, as_text(effective_value(fields, fixes, {"supplier.name", "company"})))
      .bind(2, as_text(effective_value(fields, fixes, {"invoice_date", "date"})))
      .bind(3, as_text(effective_value(fields, fixes, {"currency"})))
      .bind(4, as_number(effective_value(fields, fixes, {"total_ttc", "total"})))
      .bind(5, as_number(effective_value(fields, fixes, {"total_tva"})))
      .bind(6, id);
  return u.run();
}

Result<std::vector<SupplierMonthStats>> Store::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_->prepare(
      "SELECT COALESCE(supplier, ''), COALESCE(substr(invoice_date, 1, 7), ''), COALESCE(currency, ''), COUNT(*), "
      "COALESCE(SUM(total_ttc), 0), COALESCE(SUM(total_tva), 0) FROM documents "
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
