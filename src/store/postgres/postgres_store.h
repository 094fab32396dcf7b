// The PostgreSQL backend (libpq): the production store. Persons are partitioned by province.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace siak {

// `conninfo` is a libpq connection string or URI.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo);

}  // namespace siak
