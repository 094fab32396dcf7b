// The SQLite backend: the embedded default, one file, WAL journal.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace siak {

// Opens (creating if missing) the database file at `path` and its parent folder.
// synchronous=FULL: a commit the caller saw survives a power cut, not only a crash.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace siak
