#include "store/store.h"

#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace textra::store {

Result<std::unique_ptr<Store>> Store::open(const std::string& data_dir) { return SqliteStore::open(data_dir); }

Result<std::unique_ptr<Store>> Store::open_url(const std::string& url, const std::string& cache_dir) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string dir = url.substr(7);
    if (dir.empty()) return invalid_argument("--store sqlite:DIR needs a folder");
    return SqliteStore::open(dir);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return PostgresStore::open(url, cache_dir);
  }
  return invalid_argument("--store " + url + ": expected sqlite:DIR or postgresql://USER@HOST:PORT/DB");
}

namespace {

// YYYY-MM-DD with a month and day in range: a filter value that is no date would match nothing, silently.
bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

Status check_filter(const ListFilter& filter) {
  if (filter.date_from && !is_iso_date(*filter.date_from)) return invalid_argument("date_from must be a date YYYY-MM-DD");
  if (filter.date_to && !is_iso_date(*filter.date_to)) return invalid_argument("date_to must be a date YYYY-MM-DD");
  if (filter.duplicates && *filter.duplicates != "only" && *filter.duplicates != "exclude") {
    return invalid_argument("duplicates must be only or exclude");
  }
  return Status::ok();
}

}  // namespace textra::store
