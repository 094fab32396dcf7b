#include "domain/outreach_plan.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

namespace siak {
namespace {

constexpr int64_t kMaxPersons = 1'000'000'000;
constexpr int kMaxCapacity = 10'000;
constexpr int kMaxVillagesPerDay = 50;
constexpr int64_t kMaxRangeDays = 366;

bool IsDigits(std::string_view text, size_t length) {
  if (text.size() != length) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Indexed(std::string_view list, size_t index, std::string_view field) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(field);
}

std::string FormatReal(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

Status ValidateVillages(const std::vector<PlanVillage>& villages) {
  std::map<std::string_view, size_t> seen;
  for (size_t i = 0; i < villages.size(); ++i) {
    const PlanVillage& v = villages[i];
    if (!IsDigits(v.code, 10)) {
      return Status::Invalid(Indexed("villages", i, "code"), v.code, "must be a village code of 10 digits");
    }
    auto [it, fresh] = seen.emplace(v.code, i);
    if (!fresh) {
      return Status::Invalid(Indexed("villages", i, "code"), v.code,
                             "must be unique (also at villages[" + std::to_string(it->second) + "])");
    }
    if (v.persons < 0 || v.persons > kMaxPersons) {
      return Status::Invalid(Indexed("villages", i, "persons"), std::to_string(v.persons),
                             "must be between 0 and 1000000000");
    }
    if (!std::isfinite(v.weight) || !(v.weight >= 1.0)) {
      return Status::Invalid(Indexed("villages", i, "weight"), FormatReal(v.weight),
                             "must be a finite number >= 1");
    }
  }
  return Status::Ok();
}

Status ValidateTeams(const std::vector<PlanTeam>& teams) {
  if (teams.empty()) return Status::Invalid("teams", "0 teams", "must list at least one team");
  std::map<int64_t, size_t> seen;
  for (size_t i = 0; i < teams.size(); ++i) {
    const PlanTeam& t = teams[i];
    auto [it, fresh] = seen.emplace(t.id, i);
    if (!fresh) {
      return Status::Invalid(Indexed("teams", i, "id"), std::to_string(t.id),
                             "must be unique (also at teams[" + std::to_string(it->second) + "])");
    }
    if (!IsDigits(t.home_district, 6)) {
      return Status::Invalid(Indexed("teams", i, "home_district"), t.home_district,
                             "must be a district code of 6 digits");
    }
    if (t.capacity_per_day < 1 || t.capacity_per_day > kMaxCapacity) {
      return Status::Invalid(Indexed("teams", i, "capacity_per_day"), std::to_string(t.capacity_per_day),
                             "must be between 1 and 10000 persons a day");
    }
    if (t.working_weekdays.empty()) {
      return Status::Invalid(Indexed("teams", i, "working_weekdays"), "", "must list at least one weekday");
    }
    for (int weekday : t.working_weekdays) {
      if (weekday < 1 || weekday > 7) {
        return Status::Invalid(Indexed("teams", i, "working_weekdays"), std::to_string(weekday),
                               "each weekday must be 1 (Monday) to 7 (Sunday)");
      }
    }
  }
  return Status::Ok();
}

Status Validate(const PlanInput& input) {
  SIAK_RETURN_IF_ERROR(ValidateVillages(input.villages));
  SIAK_RETURN_IF_ERROR(ValidateTeams(input.teams));
  if (input.to < input.from) {
    return Status::Invalid("to", input.to.ToString(), "must not be before from (" + input.from.ToString() + ")");
  }
  if (input.to.ToDays() - input.from.ToDays() + 1 > kMaxRangeDays) {
    return Status::Invalid("to", input.to.ToString(), "the range from..to must span at most 366 days");
  }
  if (input.max_villages_per_day < 1 || input.max_villages_per_day > kMaxVillagesPerDay) {
    return Status::Invalid("max_villages_per_day", std::to_string(input.max_villages_per_day),
                           "must be between 1 and 50");
  }
  return Status::Ok();
}

// The planner's working state. Indices, not pointers; everything ordered by code so that the
// plan does not depend on the order of the input.
struct VillageState {
  std::string code;
  double weight = 1;
  int64_t persons = 0;    // as given
  int64_t remaining = 0;  // not yet planned
};

struct Pick {
  int village = 0;
  int64_t persons = 0;
};

struct DayFill {
  double value = 0;
  std::vector<Pick> picks;
};

struct DistrictState {
  std::string code;
  std::vector<int> villages;  // by code; only villages with persons remaining
  int64_t version = 0;        // bumped whenever `villages` or their remaining persons change
  // The last fill computed, valid while version and the team's limits match.
  int64_t cached_version = -1;
  int64_t cached_capacity = -1;
  DayFill cached;
};

struct RegencyState {
  int by_number[100];  // district index by 2-digit district number, or -1
  std::vector<int> districts;  // by number
};

struct TeamState {
  const PlanTeam* team = nullptr;
  int regency = -1;  // -1: no village in the home regency
  bool weekday[8] = {};
  bool out_yesterday = false;  // had visits on the previous calendar day
  int last_district = -1;
  PlanTeamSummary summary;
};

class Planner {
 public:
  explicit Planner(const PlanInput& input) : input_(input) {}

  Plan Run() {
    Index();
    Plan plan;
    Schedule(plan);
    Summarise(plan);
    return plan;
  }

 private:
  void Index() {
    std::vector<const PlanVillage*> sorted;
    sorted.reserve(input_.villages.size());
    for (const PlanVillage& v : input_.villages) sorted.push_back(&v);
    std::sort(sorted.begin(), sorted.end(), [](const PlanVillage* a, const PlanVillage* b) { return a->code < b->code; });
    std::map<std::string, int> district_index;
    for (const PlanVillage* v : sorted) {
      const int index = static_cast<int>(villages_.size());
      villages_.push_back({v->code, v->weight, v->persons, v->persons});
      const std::string district = v->code.substr(0, 6);
      auto [it, fresh] = district_index.emplace(district, static_cast<int>(districts_.size()));
      if (fresh) {
        DistrictState d;
        d.code = district;
        districts_.push_back(std::move(d));
      }
      if (v->persons > 0) districts_[static_cast<size_t>(it->second)].villages.push_back(index);
    }
    // Districts are in code order, so each regency's list comes out by district number.
    for (size_t i = 0; i < districts_.size(); ++i) {
      const std::string regency = districts_[i].code.substr(0, 4);
      auto [it, fresh] = regency_index_.emplace(regency, static_cast<int>(regencies_.size()));
      if (fresh) {
        RegencyState r;
        std::fill(std::begin(r.by_number), std::end(r.by_number), -1);
        regencies_.push_back(r);
      }
      RegencyState& r = regencies_[static_cast<size_t>(it->second)];
      r.by_number[std::stoi(districts_[i].code.substr(4, 2))] = static_cast<int>(i);
      r.districts.push_back(static_cast<int>(i));
    }
    for (const PlanTeam& t : input_.teams) {
      TeamState s;
      s.team = &t;
      auto it = regency_index_.find(t.home_district.substr(0, 4));
      if (it != regency_index_.end()) s.regency = it->second;
      for (int weekday : t.working_weekdays) s.weekday[weekday] = true;
      s.summary.team_id = t.id;
      teams_.push_back(s);
    }
    std::sort(teams_.begin(), teams_.end(), [](const TeamState& a, const TeamState& b) { return a.team->id < b.team->id; });
  }

  // The best day's work for a team of `capacity` in district `d` (see the header).
  const DayFill& Fill(int d, int64_t capacity) {
    DistrictState& district = districts_[static_cast<size_t>(d)];
    if (district.cached_version == district.version && district.cached_capacity == capacity) return district.cached;
    DayFill fill;
    int64_t left = capacity;
    for (int slot = 0; slot < input_.max_villages_per_day && left > 0; ++slot) {
      int best = -1;
      double best_value = 0;
      int64_t best_take = 0;
      for (int v : district.villages) {
        const VillageState& village = villages_[static_cast<size_t>(v)];
        if (std::any_of(fill.picks.begin(), fill.picks.end(), [v](const Pick& p) { return p.village == v; })) continue;
        const int64_t take = std::min(village.remaining, left);
        const double value = village.weight * static_cast<double>(take);
        if (value > best_value) {  // strict: ties keep the lower code
          best = v;
          best_value = value;
          best_take = take;
        }
      }
      if (best < 0) break;
      fill.picks.push_back({best, best_take});
      fill.value += best_value;
      left -= best_take;
    }
    district.cached = std::move(fill);
    district.cached_version = district.version;
    district.cached_capacity = capacity;
    return district.cached;
  }

  // The districts a team may work in today: after a day out, the same district (first, so that a
  // tie keeps the team where it is) and its neighbours; otherwise the whole home regency.
  std::vector<int> Reachable(const TeamState& team, bool out_yesterday, int last_district) const {
    const RegencyState& regency = regencies_[static_cast<size_t>(team.regency)];
    if (!out_yesterday) return regency.districts;
    std::vector<int> candidates = {last_district};
    const int number = std::stoi(districts_[static_cast<size_t>(last_district)].code.substr(4, 2));
    for (int n : {number - 1, number + 1}) {
      if (n >= 0 && n < 100 && regency.by_number[n] >= 0) candidates.push_back(regency.by_number[n]);
    }
    return candidates;
  }

  // The candidate worth most today (-1 when none is worth anything) and its value.
  std::pair<int, double> Best(const std::vector<int>& candidates, int64_t capacity, const std::set<int>& skip) {
    int best = -1;
    double best_value = 0;
    for (int d : candidates) {
      if (districts_[static_cast<size_t>(d)].villages.empty() || skip.count(d)) continue;
      const double value = Fill(d, capacity).value;
      if (value > best_value) {  // strict: ties keep the earlier candidate
        best = d;
        best_value = value;
      }
    }
    return {best, best_value};
  }

  // Plans one team on one day; returns whether it has visits. `can_restart_tomorrow`: tomorrow
  // is in the range and a working day of the team, so a day at the office now lets it start a
  // new trip anywhere tomorrow.
  bool PlanTeamDay(TeamState& team, const Date& day, bool can_restart_tomorrow, Plan& plan) {
    if (team.regency < 0) return false;
    const int64_t capacity = team.team->capacity_per_day;
    const auto [best, value] = Best(Reachable(team, team.out_yesterday, team.last_district), capacity, {});
    if (best < 0) return false;
    if (team.out_yesterday && can_restart_tomorrow) {
      // Two-day lookahead: continue (today here, tomorrow near here) or return to the office
      // today and start tomorrow at the best district of the regency that no other returning
      // team is heading for. Tomorrow's values are read from today's state.
      const double stay = value + Best(Reachable(team, true, best), capacity, {}).second;
      const auto [target, restart] = Best(Reachable(team, false, -1), capacity, heading_);
      if (target >= 0 && restart > stay) {
        heading_.insert(target);
        return false;
      }
    }
    DayFill fill = Fill(best, capacity);
    std::sort(fill.picks.begin(), fill.picks.end(), [&](const Pick& a, const Pick& b) {
      return villages_[static_cast<size_t>(a.village)].code < villages_[static_cast<size_t>(b.village)].code;
    });
    for (const Pick& pick : fill.picks) {
      VillageState& village = villages_[static_cast<size_t>(pick.village)];
      village.remaining -= pick.persons;
      plan.visits.push_back({team.team->id, day, village.code, pick.persons});
      team.summary.persons_planned += pick.persons;
    }
    DistrictState& district = districts_[static_cast<size_t>(best)];
    std::erase_if(district.villages, [&](int v) { return villages_[static_cast<size_t>(v)].remaining == 0; });
    ++district.version;
    team.last_district = best;
    ++team.summary.days_used;
    return true;
  }

  void Schedule(Plan& plan) {
    std::set<int64_t> holidays;
    for (const Date& h : input_.holidays) holidays.insert(h.ToDays());
    auto works = [&](const TeamState& t, int64_t day_number) {
      return day_number <= input_.to.ToDays() && holidays.count(day_number) == 0 &&
             t.weekday[IsoWeekday(Date::FromDays(day_number))];
    };
    std::vector<TeamState*> order;
    for (int64_t day_number = input_.from.ToDays(); day_number <= input_.to.ToDays(); ++day_number) {
      const Date day = Date::FromDays(day_number);
      order.clear();
      heading_.clear();
      for (TeamState& t : teams_) {
        if (!works(t, day_number)) {
          t.out_yesterday = false;
          continue;
        }
        ++t.summary.working_days;
        order.push_back(&t);
      }
      // Teams out on a trip choose first (they have fewer districts to choose from), then by id.
      std::stable_sort(order.begin(), order.end(),
                       [](const TeamState* a, const TeamState* b) { return a->out_yesterday && !b->out_yesterday; });
      for (TeamState* t : order) t->out_yesterday = PlanTeamDay(*t, day, works(*t, day_number + 1), plan);
    }
    std::sort(plan.visits.begin(), plan.visits.end(), [](const PlanVisit& a, const PlanVisit& b) {
      if (a.day != b.day) return a.day < b.day;
      if (a.team_id != b.team_id) return a.team_id < b.team_id;
      return a.village_code < b.village_code;
    });
  }

  void Summarise(Plan& plan) {
    std::map<std::string, double> weight_of;
    for (const VillageState& v : villages_) weight_of.emplace(v.code, v.weight);
    for (const PlanVisit& visit : plan.visits) {
      plan.persons_planned += visit.persons;
      plan.weighted_planned += weight_of[visit.village_code] * static_cast<double>(visit.persons);
    }
    // Per regency: whether any team is based there, and whether any of them has a working day.
    std::map<std::string, bool> regency_has_days;
    for (const TeamState& t : teams_) {
      bool& has_days = regency_has_days[t.team->home_district.substr(0, 4)];
      has_days = has_days || t.summary.working_days > 0;
      plan.teams.push_back(t.summary);
    }
    for (const VillageState& v : villages_) {
      plan.persons_total += v.persons;
      plan.weighted_total += v.weight * static_cast<double>(v.persons);
      if (v.remaining == 0) continue;
      auto it = regency_has_days.find(v.code.substr(0, 4));
      const UncoveredReason reason = it == regency_has_days.end() ? UncoveredReason::kOutOfReach
                                     : !it->second                ? UncoveredReason::kNoWorkingDays
                                                                  : UncoveredReason::kOutOfCapacity;
      plan.uncovered.push_back({v.code, v.remaining, reason});
    }
  }

  const PlanInput& input_;
  std::vector<VillageState> villages_;
  std::vector<DistrictState> districts_;
  std::map<std::string, int> regency_index_;
  std::vector<RegencyState> regencies_;
  std::vector<TeamState> teams_;
  std::set<int> heading_;  // districts that teams returning to the office today will start at tomorrow
};

}  // namespace

std::string_view UncoveredReasonCode(UncoveredReason reason) {
  switch (reason) {
    case UncoveredReason::kOutOfReach: return "out_of_reach";
    case UncoveredReason::kNoWorkingDays: return "no_working_days";
    case UncoveredReason::kOutOfCapacity: return "out_of_capacity";
  }
  return "unknown";
}

std::string_view UncoveredReasonText(UncoveredReason reason) {
  switch (reason) {
    case UncoveredReason::kOutOfReach:
      return "No team is based in the village's regency; teams work only in their home regency.";
    case UncoveredReason::kNoWorkingDays:
      return "The teams of the village's regency have no working day in the range (weekdays and holidays).";
    case UncoveredReason::kOutOfCapacity:
      return "The teams of the village's regency spent their days in the range on higher-valued villages.";
  }
  return "unknown";
}

int IsoWeekday(const Date& day) {
  // 1970-01-01 was a Thursday (ISO 4).
  const int64_t shifted = (day.ToDays() + 3) % 7;
  return static_cast<int>(shifted < 0 ? shifted + 7 : shifted) + 1;
}

Result<Plan> MakePlan(const PlanInput& input) {
  SIAK_RETURN_IF_ERROR(Validate(input));
  return Planner(input).Run();
}

}  // namespace siak
