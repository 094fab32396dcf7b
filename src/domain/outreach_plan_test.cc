// Tests for the jemput-bola planner: validation, the rules every plan obeys (checked as a
// property over random instances), the preference for weight, the travel rule, the reasons
// given for what is left, determinism and re-planning.
#include "domain/outreach_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/rng.h"

namespace siak {
namespace {

Date D(int year, int month, int day) { return *Date::FromYmd(year, month, day); }

// 2026-01-05 is a Monday.
const Date kMonday = D(2026, 1, 5);

PlanTeam Team(int64_t id, std::string home, int capacity, std::vector<int> weekdays = {1, 2, 3, 4, 5}) {
  return PlanTeam{.id = id,
                  .name = "Tim " + std::to_string(id),
                  .home_district = std::move(home),
                  .capacity_per_day = capacity,
                  .working_weekdays = std::move(weekdays)};
}

PlanInput Basic() {
  return PlanInput{.villages = {{"3204010001", 50, 1.0}, {"3204020001", 40, 2.0}},
                   .teams = {Team(1, "320401", 100)},
                   .from = kMonday,
                   .to = kMonday.AddDays(4),
                   .holidays = {},
                   .max_villages_per_day = 3};
}

int DistrictNumber(const std::string& code) { return std::stoi(code.substr(4, 2)); }

// Checks every rule of the header on a plan; returns the failures, one a line.
std::string Violations(const PlanInput& input, const Plan& plan) {
  std::string out;
  auto fail = [&](const std::string& what) { out += what + "\n"; };
  std::map<int64_t, const PlanTeam*> teams;
  for (const PlanTeam& t : input.teams) teams[t.id] = &t;
  std::map<std::string, const PlanVillage*> villages;
  for (const PlanVillage& v : input.villages) villages[v.code] = &v;
  std::set<Date> holidays(input.holidays.begin(), input.holidays.end());

  struct TeamDay {
    int64_t persons = 0;
    std::set<std::string> villages;
    std::set<std::string> districts;
  };
  std::map<std::pair<int64_t, int64_t>, TeamDay> days;  // (team, day number)
  std::map<std::string, int64_t> planned;
  for (const PlanVisit& v : plan.visits) {
    const std::string at = "team " + std::to_string(v.team_id) + " on " + v.day.ToString() + " at " + v.village_code;
    auto team = teams.find(v.team_id);
    auto village = villages.find(v.village_code);
    if (team == teams.end() || village == villages.end()) {
      fail(at + ": unknown team or village");
      continue;
    }
    if (v.persons <= 0) fail(at + ": a visit plans no one");
    if (v.day < input.from || input.to < v.day) fail(at + ": outside the range");
    const auto& weekdays = team->second->working_weekdays;
    if (std::find(weekdays.begin(), weekdays.end(), IsoWeekday(v.day)) == weekdays.end()) {
      fail(at + ": not a working weekday");
    }
    if (holidays.count(v.day)) fail(at + ": a holiday");
    if (v.village_code.substr(0, 4) != team->second->home_district.substr(0, 4)) fail(at + ": outside the home regency");
    TeamDay& day = days[{v.team_id, v.day.ToDays()}];
    day.persons += v.persons;
    if (!day.villages.insert(v.village_code).second) fail(at + ": the village twice on one day");
    day.districts.insert(v.village_code.substr(0, 6));
    planned[v.village_code] += v.persons;
  }
  for (const auto& [key, day] : days) {
    const std::string at = "team " + std::to_string(key.first) + " on " + Date::FromDays(key.second).ToString();
    if (day.persons > teams[key.first]->capacity_per_day) fail(at + ": over capacity");
    if (static_cast<int>(day.villages.size()) > input.max_villages_per_day) fail(at + ": too many villages");
    if (day.districts.size() != 1) fail(at + ": more than one district");
    // The travel rule: a day that follows a day with visits is in the same or a neighbouring district.
    auto previous = days.find({key.first, key.second - 1});
    if (previous != days.end() && !day.districts.empty() && !previous->second.districts.empty()) {
      const std::string& today = *day.districts.begin();
      const std::string& before = *previous->second.districts.begin();
      if (today.substr(0, 4) != before.substr(0, 4) || std::abs(DistrictNumber(today) - DistrictNumber(before)) > 1) {
        fail(at + ": moved from " + before + " to " + today + " while out");
      }
    }
  }
  // Nothing over-planned; what is left is exactly what `uncovered` lists.
  std::map<std::string, int64_t> uncovered;
  for (const PlanUncovered& u : plan.uncovered) uncovered[u.village_code] = u.persons;
  int64_t total = 0;
  for (const PlanVillage& v : input.villages) {
    total += v.persons;
    const int64_t left = v.persons - planned[v.code];
    if (left < 0) fail(v.code + ": over-planned");
    const int64_t listed = uncovered.count(v.code) ? uncovered[v.code] : 0;
    if (listed != std::max<int64_t>(left, 0)) {
      fail(v.code + ": left " + std::to_string(left) + " but uncovered lists " + std::to_string(listed));
    }
  }
  int64_t planned_total = 0;
  for (const auto& [code, persons] : planned) planned_total += persons;
  if (plan.persons_planned != planned_total) fail("persons_planned does not add up");
  if (plan.persons_total != total) fail("persons_total does not add up");
  return out;
}

// A random instance: two regencies (30 and 8 districts), a third with no team, random teams.
PlanInput RandomInstance(uint64_t seed) {
  Rng rng(seed);
  PlanInput input;
  auto add_regency = [&](const std::string& regency, int districts) {
    for (int d = 1; d <= districts; ++d) {
      const int count = rng.Between(0, 6);
      for (int v = 1; v <= count; ++v) {
        char code[32];
        std::snprintf(code, sizeof code, "%s%02d2%03d", regency.c_str(), d, v);
        input.villages.push_back({code, rng.Between(0, 300), 1.0 + rng.Between(0, 50) / 10.0});
      }
    }
  };
  add_regency("3204", 30);
  add_regency("3205", 8);
  add_regency("3206", 4);
  const int teams = rng.Between(1, 5);
  for (int t = 0; t < teams; ++t) {
    char home[32];
    std::snprintf(home, sizeof home, "%s%02d", rng.Chance(0.7) ? "3204" : "3205", rng.Between(1, 8));
    std::vector<int> weekdays;
    for (int w = 1; w <= 7; ++w) {
      if (rng.Chance(w <= 5 ? 0.8 : 0.3)) weekdays.push_back(w);
    }
    if (weekdays.empty()) weekdays.push_back(rng.Between(1, 7));
    input.teams.push_back(Team(100 - t * 7, home, rng.Between(20, 400), weekdays));
  }
  input.from = kMonday.AddDays(rng.Between(0, 6));
  input.to = input.from.AddDays(rng.Between(0, 25));
  for (int h = 0; h < 3; ++h) input.holidays.push_back(input.from.AddDays(rng.Between(0, 20)));
  input.max_villages_per_day = rng.Between(1, 4);
  return input;
}

TEST(OutreachPlanTest, IsoWeekday) {
  EXPECT_EQ(IsoWeekday(D(1970, 1, 1)), 4);
  EXPECT_EQ(IsoWeekday(kMonday), 1);
  EXPECT_EQ(IsoWeekday(D(2026, 1, 11)), 7);
  EXPECT_EQ(IsoWeekday(D(1969, 12, 28)), 7);
  EXPECT_EQ(IsoWeekday(D(2024, 2, 29)), 4);
}

TEST(OutreachPlanValidationTest, ErrorsNameTheFieldAndTheRule) {
  struct Case {
    const char* name;
    std::function<void(PlanInput&)> change;
    const char* field;
    const char* rule_part;
  } cases[] = {
      {"short village code", [](PlanInput& in) { in.villages[1].code = "320402001"; }, "villages[1].code", "10 digits"},
      {"letters in code", [](PlanInput& in) { in.villages[0].code = "32040100a1"; }, "villages[0].code", "10 digits"},
      {"duplicate village", [](PlanInput& in) { in.villages[1].code = "3204010001"; }, "villages[1].code", "unique"},
      {"negative persons", [](PlanInput& in) { in.villages[0].persons = -1; }, "villages[0].persons", "between 0"},
      {"weight below 1", [](PlanInput& in) { in.villages[1].weight = 0.5; }, "villages[1].weight", ">= 1"},
      {"weight NaN", [](PlanInput& in) { in.villages[1].weight = std::numeric_limits<double>::quiet_NaN(); }, "villages[1].weight", "finite"},
      {"weight infinite", [](PlanInput& in) { in.villages[0].weight = std::numeric_limits<double>::infinity(); }, "villages[0].weight", "finite"},
      {"no teams", [](PlanInput& in) { in.teams.clear(); }, "teams", "at least one"},
      {"duplicate team", [](PlanInput& in) { in.teams.push_back(Team(1, "320402", 10)); }, "teams[1].id", "unique"},
      {"home district", [](PlanInput& in) { in.teams[0].home_district = "3204"; }, "teams[0].home_district", "6 digits"},
      {"capacity 0", [](PlanInput& in) { in.teams[0].capacity_per_day = 0; }, "teams[0].capacity_per_day", "1 and 10000"},
      {"capacity huge", [](PlanInput& in) { in.teams[0].capacity_per_day = 10001; }, "teams[0].capacity_per_day", "10000"},
      {"no weekdays", [](PlanInput& in) { in.teams[0].working_weekdays.clear(); }, "teams[0].working_weekdays", "at least one"},
      {"weekday 0", [](PlanInput& in) { in.teams[0].working_weekdays = {0, 1}; }, "teams[0].working_weekdays", "1 (Monday)"},
      {"weekday 8", [](PlanInput& in) { in.teams[0].working_weekdays = {8}; }, "teams[0].working_weekdays", "7 (Sunday)"},
      {"to before from", [](PlanInput& in) { in.to = in.from.AddDays(-1); }, "to", "not be before"},
      {"range too long", [](PlanInput& in) { in.to = in.from.AddDays(366); }, "to", "366 days"},
      {"villages per day", [](PlanInput& in) { in.max_villages_per_day = 0; }, "max_villages_per_day", "between 1"},
  };
  for (const Case& c : cases) {
    PlanInput input = Basic();
    c.change(input);
    auto plan = MakePlan(input);
    ASSERT_FALSE(plan.ok()) << c.name;
    EXPECT_EQ(plan.status().code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(plan.status().field(), c.field) << c.name << ": " << plan.status().ToString();
    EXPECT_NE(plan.status().rule().find(c.rule_part), std::string::npos) << c.name << ": " << plan.status().ToString();
  }
  // The limits themselves are accepted.
  PlanInput edge = Basic();
  edge.to = edge.from.AddDays(365);
  edge.teams[0].capacity_per_day = 10000;
  edge.villages[0].persons = 0;
  edge.villages[1].weight = 1.0;
  EXPECT_TRUE(MakePlan(edge).ok()) << MakePlan(edge).status().ToString();
}

TEST(OutreachPlanPropertyTest, EveryRuleHoldsOnRandomInstances) {
  int planned_somewhere = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    const PlanInput input = RandomInstance(seed);
    auto plan = MakePlan(input);
    ASSERT_TRUE(plan.ok()) << "seed " << seed << ": " << plan.status().ToString();
    EXPECT_EQ(Violations(input, *plan), "") << "seed " << seed;
    if (plan->persons_planned > 0) ++planned_somewhere;
    // Villages of the regency without a team are out of reach.
    for (const PlanUncovered& u : plan->uncovered) {
      if (u.village_code.starts_with("3206")) {
        EXPECT_EQ(u.reason, UncoveredReason::kOutOfReach) << u.village_code;
      }
    }
  }
  EXPECT_GT(planned_somewhere, 50);  // the instances are not vacuous
}

TEST(OutreachPlanObjectiveTest, PrefersHigherWeightAtEqualPersons) {
  // One working day, room for one village: the heavier one wins, whatever its code or district.
  for (int max_villages : {1, 3}) {
    PlanInput input{.villages = {{"3204010001", 100, 1.0}, {"3204010002", 100, 2.5}, {"3204030001", 100, 2.0}},
                    .teams = {Team(7, "320401", 100)},
                    .from = kMonday,
                    .to = kMonday,
                    .holidays = {},
                    .max_villages_per_day = max_villages};
    auto plan = MakePlan(input);
    ASSERT_TRUE(plan.ok());
    ASSERT_EQ(plan->visits.size(), 1u);
    EXPECT_EQ(plan->visits[0].village_code, "3204010002");
    EXPECT_EQ(plan->visits[0].persons, 100);
    EXPECT_DOUBLE_EQ(plan->weighted_planned, 250.0);
    ASSERT_EQ(plan->uncovered.size(), 2u);
    EXPECT_EQ(plan->uncovered[0].village_code, "3204010001");
    EXPECT_EQ(plan->uncovered[1].village_code, "3204030001");
  }
  // With a second day the next heaviest (in another district, reached from 01 on a new trip
  // after a day off) comes before the lightest.
  PlanInput input{.villages = {{"3204010001", 100, 1.0}, {"3204010002", 100, 2.5}, {"3204090001", 100, 2.0}},
                  .teams = {Team(7, "320401", 100, {1, 3})},
                  .from = kMonday,
                  .to = kMonday.AddDays(2),
                  .holidays = {},
                  .max_villages_per_day = 3};
  auto plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->visits.size(), 2u);
  EXPECT_EQ(plan->visits[1].village_code, "3204090001");
  EXPECT_EQ(plan->visits[1].day, kMonday.AddDays(2));
}

TEST(OutreachPlanCapacityTest, ALargeVillageGetsConsecutiveDaysOfTheSameTeam) {
  PlanInput input{.villages = {{"3204050001", 250, 3.0}, {"3204050002", 30, 1.0}},
                  .teams = {Team(1, "320401", 100), Team(2, "320401", 100)},
                  .from = kMonday,
                  .to = kMonday.AddDays(4),
                  .holidays = {},
                  .max_villages_per_day = 2};
  auto plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Violations(input, *plan), "");
  std::vector<std::tuple<int64_t, Date, int64_t>> big;
  for (const PlanVisit& v : plan->visits) {
    if (v.village_code == "3204050001") big.emplace_back(v.team_id, v.day, v.persons);
  }
  // Monday: each team takes 100 of the big village; Tuesday team 1 (out on a trip, first by
  // id) finishes it and takes the small one.
  int64_t total = 0;
  for (const auto& [team, day, persons] : big) total += persons;
  EXPECT_EQ(total, 250);
  EXPECT_TRUE(plan->uncovered.empty());
  // A single team works the big village on consecutive days.
  PlanInput single = input;
  single.teams = {Team(1, "320401", 100)};
  single.max_villages_per_day = 1;
  plan = MakePlan(single);
  ASSERT_TRUE(plan.ok());
  ASSERT_GE(plan->visits.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(plan->visits[static_cast<size_t>(i)].village_code, "3204050001");
    EXPECT_EQ(plan->visits[static_cast<size_t>(i)].day, kMonday.AddDays(i));
    EXPECT_EQ(plan->visits[static_cast<size_t>(i)].persons, i < 2 ? 100 : 50);
  }
}

