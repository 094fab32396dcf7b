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

}  // namespace siak::bench
