#include "bench/bench_util.h"

#include <cstdio>
#include <cstdlib>

#include "app/import_regions.h"
#include "tests/support/synthetic_person.h"

namespace siak::bench {

std::vector<RatioPair>& RatioPairs() {
  static std::vector<RatioPair> pairs;
  return pairs;
}

bool RegisterRatio(std::string name, std::string baseline, std::string meaning) {
  RatioPairs().push_back({std::move(name), std::move(baseline), std::move(meaning)});
  return true;
}

std::vector<Person> SyntheticPersons(int count) {
  static const char* kVillages[] = {"3273011001", "3273011002", "1101012001", "3204052003", "7371011004"};
  std::vector<Person> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) out.push_back(testing::SyntheticPerson(i, kVillages[i % 5]));
  return out;
}

const std::vector<Region>& OfficialRegions() {
  static const std::vector<Region> regions = [] {
    const char* dir = std::getenv("SIAK_REGION_DATA");
    std::string path = dir ? dir : "third_party/regions/node_modules/idn-area-data/data";
    auto r = ReadRegionCsvs(path);
    if (!r.ok()) {
      std::fprintf(stderr, "region benchmarks skipped: %s\n", r.status().ToString().c_str());
      return std::vector<Region>{};
    }
    return std::move(r).value();
  }();
  return regions;
}

}  // namespace siak::bench
