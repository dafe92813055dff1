// The store's schema, as numbered migrations applied in order inside one transaction each.
#pragma once

#include <vector>

namespace textra::store {

// kMigrations[i] brings the database from version i to i + 1. Append only: never edit a shipped one.
inline const std::vector<const char*> kMigrations = {
    R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new',
  error TEXT,
  supplier TEXT, invoice_date TEXT, currency TEXT, total_ttc REAL, total_tva REAL
);
CREATE INDEX documents_supplier ON documents(supplier);
CREATE INDEX documents_invoice_date ON documents(invoice_date);
CREATE TABLE results (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX results_document ON results(document_id);
CREATE TABLE corrections (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
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
ALTER TABLE documents ADD COLUMN run_after_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN queued_at_ms INTEGER;
ALTER TABLE documents ADD COLUMN locked_by TEXT;
ALTER TABLE documents ADD COLUMN locked_until_ms INTEGER;
CREATE INDEX documents_queue ON documents(status, run_after_ms, id);
)sql",
    // Duplicate detection (store/duplicates.h): the invoice number as summarised, the keys documents are
    // matched by, and the earliest document of the same invoice. Filled for stored documents after migrating.
    R"sql(
ALTER TABLE documents ADD COLUMN invoice_number TEXT;
ALTER TABLE documents ADD COLUMN supplier_key TEXT;
ALTER TABLE documents ADD COLUMN supplier_ids TEXT;
ALTER TABLE documents ADD COLUMN number_key TEXT;
ALTER TABLE documents ADD COLUMN total_cents INTEGER;
ALTER TABLE documents ADD COLUMN duplicate_of INTEGER;
CREATE INDEX documents_number_key ON documents(number_key);
CREATE INDEX documents_date_total ON documents(invoice_date, total_cents);
)sql",
};

}  // namespace textra::store
