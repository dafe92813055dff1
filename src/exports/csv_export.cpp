// CSV exports, UTF-8, RFC 4180. Columns are the union of every document's fields in first-seen order, so
// documents of different schemas share one file with empty cells where a schema lacks a field.
#include <algorithm>
#include <map>

#include "base/csv.h"
#include "exports/writers.h"
#include "fields/flat_values.h"

namespace textra::exports {
namespace {

constexpr const char* kCsvType = "text/csv; charset=utf-8";

using Cells = std::vector<std::pair<std::string, std::string>>;

// Rows of cells to CSV under a header: fixed leading columns, then the union of the cells' names.
std::string table(const std::vector<std::string>& leading, const std::vector<std::vector<std::string>>& leading_cells,
                  const std::vector<Cells>& rows) {
  std::vector<std::string> columns;
  for (const Cells& row : rows) {
    for (const auto& [name, unused] : row) {
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
    }
  }
  std::vector<std::string> header = leading;
  header.insert(header.end(), columns.begin(), columns.end());
  std::string out = csv_row(header);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::map<std::string, std::string> by_name(rows[r].begin(), rows[r].end());
    std::vector<std::string> cells = leading_cells[r];
    for (const std::string& column : columns) cells.push_back(by_name.count(column) ? by_name[column] : "");
    out += csv_row(cells);
  }
  return out;
}

std::string warning_codes(const fields::Extraction& extraction) {
  std::string codes;
  for (const fields::Warning& w : extraction.warnings) codes += (codes.empty() ? "" : ";") + w.code;
  return codes;
}

// Arrays of objects anywhere in the plain values, with their dotted paths ("line_items").
void find_arrays(const fields::Json& value, const std::string& path,
                 std::vector<std::pair<std::string, const fields::Json*>>& out) {
  if (value.is_array()) {
    out.emplace_back(path, &value);
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      find_arrays(it.value(), path.empty() ? it.key() : path + "." + it.key(), out);
    }
  }
}

}  // namespace

ExportFile write_documents_csv(const std::vector<const ExportDocument*>& documents) {
  std::vector<std::vector<std::string>> leading;
  std::vector<Cells> rows;
  for (const ExportDocument* d : documents) {
    leading.push_back({std::to_string(d->id), d->file_name, d->status, d->extraction.schema});
    Cells cells = fields::flat_values(fields::plain_values(d->extraction.fields), fields::ArrayCells::kSkip);
    cells.emplace_back("warnings", warning_codes(d->extraction));
    rows.push_back(std::move(cells));
  }
  return {"documents.csv", kCsvType, table({"id", "file", "status", "schema"}, leading, rows)};
}

ExportFile write_line_items_csv(const std::vector<const ExportDocument*>& documents) {
  std::vector<std::vector<std::string>> leading;
  std::vector<Cells> rows;
  for (const ExportDocument* d : documents) {
    fields::Json plain = fields::plain_values(d->extraction.fields);
    std::vector<std::pair<std::string, const fields::Json*>> arrays;
    find_arrays(plain, "", arrays);
    for (const auto& [path, array] : arrays) {
      for (std::size_t i = 0; i < array->size(); ++i) {
        leading.push_back({std::to_string(d->id), d->file_name, path, std::to_string(i + 1)});
        rows.push_back(fields::flat_values((*array)[i], fields::ArrayCells::kAsJson));
      }
    }
  }
  return {"line-items.csv", kCsvType, table({"id", "file", "field", "line"}, leading, rows)};
}

}  // namespace textra::exports
