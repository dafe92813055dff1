#include "store/postgres.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cstdio>
#include <cstdlib>

namespace textra::store {
namespace {

std::string last_error(pg_conn* conn) {
  std::string message = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

}  // namespace

PgParam::PgParam(const std::optional<double>& number) {
  if (number) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", *number);
    value = buffer;
  }
}

PgParam PgParam::bytes(std::string_view data) {
  PgParam p{std::string(data)};
  p.binary = true;
  return p;
}

PgResult::~PgResult() {
  if (result_ != nullptr) PQclear(result_);
}
int PgResult::rows() const { return PQntuples(result_); }
int PgResult::columns() const { return PQnfields(result_); }
std::int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(result_);
  return n != nullptr && *n != '\0' ? std::strtoll(n, nullptr, 10) : 0;
}
bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}
std::int64_t PgResult::integer(int row, int column) const {
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}
double PgResult::number(int row, int column) const { return std::strtod(PQgetvalue(result_, row, column), nullptr); }

Result<std::unique_ptr<PgConnection>> PgConnection::connect(const std::string& url) {
  pg_conn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = last_error(conn);
    PQfinish(conn);
    return unavailable("PostgreSQL " + url + ": cannot connect: " + message);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "NOTICE: ..." lines are not ours to print
  return std::unique_ptr<PgConnection>(new PgConnection(url, conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Status PgConnection::ensure_connected() {
  // A server that went away (restarted, killed) has closed an idle connection's socket, often after a last
  // error message, yet libpq only notices when it next reads. Read what is there now, without waiting (a
  // few rounds: the message, then the end), so the statement goes to a fresh connection instead of failing
  // on the dead one.
  for (int round = 0; round < 3 && PQstatus(conn_) == CONNECTION_OK; ++round) {
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    if (fd.fd < 0 || ::poll(&fd, 1, 0) <= 0) break;
    (void)PQconsumeInput(conn_);
  }
  if (PQstatus(conn_) == CONNECTION_OK) return Status::ok();
  if (in_transaction_) return unavailable("PostgreSQL " + url_ + ": connection lost during a transaction");
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return unavailable("PostgreSQL " + url_ + ": " + last_error(conn_));
  return Status::ok();
}

Result<PgResult> PgConnection::exec(const std::string& sql, const std::vector<PgParam>& params) {
  TEXTRA_RETURN_IF_ERROR(ensure_connected());
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  // Without parameters, the simple protocol: it also runs scripts of several statements (migrations).
  PgResult result(params.empty() ? PQexec(conn_, sql.c_str())
                                 : PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                                values.data(), lengths.data(), formats.data(), 0));
  ExecStatusType status = PQresultStatus(result.raw());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    std::string message = last_error(conn_);
    // A lost connection is the machine's trouble (retry later); anything else is a bug of ours.
    if (PQstatus(conn_) != CONNECTION_OK) return unavailable("PostgreSQL " + url_ + ": " + message);
    return internal_error("PostgreSQL: " + message);
  }
  return result;
}

Status PgConnection::transaction(const std::function<Status()>& body) {
  TEXTRA_RETURN_IF_ERROR(exec("BEGIN").status());
  in_transaction_ = true;
  Status done = body();
  in_transaction_ = false;
  if (!done.is_ok()) {
    (void)exec("ROLLBACK");
    return done;
  }
  auto committed = exec("COMMIT");
  return committed.status();
}

Result<bool> PgConnection::wait_for_notification(int timeout_ms) {
  TEXTRA_RETURN_IF_ERROR(ensure_connected());
  auto drain = [&] {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      PQfreemem(n);
      any = true;
    }
    return any;
  };
  if (drain()) return true;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  if (fd.fd < 0) return unavailable("PostgreSQL " + url_ + ": no connection");
  if (::poll(&fd, 1, timeout_ms) <= 0) return false;
  if (PQconsumeInput(conn_) == 0) return unavailable("PostgreSQL " + url_ + ": " + last_error(conn_));
  return drain();
}

}  // namespace textra::store
