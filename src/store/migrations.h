// The numbered schema migrations. Each has an up and a down script per backend, written to
// the same effect: after any sequence of Migrate() calls both backends hold the same tables,
// columns, keys and rules (tests/store checks this). A new migration is appended here with
// the next number; a published migration is never edited.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "common/status.h"

namespace siak {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sqlite_up;
  std::string_view sqlite_down;
  std::string_view postgres_up;
  std::string_view postgres_down;
};

std::span<const Migration> AllMigrations();

// The PostgreSQL partition of `person` that holds a province's residents ("person_p32"), or
// the default partition for a code without one. Names a table made by migration 2.
std::string PostgresPersonPartition(std::string_view province_code);

// Steps from `current` to `target` one migration at a time (up, or down in reverse order),
// calling `apply` for each; `apply` runs one step in one transaction and records it.
// Stops at the first failure, leaving the store at the last completed step.
Status MigrateTo(int current, int target, const std::function<Status(const Migration&, bool up)>& apply);

}  // namespace siak
