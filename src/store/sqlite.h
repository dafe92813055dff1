// A thin RAII layer over the SQLite C API: a connection, prepared statements with typed binds, and
// errors as Status. Only the store uses it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/sql_session.h"

struct sqlite3;
struct sqlite3_stmt;

namespace textra::store {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQLite.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::optional<double>& value);
  Statement& bind(int index, const std::optional<std::int64_t>& value);

  // Advances: true when a row is available, false when done; errors as Status.
  Result<bool> step();
  Status run();  // steps to completion, for statements without rows

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;
  SqlValue column_value(int index) const;  // typed as SQLite stored it
  int column_count() const;
  int parameter_index(const std::string& name) const;  // 0 when the statement has no such parameter

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status exec(const std::string& sql);
  // Runs body between BEGIN IMMEDIATE (the write lock, taken up front) and COMMIT; rolls back when it fails.
  Status transaction(const std::function<Status()>& body);
  Result<Statement> prepare(const std::string& sql);
  std::int64_t last_insert_id() const;
  int changes() const;

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace textra::store
