#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace siak {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) return Status::Invalid("store", std::string(url), "sqlite: needs a file path, e.g. sqlite:var/siak.db");
    return OpenSqliteStore(path);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return OpenPostgresStore(std::string(url));
  if (url.starts_with("postgres:")) return OpenPostgresStore(std::string(url.substr(9)));
  return Status::Invalid("store", std::string(url),
                         "must start with sqlite:, postgresql:// or postgres: (a libpq connection string)");
}

}  // namespace siak
