// Shared pieces of the benchmarks: every benchmark is paired with a baseline measured in the
// same run, and bench_main prints the ratio of each pair after the run.
#pragma once

#include <string>
#include <vector>

#include "domain/person.h"
#include "domain/region.h"

namespace siak::bench {

// Registers "name is measured against baseline" for the ratio table.
struct RatioPair {
  std::string name;
  std::string baseline;
  std::string meaning;  // what the ratio says
};
std::vector<RatioPair>& RatioPairs();
bool RegisterRatio(std::string name, std::string baseline, std::string meaning);

// Synthetic but valid persons (distinct NIKs) spread over a few villages.
std::vector<Person> SyntheticPersons(int count);
// The official regions, or an empty list (with a printed reason) when the data is absent.
const std::vector<Region>& OfficialRegions();

// A fresh database for one benchmark run ("sqlite" in a temporary directory, or "postgresql" on
// the server $SIAK_BENCH_PG names), migrated to the latest schema; `error` says why not.
struct FreshDb {
  std::string url;
  std::string sqlite_path;
  std::string pg_admin;
  std::string pg_conninfo;
  std::string pg_name;
  std::string dir;
  std::string error;

  static FreshDb Make(const std::string& backend);
  void Drop();
};

}  // namespace siak::bench
