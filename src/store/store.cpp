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

}  // namespace textra::store