TEST(OutreachPlanTravelTest, OutOnATripTheTeamMovesOneDistrictADay) {
  // Monday: the best district (10). Tuesday, still out: only 09, 10 or 11, so 11's light
  // village is taken although 20 is worth more. Wednesday is a holiday: back at the office.
  // Thursday: a new trip may start anywhere in the regency, so 20.
  PlanInput input{.villages = {{"3204100001", 100, 5.0}, {"3204200001", 100, 4.0}, {"3204110001", 100, 1.0}},
                  .teams = {Team(1, "320401", 100)},
                  .from = kMonday,
                  .to = kMonday.AddDays(1),
                  .holidays = {kMonday.AddDays(2)},
                  .max_villages_per_day = 3};
  auto plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->visits.size(), 2u);
  EXPECT_EQ(plan->visits[0].village_code, "3204100001");
  EXPECT_EQ(plan->visits[1].village_code, "3204110001");
  ASSERT_EQ(plan->uncovered.size(), 1u);
  EXPECT_EQ(plan->uncovered[0].village_code, "3204200001");
  EXPECT_EQ(plan->uncovered[0].reason, UncoveredReason::kOutOfCapacity);

  input.to = kMonday.AddDays(3);
  plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Violations(input, *plan), "");
  ASSERT_EQ(plan->visits.size(), 3u);
  EXPECT_EQ(plan->visits[2].village_code, "3204200001");
  EXPECT_EQ(plan->visits[2].day, kMonday.AddDays(3));
  EXPECT_TRUE(plan->uncovered.empty());
  EXPECT_EQ(plan->teams[0].working_days, 3);  // Monday, Tuesday, Thursday
  EXPECT_EQ(plan->teams[0].days_used, 3);
}

