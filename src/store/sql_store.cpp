#include "store/sql_store.h"

#include <algorithm>

#include "store/clock.h"
#include "store/summary.h"

namespace textra::store {
using nlohmann::json;

namespace {

constexpr const char* kRecordColumns =
    "id, sha256, file_name, content_type, bytes, created_at, status, supplier, invoice_date, currency, total_ttc, "
    "total_tva, error, attempts, error_code, invoice_number, duplicate_of";

DocumentRecord record_from_row(const SqlRows& r, int row) {
  DocumentRecord d;
  d.id = r.integer(row, 0);
  d.sha256 = r.text(row, 1);
  d.file_name = r.text(row, 2);
  d.content_type = r.text(row, 3);
  d.bytes = r.integer(row, 4);
  d.created_at = r.text(row, 5);
  d.status = r.text(row, 6);
  d.supplier = r.optional_text(row, 7);
  d.invoice_date = r.optional_text(row, 8);
  d.currency = r.optional_text(row, 9);
  if (!r.is_null(row, 10)) d.total_ttc = r.number(row, 10);
  if (!r.is_null(row, 11)) d.total_tva = r.number(row, 11);
  d.error = r.optional_text(row, 12);
  d.attempts = r.integer(row, 13);
  d.error_code = r.optional_text(row, 14);
  d.invoice_number = r.optional_text(row, 15);
  if (!r.is_null(row, 16)) d.duplicate_of = r.integer(row, 16);
  return d;
}

// Adds the corrections of rows (path, value_json) to out; a NULL path (the row of a document without
// corrections) adds nothing.
void add_corrections(const SqlRows& r, json& out) {
  for (int i = 0; i < r.rows(); ++i) {
    if (!r.is_null(i, 0)) out[r.text(i, 0)] = json::parse(r.text(i, 1), nullptr, false);
  }
}

}  // namespace

DuplicateCandidate duplicate_candidate_from_row(const SqlRows& r, int row, int first) {
  DuplicateCandidate c;
  c.id = r.integer(row, first);
  if (!r.is_null(row, first + 1)) c.duplicate_of = r.integer(row, first + 1);
  c.keys.supplier_key = r.optional_text(row, first + 2);
  c.keys.supplier_ids = decode_supplier_ids(r.optional_text(row, first + 3));
  c.keys.number_key = r.optional_text(row, first + 4);
  c.keys.invoice_date = r.optional_text(row, first + 5);
  if (!r.is_null(row, first + 6)) c.keys.total_cents = r.integer(row, first + 6);
  return c;
}

Result<DocumentRecord> SqlStore::document(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return document_locked(id);
}

Result<DocumentRecord> SqlStore::document_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(std::string("SELECT ") + kRecordColumns +
                                                " FROM documents WHERE id = $1", {id}));
  if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  return record_from_row(r, 0);
}

Result<DocumentPage> SqlStore::list(const ListFilter& filter) {
  TEXTRA_RETURN_IF_ERROR(check_filter(filter));
  int limit = std::clamp(filter.limit, 1, 500);
  std::vector<SqlParam> params = {filter.cursor.value_or(INT64_MAX)};
  std::string sql = std::string("SELECT ") + kRecordColumns + " FROM documents WHERE id < $1";
  auto add = [&](const std::string& condition, const std::string& value) {
    params.emplace_back(value);
    sql += " AND " + condition + "$" + std::to_string(params.size());
  };
  if (filter.supplier) add("supplier " + dialect_.like + " '%' || ", *filter.supplier);
  if (filter.supplier) sql += " || '%'";
  if (filter.date_from) add("invoice_date >= ", *filter.date_from);
  if (filter.date_to) add("invoice_date <= ", *filter.date_to);
  if (filter.status) add("status = ", *filter.status);
  if (filter.duplicates) sql += *filter.duplicates == "only" ? " AND duplicate_of IS NOT NULL" : " AND duplicate_of IS NULL";
  params.emplace_back(static_cast<std::int64_t>(limit + 1));  // one more tells whether a next page exists
  sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(sql, params));
  DocumentPage page;
  for (int i = 0; i < r.rows(); ++i) page.documents.push_back(record_from_row(r, i));
  if (static_cast<int>(page.documents.size()) > limit) {
    page.documents.pop_back();
    page.next = page.documents.back().id;
  }
  return page;
}

Status SqlStore::save_result(std::int64_t id, const json& result) {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return sql_->transaction([&] { return mark_done_locked(id, result); });
}

Status SqlStore::mark_done_locked(std::int64_t id, const json& result) {
  TEXTRA_RETURN_IF_ERROR(sql_->exec(
      "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = $1) "
      "THEN 'reviewed' ELSE 'extracted' END, error = NULL, error_code = NULL, locked_by = NULL, "
      "locked_until_ms = NULL WHERE id = $1", {id}).status());
  TEXTRA_RETURN_IF_ERROR(sql_->exec("INSERT INTO results (document_id, json, created_at) VALUES ($1, $2, $3)",
                                    {id, result.dump(), now_utc()}).status());
  return refresh_summary_locked(id);
}

Result<std::optional<json>> SqlStore::latest_result(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One statement tells a missing document (no row) from one without a result (a NULL): exports read
  // every document's result, and a separate existence query cost them a quarter of their time.
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "SELECT r.json FROM documents d LEFT JOIN results r ON r.document_id = d.id WHERE d.id = $1 "
      "ORDER BY r.id DESC LIMIT 1", {id}));
  if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  if (r.is_null(0, 0)) return std::optional<json>();
  json parsed = json::parse(r.text(0, 0), nullptr, false);
  if (parsed.is_discarded()) return corrupt("document " + std::to_string(id) + ": stored result is not JSON");
  return std::optional<json>(std::move(parsed));
}

