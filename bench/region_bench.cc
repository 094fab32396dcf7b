// Region type-ahead over all 108,972 regions: the index against a linear scan of the folded
// names (what a naive type-ahead does on every keystroke), same queries, same run.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "common/text.h"
#include "domain/region_index.h"

namespace siak::bench {
namespace {

// What operators type: prefixes as they type, full names, codes, misspelt case and accents.
const std::vector<std::string> kQueries = {
    "b",       "ba",        "ban",        "band",           "bandung",   "keude bak", "pasi kuala bau",
    "suka",    "sukamaju",  "kota bandu", "32.73",          "3273011",   "JAKARTA",   "tanjung priok",
    "pulau",   "regapuu",   "desa adat",  "kab aceh sel",   "kebon jeruk", "médan"};

const RegionIndex* Index() {
  static const RegionIndex* index = OfficialRegions().empty() ? nullptr : new RegionIndex(OfficialRegions());
  return index;
}

void BM_RegionTypeAhead(benchmark::State& state) {
  const RegionIndex* index = Index();
  if (!index) {
    state.SkipWithError("region data absent");
    return;
  }
  size_t i = 0, found = 0;
  for (auto _ : state) {
    auto matches = index->Find(kQueries[i], 10);
    found += matches.size();
    benchmark::DoNotOptimize(matches);
    if (++i == kQueries.size()) i = 0;
  }
  if (found == 0) state.SkipWithError("no query found anything");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RegionTypeAhead)->Unit(benchmark::kMicrosecond);

void BM_Baseline_RegionLinearScan(benchmark::State& state) {
  if (OfficialRegions().empty()) {
    state.SkipWithError("region data absent");
    return;
  }
  static const std::vector<std::string> folded = [] {
    std::vector<std::string> out;
    for (const auto& r : OfficialRegions()) out.push_back(FoldForSearch(r.name));
    return out;
  }();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const std::string q = FoldForSearch(kQueries[i]);
    size_t hits = 0;
    for (const auto& name : folded) hits += name.find(q) != std::string::npos;
    found += hits;
    benchmark::DoNotOptimize(hits);
    if (++i == kQueries.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Baseline_RegionLinearScan)->Unit(benchmark::kMicrosecond);

void BM_RegionIndexBuild(benchmark::State& state) {
  if (OfficialRegions().empty()) {
    state.SkipWithError("region data absent");
    return;
  }
  for (auto _ : state) {
    RegionIndex index(OfficialRegions());
    benchmark::DoNotOptimize(index);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_RegionIndexBuild)->Unit(benchmark::kMillisecond);

const bool kRatio = RegisterRatio("BM_RegionTypeAhead", "BM_Baseline_RegionLinearScan",
                                  "queries/s of the index vs a linear scan of all names");

}  // namespace
}  // namespace siak::bench
