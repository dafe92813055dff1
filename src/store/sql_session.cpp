#include "store/sql_session.h"

#include <cstdlib>

#include "store/postgres.h"
#include "store/sqlite.h"

namespace textra::store {

SqlParam::SqlParam(const std::optional<std::string>& text) {
  if (text) value = *text;
}
SqlParam::SqlParam(const std::optional<double>& number) {
  if (number) value = *number;
}
SqlParam::SqlParam(const std::optional<std::int64_t>& number) {
  if (number) value = *number;
}

bool SqlRows::is_null(int row, int column) const {
  return std::holds_alternative<std::monostate>(rows_[row][column]);
}

std::string SqlRows::text(int row, int column) const {
  const SqlValue& cell = rows_[row][column];
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
  if (const auto* number = std::get_if<double>(&cell)) return std::to_string(*number);
  return "";
}

std::optional<std::string> SqlRows::optional_text(int row, int column) const {
  return is_null(row, column) ? std::nullopt : std::optional<std::string>(text(row, column));
}

std::int64_t SqlRows::integer(int row, int column) const {
  const SqlValue& cell = rows_[row][column];
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return *number;
  if (const auto* number = std::get_if<double>(&cell)) return static_cast<std::int64_t>(*number);
  if (const auto* text = std::get_if<std::string>(&cell)) return std::strtoll(text->c_str(), nullptr, 10);
  return 0;
}

double SqlRows::number(int row, int column) const {
  const SqlValue& cell = rows_[row][column];
  if (const auto* number = std::get_if<double>(&cell)) return *number;
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*number);
  if (const auto* text = std::get_if<std::string>(&cell)) return std::strtod(text->c_str(), nullptr);
  return 0;
}

Result<SqlRows> SqliteSession::exec(const std::string& sql, const std::vector<SqlParam>& params) {
  TEXTRA_ASSIGN_OR_RETURN(Statement s, db_.prepare(sql));
  // By name: SQLite numbers "$N" parameters in order of first appearance, not by N.
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = s.parameter_index("$" + std::to_string(i + 1));
    if (index == 0) continue;
    std::visit([&](const auto& v) {
      using T = std::decay_t<decltype(v)>;
      if constexpr (std::is_same_v<T, std::monostate>) s.bind_null(index);
      else if constexpr (std::is_same_v<T, std::string>) s.bind(index, std::string_view(v));
      else s.bind(index, v);
    }, params[i].value);
  }
  std::vector<std::vector<SqlValue>> rows;
  for (;;) {
    TEXTRA_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) break;
    std::vector<SqlValue>& cells = rows.emplace_back();
    for (int c = 0; c < s.column_count(); ++c) cells.push_back(s.column_value(c));
  }
  return SqlRows(std::move(rows), db_.changes());
}

Status SqliteSession::transaction(const std::function<Status()>& body) { return db_.transaction(body); }

Result<SqlRows> PgSession::exec(const std::string& sql, const std::vector<SqlParam>& params) {
  std::vector<PgParam> pg;
  pg.reserve(params.size());
  for (const SqlParam& p : params) {
    std::visit([&](const auto& v) {
      using T = std::decay_t<decltype(v)>;
      if constexpr (std::is_same_v<T, std::monostate>) pg.push_back(PgParam::null());
      else if constexpr (std::is_same_v<T, double>) pg.emplace_back(std::optional<double>(v));
      else pg.emplace_back(v);
    }, p.value);
  }
  TEXTRA_ASSIGN_OR_RETURN(PgResult r, db_.exec(sql, pg));
  int columns = r.columns();
  std::vector<std::vector<SqlValue>> rows(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    for (int c = 0; c < columns; ++c) {
      rows[i].push_back(r.is_null(i, c) ? SqlValue() : SqlValue(r.text(i, c)));
    }
  }
  return SqlRows(std::move(rows), r.affected());
}

Status PgSession::transaction(const std::function<Status()>& body) { return db_.transaction(body); }

}  // namespace textra::store