Status SqlStore::save_corrections(std::int64_t id, const json& corrections) {
  if (!corrections.is_object()) return invalid_argument("corrections must be a JSON object of field path -> value");
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_RETURN_IF_ERROR(document_locked(id).status());
  return sql_->transaction([&]() -> Status {
    for (const auto& [path, value] : corrections.items()) {
      if (path.empty() || path.size() > 256) return invalid_argument("correction path must be 1-256 characters");
      if (value.is_null()) {
        TEXTRA_RETURN_IF_ERROR(sql_->exec("DELETE FROM corrections WHERE document_id = $1 AND path = $2",
                                          {id, path}).status());
        continue;
      }
      TEXTRA_RETURN_IF_ERROR(sql_->exec(
          "INSERT INTO corrections (document_id, path, value_json, updated_at) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (document_id, path) DO UPDATE SET value_json = excluded.value_json, "
          "updated_at = excluded.updated_at", {id, path, value.dump(), now_utc()}).status());
    }
    // A pending job keeps its status (the queue reads it); it ends "reviewed" since corrections exist.
    // Removing the last correction gives the machine's result back: "extracted" again.
    TEXTRA_RETURN_IF_ERROR(sql_->exec(
        "UPDATE documents SET status = CASE WHEN EXISTS (SELECT 1 FROM corrections WHERE document_id = $1) "
        "THEN 'reviewed' WHEN status = 'reviewed' THEN 'extracted' ELSE status END "
        "WHERE id = $1 AND status NOT IN ('queued', 'running', 'failed')", {id}).status());
    return refresh_summary_locked(id);
  });
}

Result<json> SqlStore::corrections(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  // As latest_result: no row for a missing document, one NULL row for a document without corrections.
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "SELECT c.path, c.value_json FROM documents d LEFT JOIN corrections c ON c.document_id = d.id "
      "WHERE d.id = $1", {id}));
  if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  json out = json::object();
  add_corrections(r, out);
  return out;
}

Result<json> SqlStore::corrections_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec("SELECT path, value_json FROM corrections WHERE document_id = $1",
                                                {id}));
  json out = json::object();
  add_corrections(r, out);
  return out;
}

Result<DuplicateKeys> SqlStore::duplicate_keys_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(std::string("SELECT ") + kDuplicateCandidateColumns +
                                                " FROM documents WHERE id = $1", {id}));
  if (r.rows() == 0) return not_found("document " + std::to_string(id) + " does not exist");
  return duplicate_candidate_from_row(r, 0, 0).keys;
}

Status SqlStore::refresh_summary_locked(std::int64_t id) {
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
      "SELECT json FROM results WHERE document_id = $1 ORDER BY id DESC LIMIT 1", {id}));
  json result = r.rows() > 0 ? json::parse(r.text(0, 0), nullptr, false) : json();
  TEXTRA_ASSIGN_OR_RETURN(json fixes, corrections_locked(id));
  Summary s = summarize(result, fixes);
  DuplicateKeys keys = duplicate_keys(s);
  TEXTRA_ASSIGN_OR_RETURN(DuplicateKeys before, duplicate_keys_locked(id));
  TEXTRA_RETURN_IF_ERROR(sql_->exec(
      "UPDATE documents SET supplier = $1, invoice_date = $2, currency = $3, total_ttc = $4, total_tva = $5, "
      "invoice_number = $6, supplier_key = $7, supplier_ids = $8, number_key = $9, total_cents = $10 WHERE id = $11",
      {s.supplier, s.invoice_date, s.currency, s.total_ttc, s.total_tva, s.invoice_number, keys.supplier_key,
       encode_supplier_ids(keys.supplier_ids), keys.number_key, keys.total_cents, id}).status());
  if (keys == before) return Status::ok();  // the same matches as before
  return relink_duplicates(id, before, keys, duplicate_index_locked());
}

Status SqlStore::refresh_all_summaries_locked() {
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec("SELECT id FROM documents ORDER BY id"));
  for (int i = 0; i < r.rows(); ++i) TEXTRA_RETURN_IF_ERROR(refresh_summary_locked(r.integer(i, 0)));
  return Status::ok();
}

DuplicateIndex SqlStore::duplicate_index_locked() {
  auto candidates = [this](const DuplicateKeys& keys) -> Result<std::vector<DuplicateCandidate>> {
    if (!dialect_.duplicates_lock.empty()) TEXTRA_RETURN_IF_ERROR(sql_->exec(dialect_.duplicates_lock).status());
    TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
        std::string("SELECT ") + kDuplicateCandidateColumns + " FROM documents WHERE number_key = $1 "
        "OR (invoice_date = $2 AND total_cents = $3) ORDER BY id",
        {keys.number_key, keys.invoice_date, keys.total_cents}));
    std::vector<DuplicateCandidate> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(duplicate_candidate_from_row(r, i, 0));
    return out;
  };
  auto set_duplicate_of = [this](std::int64_t id, std::optional<std::int64_t> duplicate_of) -> Status {
    return sql_->exec("UPDATE documents SET duplicate_of = $1 WHERE id = $2", {duplicate_of, id}).status();
  };
  return {candidates, set_duplicate_of};
}

Result<std::vector<SupplierMonthStats>> SqlStore::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  TEXTRA_ASSIGN_OR_RETURN(SqlRows r, sql_->exec(
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
