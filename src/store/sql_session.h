// The SQL the two back ends share: one statement text with $1-style parameters (SQLite binds them by
// name, PostgreSQL by number), rows of typed cells, and the few dialect differences. Only the store uses it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"

namespace textra::store {

class Database;
class PgConnection;

// A parameter or a cell: NULL, an integer, a number or text.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

struct SqlParam {
  SqlValue value;

  SqlParam(std::int64_t number) : value(number) {}                 // NOLINT: implicit by design
  SqlParam(int number) : value(std::int64_t{number}) {}            // NOLINT
  SqlParam(std::string text) : value(std::move(text)) {}           // NOLINT
  SqlParam(const char* text) : value(std::string(text)) {}         // NOLINT
  SqlParam(const std::optional<std::string>& text);                // NOLINT
  SqlParam(const std::optional<double>& number);                   // NOLINT
  SqlParam(const std::optional<std::int64_t>& number);             // NOLINT
};

// The rows a statement returned. PostgreSQL gives every cell as text; the accessors convert.
class SqlRows {
 public:
  SqlRows(std::vector<std::vector<SqlValue>> rows, std::int64_t affected)
      : rows_(std::move(rows)), affected_(affected) {}
  int rows() const { return static_cast<int>(rows_.size()); }
  std::int64_t affected() const { return affected_; }  // rows changed by an INSERT/UPDATE/DELETE
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  double number(int row, int column) const;

 private:
  std::vector<std::vector<SqlValue>> rows_;
  std::int64_t affected_;
};

class SqlSession {
 public:
  virtual ~SqlSession() = default;
  virtual Result<SqlRows> exec(const std::string& sql, const std::vector<SqlParam>& params = {}) = 0;
  // BEGIN, body, COMMIT; ROLLBACK when the body fails.
  virtual Status transaction(const std::function<Status()>& body) = 0;
};

// What differs in the statements the back ends share.
struct Dialect {
  std::string like;  // case-insensitive substring match: SQLite's LIKE is so for ASCII, PostgreSQL's ILIKE
  // Run before reading duplicate candidates, held to the end of the transaction ("" when the writer lock of
  // the transaction already serialises them, as SQLite's does).
  std::string duplicates_lock;
  // Appended to the SELECT that picks a job to claim, and to those that read a claimed job before updating it
  // (" FOR UPDATE SKIP LOCKED", " FOR UPDATE"; "" where the transaction holds the one writer lock).
  std::string claim_lock, row_lock;
  std::string notify_jobs;  // wakes idle workers of other processes when jobs were queued ("" when none)
};

// Sessions over a connection that outlives them.
class SqliteSession final : public SqlSession {
 public:
  explicit SqliteSession(Database& db) : db_(db) {}
  Result<SqlRows> exec(const std::string& sql, const std::vector<SqlParam>& params = {}) override;
  Status transaction(const std::function<Status()>& body) override;

 private:
  Database& db_;
};

class PgSession final : public SqlSession {
 public:
  explicit PgSession(PgConnection& db) : db_(db) {}
  Result<SqlRows> exec(const std::string& sql, const std::vector<SqlParam>& params = {}) override;
  Status transaction(const std::function<Status()>& body) override;

 private:
  PgConnection& db_;
};

}  // namespace textra::store
