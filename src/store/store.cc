#include "store/store.h"

#include "store/migrations.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace siak {

int Store::LatestSchemaVersion() { return AllMigrations().back().version; }

Result<RegionStats> Store::CountRegions() {
  SIAK_ASSIGN_OR_RETURN(std::vector<Region> regions, LoadRegions());
  RegionStats stats;
  for (const auto& r : regions) stats.Count(r);
  return stats;
}

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
