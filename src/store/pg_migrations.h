// The PostgreSQL store's schema: the same tables and version numbers as the SQLite one
// (store/migrations.h), in PostgreSQL's dialect, with the originals in the database so that every
// worker machine reads them. kPgMigrations[i] brings version i to i + 1. Append only.
#pragma once

#include <vector>

namespace textra::store {

inline const std::vector<const char*> kPgMigrations = {
    R"sql(
CREATE TABLE documents (
  id BIGSERIAL PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  error TEXT,
  supplier TEXT, invoice_date TEXT, currency TEXT, total_ttc DOUBLE PRECISION, total_tva DOUBLE PRECISION
);
CREATE INDEX documents_supplier ON documents(supplier);
CREATE INDEX documents_invoice_date ON documents(invoice_date);
CREATE TABLE results (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX results_document ON results(document_id);
CREATE TABLE corrections (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (document_id, path)
);
CREATE TABLE originals (
  sha256 TEXT PRIMARY KEY,
  content BYTEA NOT NULL
);
)sql",
    R"sql(
ALTER TABLE documents ADD COLUMN error_code TEXT;
ALTER TABLE documents ADD COLUMN job_params TEXT;
ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN run_after_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN queued_at_ms BIGINT;
ALTER TABLE documents ADD COLUMN locked_by TEXT;
ALTER TABLE documents ADD COLUMN locked_until_ms BIGINT;
CREATE INDEX documents_queue ON documents(status, run_after_ms, id);
ALTER TABLE documents ADD CONSTRAINT documents_running_is_leased
  CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_until_ms IS NOT NULL));
)sql",
    // Duplicate detection (store/duplicates.h): the invoice number as summarised, the keys documents are
    // matched by, and the earliest document of the same invoice. Filled for stored documents after migrating.
    R"sql(
ALTER TABLE documents ADD COLUMN invoice_number TEXT;
ALTER TABLE documents ADD COLUMN supplier_key TEXT;
ALTER TABLE documents ADD COLUMN supplier_ids TEXT;
ALTER TABLE documents ADD COLUMN number_key TEXT;
ALTER TABLE documents ADD COLUMN total_cents BIGINT;
ALTER TABLE documents ADD COLUMN duplicate_of BIGINT;
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_date_total ON documents(invoice_date, total_cents);
)sql",
};

}  // namespace textra::store