TEST(OutreachPlanTravelTest, TwoTeamsReachTheHighPriorityVillagesOfAThirtyDistrictRegency) {
  // A regency of 30 districts, two teams based in 01 and 02, two weeks. Every district has
  // light villages (more than the teams can do); five heavy villages are spread far apart.
  PlanInput input{.villages = {},
                  .teams = {Team(1, "320401", 150), Team(2, "320402", 150)},
                  .from = kMonday,
                  .to = kMonday.AddDays(13),
                  .holidays = {},
                  .max_villages_per_day = 3};
  const std::set<std::string> heavy = {"3204030001", "3204120001", "3204190001", "3204250001", "3204300001"};
  for (int d = 1; d <= 30; ++d) {
    for (int v = 1; v <= 5; ++v) {
      char code[32];
      std::snprintf(code, sizeof code, "3204%02d%04d", d, v);
      const bool is_heavy = heavy.count(code) > 0;
      input.villages.push_back({code, is_heavy ? 220 : 90, is_heavy ? 6.0 : 1.0});
    }
  }
  auto plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Violations(input, *plan), "");
  for (const PlanUncovered& u : plan->uncovered) {
    EXPECT_EQ(heavy.count(u.village_code), 0u) << u.village_code << " left with " << u.persons;
    EXPECT_EQ(u.reason, UncoveredReason::kOutOfCapacity);
  }
  // Five heavy villages of a day and a half each, four trip starts (two teams, two weeks): a
  // team has to return to the office once to reach the fifth. Otherwise the teams are busy.
  for (const PlanTeamSummary& t : plan->teams) {
    EXPECT_EQ(t.working_days, 10);
    EXPECT_GE(t.days_used, 8);
  }
  EXPECT_DOUBLE_EQ(plan->weighted_planned - (plan->persons_planned - 5 * 220), 5 * 220 * 6.0);
}

