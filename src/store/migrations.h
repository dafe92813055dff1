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
};

}  // namespace textra::store
