// NIK validation per second, against the machine's ceiling for the same input: a loop that
// only checks that each string is 16 ASCII digits (reading the input, nothing more).
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "domain/nik.h"

namespace siak::bench {
namespace {

struct NikInput {
  KnownDistricts districts;
  std::vector<std::string> niks;
};

const NikInput& Input() {
  static const NikInput input = [] {
    NikInput in;
    for (const auto& r : OfficialRegions()) {
      if (r.code.level() == RegionLevel::kDistrict) in.districts.Add(r.code.digits());
    }
    if (in.districts.size() == 0) in.districts.Add("327301");
    for (const auto& p : SyntheticPersons(100000)) in.niks.push_back(p.nik.ToString());
    return in;
  }();
  return input;
}

void BM_NikParseFull(benchmark::State& state) {
  const auto& in = Input();
  size_t i = 0, valid = 0;
  for (auto _ : state) {
    auto nik = Nik::Parse(in.niks[i], in.districts);
    valid += nik.ok();
    benchmark::DoNotOptimize(nik);
    if (++i == in.niks.size()) i = 0;
  }
  if (valid == 0) state.SkipWithError("no NIK validated");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_NikParseFull);

void BM_Baseline_SixteenDigitsCheck(benchmark::State& state) {
  const auto& in = Input();
  size_t i = 0, valid = 0;
  for (auto _ : state) {
    const std::string& s = in.niks[i];
    bool ok = s.size() == 16;
    for (char c : s) ok &= c >= '0' && c <= '9';
    valid += ok;
    benchmark::DoNotOptimize(valid);
    if (++i == in.niks.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_Baseline_SixteenDigitsCheck);

const bool kRatio = RegisterRatio("BM_NikParseFull", "BM_Baseline_SixteenDigitsCheck",
                                  "full NIK rules vs only reading 16 digits");

}  // namespace
}  // namespace siak::bench
