// The document store: SQLite (WAL, synchronous=FULL, so an acknowledged write survives a kill) in a data
// directory, originals kept as files named by their SHA-256 (the same file uploaded twice is one
// document), extraction results and users' corrections kept side by side, versioned migrations.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::store {

class Database;

struct DocumentRecord {
  std::int64_t id = 0;
  std::string sha256;
  std::string file_name;
  std::string content_type;
  std::int64_t bytes = 0;
  std::string created_at;  // ISO 8601 UTC
  std::string status;      // "new", "extracted", "failed", "reviewed"
  // Summary of the latest result with corrections applied, for listing, filtering and statistics.
  std::optional<std::string> supplier, invoice_date, currency;
  std::optional<double> total_ttc, total_tva;
};

struct AddedDocument {
  DocumentRecord document;
  bool created = false;  // false when the same bytes were stored before
};

struct ListFilter {
  std::optional<std::string> supplier;   // case-insensitive substring
  std::optional<std::string> date_from;  // invoice_date >= (ISO)
  std::optional<std::string> date_to;    // invoice_date <= (ISO)
  std::optional<std::string> status;
  std::optional<std::int64_t> cursor;    // list documents with id < cursor (newest first)
  int limit = 50;
};

struct DocumentPage {
  std::vector<DocumentRecord> documents;
  std::optional<std::int64_t> next;  // cursor of the following page
};

struct SupplierMonthStats {
  std::string supplier, month, currency;  // month "YYYY-MM"; "" when unknown
  std::int64_t count = 0;
  double total_ttc = 0, total_tva = 0;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> open(const std::string& data_dir);
  ~Store();

  Result<AddedDocument> add_document(std::string_view bytes, const std::string& file_name,
                                     const std::string& content_type);
  Result<DocumentRecord> document(std::int64_t id);
  Result<DocumentPage> list(const ListFilter& filter);
  Status remove(std::int64_t id);
  Result<std::string> original_path(std::int64_t id);

  // A result JSON as `textra extract` prints it; status becomes "extracted" (or "failed" with an error).
  Status save_result(std::int64_t id, const nlohmann::json& result);
  Status mark_failed(std::int64_t id, const std::string& error);
  Result<std::optional<nlohmann::json>> latest_result(std::int64_t id);

  // Corrections: {"total_ttc": 12.5, "supplier.name": "ACME"} (field path -> value); merged with earlier ones,
  // a null value removes a correction. Status becomes "reviewed".
  Status save_corrections(std::int64_t id, const nlohmann::json& corrections);
  Result<nlohmann::json> corrections(std::int64_t id);

  Result<std::vector<SupplierMonthStats>> stats();

  static constexpr int kSchemaVersion = 1;

 private:
  Store(std::string dir, std::unique_ptr<Database> db);
  Status migrate();
  Status refresh_summary(std::int64_t id);
  Result<DocumentRecord> document_locked(std::int64_t id);
  Result<nlohmann::json> corrections_locked(std::int64_t id);

  std::string dir_;
  std::unique_ptr<Database> db_;
  std::mutex mutex_;  // one writer at a time; SQLite serialises too, this keeps multi-statement steps atomic
};

// Lower-case hex SHA-256 of bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace textra::store