TEST(OutreachPlanUncoveredTest, ReasonsSayWhyPersonsAreLeft) {
  PlanInput input{.villages = {{"3204010001", 300, 1.0},   // team 1 can do 100 of it
                               {"3205010001", 10, 6.0},    // no team in 3205
                               {"3206010001", 10, 6.0},    // team 3 works Sundays only
                               {"3204010002", 0, 1.0}},    // nothing to do: not listed
                  .teams = {Team(1, "320401", 100), Team(3, "320601", 100, {7})},
                  .from = kMonday,
                  .to = kMonday,
                  .holidays = {},
                  .max_villages_per_day = 3};
  auto plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Violations(input, *plan), "");
  ASSERT_EQ(plan->uncovered.size(), 3u);
  EXPECT_EQ(plan->uncovered[0], (PlanUncovered{"3204010001", 200, UncoveredReason::kOutOfCapacity}));
  EXPECT_EQ(plan->uncovered[1], (PlanUncovered{"3205010001", 10, UncoveredReason::kOutOfReach}));
  EXPECT_EQ(plan->uncovered[2], (PlanUncovered{"3206010001", 10, UncoveredReason::kNoWorkingDays}));
  EXPECT_EQ(UncoveredReasonCode(UncoveredReason::kOutOfCapacity), "out_of_capacity");
  EXPECT_EQ(UncoveredReasonCode(UncoveredReason::kOutOfReach), "out_of_reach");
  EXPECT_EQ(UncoveredReasonCode(UncoveredReason::kNoWorkingDays), "no_working_days");
  EXPECT_FALSE(UncoveredReasonText(UncoveredReason::kOutOfReach).empty());
  EXPECT_EQ(plan->persons_total, 320);
  EXPECT_EQ(plan->persons_planned, 100);

  // A holiday on the only working day is no working day either.
  input.holidays = {kMonday};
  plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->visits.empty());
  EXPECT_EQ(plan->uncovered[0].reason, UncoveredReason::kNoWorkingDays);
  EXPECT_EQ(plan->teams[0].working_days, 0);
}

