// The store's schema for both back ends, as numbered migrations applied in order inside one transaction
// each. The steps are written once; the few type names that differ are filled in per back end, and
// PostgreSQL adds the originals table (every worker machine reads them from the database) and a lease check.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace textra::store {

// What {id}, {bigint} and {real} stand for in the steps.
struct SchemaTypes {
  const char* id;
  const char* bigint;
  const char* real;
};
inline constexpr SchemaTypes kSqliteTypes = {"INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER", "REAL"};
inline constexpr SchemaTypes kPgTypes = {"BIGSERIAL PRIMARY KEY", "BIGINT", "DOUBLE PRECISION"};

// Step i brings the database from version i to i + 1. Append only: never edit a shipped one.
inline const std::vector<const char*> kMigrationSteps = {
    R"sql(
CREATE TABLE documents (
  id {id},
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes {bigint} NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  error TEXT,
  supplier TEXT, invoice_date TEXT, currency TEXT, total_ttc {real}, total_tva {real}
);
CREATE INDEX documents_supplier ON documents(supplier);
CREATE INDEX documents_invoice_date ON documents(invoice_date);
CREATE TABLE results (
  id {id},
  document_id {bigint} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX results_document ON results(document_id);
CREATE TABLE corrections (
  document_id {bigint} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (document_id, path)
);
)sql",
    // The durable job queue: one extraction job per document (job id = document id), kept on the document's
    // row so that a document and its job are written by one statement. status is the job's state too
    // (queued, running, failed = will retry after run_after_ms, dead = gave up). attempts counts claims, so
    // a job whose worker dies with it is still bounded. locked_by/locked_until_ms fence a worker's updates.
    R"sql(
ALTER TABLE documents ADD COLUMN error_code TEXT;
ALTER TABLE documents ADD COLUMN job_params TEXT;
ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN run_after_ms {bigint} NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN queued_at_ms {bigint};
ALTER TABLE documents ADD COLUMN locked_by TEXT;
ALTER TABLE documents ADD COLUMN locked_until_ms {bigint};
CREATE INDEX documents_queue ON documents(status, run_after_ms, id);
)sql",
    // Duplicate detection (store/duplicates.h): the invoice number as summarised, the keys documents are
    // matched by, and the earliest document of the same invoice. Filled for stored documents after migrating.
    R"sql(
ALTER TABLE documents ADD COLUMN invoice_number TEXT;
ALTER TABLE documents ADD COLUMN supplier_key TEXT;
ALTER TABLE documents ADD COLUMN supplier_ids TEXT;
ALTER TABLE documents ADD COLUMN number_key TEXT;
ALTER TABLE documents ADD COLUMN total_cents {bigint};
ALTER TABLE documents ADD COLUMN duplicate_of {bigint};
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_date_total ON documents(invoice_date, total_cents);
)sql",
};

// PostgreSQL's additions, run after the step of the same index.
inline const std::vector<const char*> kPgMigrationAdditions = {
    R"sql(
CREATE TABLE originals (
  sha256 TEXT PRIMARY KEY,
  content BYTEA NOT NULL
);
)sql",
    R"sql(
ALTER TABLE documents ADD CONSTRAINT documents_running_is_leased
  CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_until_ms IS NOT NULL));
)sql",
};

inline std::vector<std::string> schema_migrations(const SchemaTypes& types, const std::vector<const char*>& additions) {
  const std::pair<std::string, const char*> names[] = {{"{id}", types.id}, {"{bigint}", types.bigint},
                                                       {"{real}", types.real}};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < kMigrationSteps.size(); ++i) {
    std::string sql = kMigrationSteps[i];
    for (const auto& [name, type] : names) {
      for (std::size_t at = sql.find(name); at != std::string::npos; at = sql.find(name, at)) sql.replace(at, name.size(), type);
    }
    if (i < additions.size()) sql += additions[i];
    out.push_back(std::move(sql));
  }
  return out;
}

inline const std::vector<std::string> kMigrations = schema_migrations(kSqliteTypes, {});
inline const std::vector<std::string> kPgMigrations = schema_migrations(kPgTypes, kPgMigrationAdditions);

}  // namespace textra::store
