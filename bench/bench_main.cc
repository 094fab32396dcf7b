// Runs the benchmarks, then prints each benchmark's rate as a ratio of its baseline from the
// same run.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>

#include "bench/bench_util.h"

namespace {

class RateCollector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs) {
      if (run.error_occurred || run.run_type != Run::RT_Iteration) continue;
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) rates[run.benchmark_name()] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> rates;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RateCollector reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  std::printf("\n%-44s %-40s %8s  %s\n", "benchmark", "baseline (same run)", "ratio", "meaning");
  for (const auto& pair : siak::bench::RatioPairs()) {
    auto a = reporter.rates.find(pair.name);
    auto b = reporter.rates.find(pair.baseline);
    if (a == reporter.rates.end() || b == reporter.rates.end() || b->second == 0) continue;
    std::printf("%-44s %-40s %8.3f  %s\n", pair.name.c_str(), pair.baseline.c_str(), a->second / b->second,
                pair.meaning.c_str());
  }
  return 0;
}
