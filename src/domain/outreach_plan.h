// The jemput-bola planner: which mobile recording team visits which villages on which days,
// so that wajib-KTP residents who have not recorded their e-KTP are reached. Pure: no I/O, no
// clock; the date range and the holidays are passed in. Thread-safe (no shared state).
//
// Rules the plan obeys (every plan MakePlan returns satisfies all of them):
//  - Capacity: on one day a team plans at most `capacity_per_day` persons, in at most
//    `max_villages_per_day` villages, all in one district.
//  - Days: a team works only on its working weekdays, never on a holiday, only within
//    [from, to].
//  - Travel. No coordinates exist, so distance is read from the codes: two districts are
//    *neighbours* when they are in the same regency and their 2-digit district numbers differ
//    by at most 1 (320401 and 320402; not 320401 and 320501). A team works only in the regency
//    of its home district (kantor Disdukcapil serves its own kabupaten/kota). A *trip* is a run
//    of consecutive calendar days on which the team has visits; on the first day of a trip the
//    team may work in any district of its home regency, on each following day only in the same
//    district as the day before or a neighbouring one. A day without visits (a weekend, a
//    holiday, or a working day with nothing planned) ends the trip: the team is back at the
//    office and may start the next trip anywhere in the regency. So a team moves at most one
//    district per day while out, but every district is reachable on any trip's first day: with
//    ~30 districts and Monday-Friday teams, no village is more than a weekend away.
//  - A village is never planned beyond its persons.
//
// Objective and what the heuristic guarantees. The plan aims to maximise the sum over visits of
// weight x persons (priority-weighted persons reached). It is a greedy with a two-day lookahead,
// not an optimiser. Days are taken in order; on each day the teams already out on a trip choose
// first (they have fewer choices), by id, then the others, by id. A team takes the reachable
// district whose day's *fill* is worth most; a district's fill picks, up to max_villages_per_day
// times, the village worth most on its own (weight x the persons it can still take today), ties
// to the lower code; so a large village is continued by the same team on the following days.
// Lookahead: a team out on a trip whose next calendar day is also a working day compares
// (today's best nearby + tomorrow's best near that, both read from today's state) with (nothing
// today + tomorrow at the best district of the regency that no other team is returning for); if
// the second is worth more, it spends the day returning to the office, ending the trip, so that
// a far high-priority village is not left because the team is stuck among poor neighbours.
// Guaranteed: feasibility (the rules above); determinism (the same input, in any order, gives
// the same plan; ties go to the lower district and village code, teams by id); every village
// with persons left is listed with a reason. Not guaranteed: the optimum. The lookahead is two
// days deep and can give up a day that a later trip start would have made unnecessary, and the
// per-day village count can make one large low-weight village win a day over several small
// high-weight ones.
//
// Re-planning: the function is pure; re-run it from a later `from` with the persons still to
// reach after recorded outcomes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace siak {

struct PlanVillage {
  std::string code;     // 10 digits: PP RR DD VVVV
  int64_t persons = 0;  // people to reach, 0..1,000,000,000
  double weight = 1.0;  // priority weight, finite and >= 1
};

struct PlanTeam {
  int64_t id = 0;                     // unique within the input
  std::string name;                   // free text, echoed back only
  std::string home_district;          // 6 digits: the team works in this district's regency
  int capacity_per_day = 0;           // persons a day, 1..10000
  std::vector<int> working_weekdays;  // ISO weekdays, 1 = Monday .. 7 = Sunday; at least one
};

struct PlanInput {
  std::vector<PlanVillage> villages;
  std::vector<PlanTeam> teams;  // at least one
  Date from = Date::FromDays(0);  // inclusive
  Date to = Date::FromDays(0);    // inclusive; at most 366 days from `from`, both counted
  std::vector<Date> holidays;     // no team works on these; dates outside [from, to] are ignored
  int max_villages_per_day = 3;   // per team, 1..50
};

struct PlanVisit {
  int64_t team_id = 0;
  Date day = Date::FromDays(0);
  std::string village_code;
  int64_t persons = 0;  // planned for this team on this day, > 0
  friend bool operator==(const PlanVisit&, const PlanVisit&) = default;
};

// Why persons of a village are left unreached. Codes are stable (APIs and reports use them).
enum class UncoveredReason {
  kOutOfReach,     // "out_of_reach": no team's home district is in the village's regency
  kNoWorkingDays,  // "no_working_days": teams of the regency have no working day in the range
  kOutOfCapacity,  // "out_of_capacity": the regency's teams spent their days on higher-valued work
};
std::string_view UncoveredReasonCode(UncoveredReason reason);
std::string_view UncoveredReasonText(UncoveredReason reason);  // one English sentence

struct PlanUncovered {
  std::string village_code;
  int64_t persons = 0;  // left unreached, > 0
  UncoveredReason reason = UncoveredReason::kOutOfCapacity;
  friend bool operator==(const PlanUncovered&, const PlanUncovered&) = default;
};

struct PlanTeamSummary {
  int64_t team_id = 0;
  int working_days = 0;  // working weekdays in [from, to] that are not holidays
  int days_used = 0;     // days with at least one visit
  int64_t persons_planned = 0;
  friend bool operator==(const PlanTeamSummary&, const PlanTeamSummary&) = default;
};

struct Plan {
  std::vector<PlanVisit> visits;         // by day, then team id, then village code
  std::vector<PlanUncovered> uncovered;  // by village code; villages with persons left only
  std::vector<PlanTeamSummary> teams;    // by team id
  int64_t persons_planned = 0;
  double weighted_planned = 0;  // sum of weight x persons planned
  int64_t persons_total = 0;
  double weighted_total = 0;
  friend bool operator==(const Plan&, const Plan&) = default;
};

// ISO weekday of a date: 1 = Monday .. 7 = Sunday.
int IsoWeekday(const Date& day);

// Validates the input (errors name the field, e.g. "villages[3].weight", and the rule), then
// plans as described above.
Result<Plan> MakePlan(const PlanInput& input);

}  // namespace siak
