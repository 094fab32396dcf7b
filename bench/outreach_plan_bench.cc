// The jemput-bola planner on a province: 6,000 villages in 25 regencies (12-20 districts each,
// persons 0..200, weights 1..6), 20 teams (one in each of 20 regencies, capacity 100-200 a day,
// Monday-Friday, some also Saturday), 30 days with a holiday. The goal is a plan in under 5 s.
//
// Baseline, measured in the same run: sorting the villages by weight x persons, the trivial
// lower bound of any planner that looks at each village's value once. The counter `ratio` is
// plan time / baseline time; the table bench_main prints after the run gives the inverse (plans
// per second over sorts per second), as it does for every pair.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "bench/bench_util.h"
#include "common/rng.h"
#include "domain/outreach_plan.h"

namespace siak::bench {
namespace {

constexpr int kRegencies = 25;
constexpr int kTeams = 20;
constexpr int kDays = 30;

PlanInput Province() {
  Rng rng(20260202);
  PlanInput input;
  for (int r = 1; r <= kRegencies; ++r) {
    const int districts = rng.Between(12, 20);
    for (int d = 1; d <= districts; ++d) {
      // 240 villages a regency on average: 6,000 in all.
      const int villages = rng.Between(1, 2 * 240 / districts - 1);
      for (int v = 1; v <= villages; ++v) {
        char code[32];
        std::snprintf(code, sizeof code, "32%02d%02d2%03d", r, d, v);
        input.villages.push_back({code, rng.Between(0, 200), static_cast<double>(rng.Between(1, 6))});
      }
    }
  }
  for (int t = 0; t < kTeams; ++t) {
    char home[32];
    std::snprintf(home, sizeof home, "32%02d%02d", t + 1, rng.Between(1, 12));
    std::vector<int> weekdays = {1, 2, 3, 4, 5};
    if (t % 4 == 0) weekdays.push_back(6);
    input.teams.push_back(PlanTeam{.id = t + 1,
                                   .name = "Tim " + std::to_string(t + 1),
                                   .home_district = home,
                                   .capacity_per_day = rng.Between(100, 200),
                                   .working_weekdays = weekdays});
  }
  input.from = *Date::FromYmd(2026, 2, 2);  // a Monday
  input.to = input.from.AddDays(kDays - 1);
  input.holidays = {*Date::FromYmd(2026, 2, 17)};
  input.max_villages_per_day = 3;
  return input;
}

const PlanInput& Input() {
  static const PlanInput input = Province();
  return input;
}

void SortByValue(std::vector<PlanVillage>& villages) {
  std::sort(villages.begin(), villages.end(), [](const PlanVillage& a, const PlanVillage& b) {
    const double va = a.weight * static_cast<double>(a.persons);
    const double vb = b.weight * static_cast<double>(b.persons);
    if (va != vb) return va > vb;
    return a.code < b.code;
  });
}

// Seconds for one sort of a copy of the villages, best of `rounds`.
double BaselineSeconds(int rounds) {
  double best = 1e9;
  for (int i = 0; i < rounds; ++i) {
    std::vector<PlanVillage> copy = Input().villages;
    const auto start = std::chrono::steady_clock::now();
    SortByValue(copy);
    benchmark::DoNotOptimize(copy.data());
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

void BM_OutreachPlanProvince(benchmark::State& state) {
  const PlanInput& input = Input();
  const double baseline = BaselineSeconds(20);
  double seconds = 0;
  int64_t runs = 0;
  Plan last;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto plan = MakePlan(input);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++runs;
    if (!plan.ok()) {
      state.SkipWithError(plan.status().ToString().c_str());
      return;
    }
    last = std::move(plan).value();
    benchmark::DoNotOptimize(last.visits.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(input.villages.size()));
  const double per_plan = seconds / static_cast<double>(std::max<int64_t>(runs, 1));
  state.counters["villages"] = static_cast<double>(input.villages.size());
  state.counters["plan_s"] = per_plan;
  state.counters["baseline_s"] = baseline;
  state.counters["ratio"] = per_plan / baseline;
  state.counters["visits"] = static_cast<double>(last.visits.size());
  state.counters["planned_pct"] = 100.0 * static_cast<double>(last.persons_planned) / static_cast<double>(last.persons_total);
  state.counters["weighted_pct"] = 100.0 * last.weighted_planned / last.weighted_total;
  // Persons planned over what the teams could record on all their working days.
  double capacity = 0;
  for (size_t t = 0; t < last.teams.size(); ++t) {
    capacity += static_cast<double>(last.teams[t].working_days) * input.teams[t].capacity_per_day;
  }
  state.counters["capacity_used_pct"] = 100.0 * static_cast<double>(last.persons_planned) / capacity;
}

void BM_Baseline_OutreachPlanSortByValue(benchmark::State& state) {
  const PlanInput& input = Input();
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<PlanVillage> copy = input.villages;
    state.ResumeTiming();
    SortByValue(copy);
    benchmark::DoNotOptimize(copy.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(input.villages.size()));
}

BENCHMARK(BM_OutreachPlanProvince)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Baseline_OutreachPlanSortByValue)->Unit(benchmark::kMillisecond);

const bool kRatios[] = {
    RegisterRatio("BM_OutreachPlanProvince", "BM_Baseline_OutreachPlanSortByValue",
                  "province plans (6,000 villages, 20 teams, 30 days) per second vs sorts of the villages by "
                  "weight x persons; the plan's time over the sort's is the counter `ratio`"),
};

}  // namespace
}  // namespace siak::bench