TEST(OutreachPlanDeterminismTest, SameInputInAnyOrderGivesTheSamePlan) {
  for (uint64_t seed = 100; seed < 110; ++seed) {
    PlanInput input = RandomInstance(seed);
    auto first = MakePlan(input);
    auto again = MakePlan(input);
    ASSERT_TRUE(first.ok() && again.ok());
    EXPECT_EQ(*first, *again) << "seed " << seed;
    std::reverse(input.villages.begin(), input.villages.end());
    std::reverse(input.teams.begin(), input.teams.end());
    Rng rng(seed);
    for (size_t i = input.villages.size(); i > 1; --i) {
      std::swap(input.villages[i - 1], input.villages[rng.Below(static_cast<uint32_t>(i))]);
    }
    auto shuffled = MakePlan(input);
    ASSERT_TRUE(shuffled.ok());
    EXPECT_EQ(*first, *shuffled) << "seed " << seed;
  }
}

TEST(OutreachPlanReplanTest, FewerPersonsAfterOutcomesChangeThePlan) {
  PlanInput input{.villages = {{"3204010001", 150, 3.0}, {"3204010002", 150, 2.0}, {"3204020001", 150, 1.0}},
                  .teams = {Team(1, "320401", 100)},
                  .from = kMonday,
                  .to = kMonday.AddDays(4),
                  .holidays = {},
                  .max_villages_per_day = 3};
  auto before = MakePlan(input);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->persons_planned, 450);
  // Monday and Tuesday went better than planned: from Wednesday, village 0001 is done and
  // 0002 has 20 left; the new plan drops 0001 and plans exactly 20 for 0002.
  input.from = kMonday.AddDays(2);
  input.villages[0].persons = 0;
  input.villages[1].persons = 20;
  auto after = MakePlan(input);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Violations(input, *after), "");
  std::map<std::string, int64_t> planned;
  for (const PlanVisit& v : after->visits) {
    EXPECT_GE(v.day, input.from);
    planned[v.village_code] += v.persons;
  }
  EXPECT_EQ(planned.count("3204010001"), 0u);
  EXPECT_EQ(planned["3204010002"], 20);
  EXPECT_EQ(planned["3204020001"], 150);
  EXPECT_EQ(after->persons_planned, 170);
  EXPECT_TRUE(after->uncovered.empty());
  EXPECT_EQ(after->teams[0].working_days, 3);
}

TEST(OutreachPlanTest, NoVillagesIsAnEmptyPlan) {
  PlanInput input = Basic();
  input.villages.clear();
  auto plan = MakePlan(input);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->visits.empty());
  EXPECT_TRUE(plan->uncovered.empty());
  ASSERT_EQ(plan->teams.size(), 1u);
  EXPECT_EQ(plan->teams[0].working_days, 5);
  EXPECT_EQ(plan->teams[0].days_used, 0);
}

}  // namespace
}  // namespace siak
