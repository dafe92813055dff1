#include "store/sqlite.h"

#include <sqlite3.h>

namespace textra::store {

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}
Statement& Statement::bind(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bind_null(index);
}
Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return io_error(std::string("database: ") + sqlite3_errmsg(db_));
}

Status Statement::run() {
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, step());
    if (!row) return Status::ok();
  }
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }
double Statement::column_double(int index) const { return sqlite3_column_double(stmt_, index); }
bool Statement::column_is_null(int index) const { return sqlite3_column_type(stmt_, index) == SQLITE_NULL; }
std::string Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), size);
}

SqlValue Statement::column_value(int index) const {
  switch (sqlite3_column_type(stmt_, index)) {
    case SQLITE_NULL: return std::monostate();
    case SQLITE_INTEGER: return column_int(index);
    case SQLITE_FLOAT: return column_double(index);
    default: return column_text(index);
  }
}
int Statement::column_count() const { return sqlite3_column_count(stmt_); }
int Statement::parameter_index(const std::string& name) const {
  return sqlite3_bind_parameter_index(stmt_, name.c_str());
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return io_error(path + ": cannot open database: " + message);
  }
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Database>(new Database(db));
}

Database::~Database() { sqlite3_close(db_); }

Status Database::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    return io_error("database: " + message);
  }
  return Status::ok();
}

Status Database::transaction(const std::function<Status()>& body) {
  TEXTRA_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  Status done = body();
  if (!done.is_ok()) {
    (void)exec("ROLLBACK");
    return done;
  }
  Status committed = exec("COMMIT");
  if (!committed.is_ok()) (void)exec("ROLLBACK");
  return committed;
}

Result<Statement> Database::prepare(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return internal_error(std::string("database: cannot prepare statement: ") + sqlite3_errmsg(db_));
  }
  return Statement(db_, stmt);
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

}  // namespace textra::store
