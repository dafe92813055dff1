// A thin RAII layer over libpq: a connection that reconnects when the server went away, parameterised
// statements (text parameters, binary for bytea) and results, errors as Status. Only the store uses it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct pg_conn;
struct pg_result;

namespace textra::store {

// One statement parameter: text (numbers as their decimal text), binary bytes, or NULL.
struct PgParam {
  std::optional<std::string> value;
  bool binary = false;

  PgParam(std::string_view text) : value(std::string(text)) {}  // NOLINT: implicit by design
  PgParam(const char* text) : value(std::string(text)) {}       // NOLINT
  PgParam(const std::string& text) : value(text) {}             // NOLINT
  PgParam(std::int64_t number) : value(std::to_string(number)) {}  // NOLINT
  PgParam(int number) : value(std::to_string(number)) {}           // NOLINT
  PgParam(const std::optional<std::string>& text) : value(text) {}  // NOLINT
  PgParam(const std::optional<double>& number);                     // NOLINT
  PgParam(const std::optional<std::int64_t>& number)                // NOLINT
      : value(number ? std::optional<std::string>(std::to_string(*number)) : std::nullopt) {}
  static PgParam bytes(std::string_view data);
  static PgParam null() { return PgParam(std::optional<std::string>()); }
};

class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  int columns() const;
  std::int64_t affected() const;  // rows changed by an INSERT/UPDATE/DELETE
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;  // bytea columns come back as their raw bytes
  std::int64_t integer(int row, int column) const;
  double number(int row, int column) const;
  pg_result* raw() const { return result_; }

 private:
  pg_result* result_;
};

class PgConnection {
 public:
  // url: postgresql://USER@HOST:PORT/DB (any libpq connection string).
  static Result<std::unique_ptr<PgConnection>> connect(const std::string& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement; a connection found broken (the server closed it, or the last statement lost it) is
  // reset once before the statement is sent, except inside a transaction (the statements before would be
  // lost): that fails as kUnavailable, as does a statement during which the connection is lost (it is not
  // sent again: it may have run).
  Result<PgResult> exec(const std::string& sql, const std::vector<PgParam>& params = {});
  // BEGIN, body, COMMIT; ROLLBACK when the body fails.
  Status transaction(const std::function<Status()>& body);
  // Waits up to timeout_ms for a NOTIFY on a channel this connection LISTENs to; true when one came.
  Result<bool> wait_for_notification(int timeout_ms);

 private:
  PgConnection(std::string url, pg_conn* conn) : url_(std::move(url)), conn_(conn) {}
  Status ensure_connected();

  const std::string url_;
  pg_conn* conn_;
  bool in_transaction_ = false;
};

}  // namespace textra::store
