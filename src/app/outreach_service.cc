#include "app/outreach_service.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "card/outreach_render.h"
#include "common/csv.h"
#include "common/text.h"
#include "domain/nik.h"
#include "domain/role.h"
#include "store/ektp_store.h"

namespace siak {
namespace {

using Json = nlohmann::json;

std::string TrimS(std::string_view s) { return std::string(Trim(s)); }

// The birth date before which a person was 18 on `today`: wajib KTP (at 17) for over a year.
// Married persons under 17 are rare and counted by age like everyone else.
Date WaitingCutoff(const Date& today) {
  const int y = today.year() - 18;
  return *Date::FromYmd(y, today.month(), std::min(today.day(), Date::DaysInMonth(y, today.month())));
}

// The birth date on or before which a person is 17 on `on`.
Date SeventeenBy(const Date& on) {
  const int y = on.year() - 17;
  return *Date::FromYmd(y, on.month(), std::min(on.day(), Date::DaysInMonth(y, on.month())));
}

std::string UncoveredText(UncoveredReason r) {
  switch (r) {
    case UncoveredReason::kOutOfReach: return "Tidak ada tim yang berpangkalan di kabupaten/kota desa ini";
    case UncoveredReason::kNoWorkingDays: return "Tim tidak memiliki hari kerja dalam periode rencana";
    case UncoveredReason::kOutOfCapacity: return "Kapasitas tim habis untuk desa dengan prioritas lebih tinggi";
  }
  return "";
}

std::string JoinReasons(const std::vector<PriorityReason>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += "; ";
    out += r.label;
  }
  return out;
}

// What one invitation letter lists (card::ValidateInvitation's limit).
constexpr size_t kMembersPerLetter = 10;

enum class IslandMatch { kNone, kLoose, kStrict };

// How a region's folded name relates to an island's folded name (without "pulau ").
IslandMatch MatchIsland(const std::string& region, const std::string& island) {
  auto words = [](const std::string& s) {
    std::vector<std::string> w;
    size_t i = 0;
    while (i < s.size()) {
      size_t j = s.find(' ', i);
      if (j == std::string::npos) j = s.size();
      if (j > i) w.push_back(s.substr(i, j - i));
      i = j + 1;
    }
    return w;
  };
  const auto r = words(region), is = words(island);
  if (is.empty()) return IslandMatch::kNone;
  size_t at = 0;
  for (size_t i = 0; i + is.size() <= r.size(); ++i) {
    if (std::equal(is.begin(), is.end(), r.begin() + static_cast<std::ptrdiff_t>(i))) {
      at = i + 1;
      break;
    }
  }
  if (at == 0) return IslandMatch::kNone;
  static const std::set<std::string> kPosition = {"utara", "selatan", "barat", "timur", "tengah",
                                                  "laut",  "daya",    "pesisir"};
  const size_t start = at - 1;
  if (start > 1 || (start == 1 && r[0] != "kepulauan")) return IslandMatch::kLoose;
  for (size_t i = start + is.size(); i < r.size(); ++i) {
    if (!kPosition.count(r[i])) return IslandMatch::kLoose;
  }
  return IslandMatch::kStrict;
}

// Adds one region's residents by e-KTP status (EktpStore::CoverageCounts) to its wajib KTP and
// recorded totals.
void AddCoverage(const std::map<int, int64_t>& by_status, int64_t* wajib, int64_t* recorded) {
  for (const auto& [status, n] : by_status) {
    if (CountsAsWajib(status)) *wajib += n;
    if (CountsAsRecorded(status)) *recorded += n;
  }
}

const char* kOutcomes[] = {"recorded", "not_at_home", "refused", "moved_away", "died"};

bool KnownOutcome(const std::string& o) {
  return std::find_if(std::begin(kOutcomes), std::end(kOutcomes), [&](const char* k) { return o == k; }) !=
         std::end(kOutcomes);
}

std::string Roman(int month) {
  static const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  return month >= 1 && month <= 12 ? kRoman[month - 1] : "?";
}

// A date the store holds (written by this service): unreadable means a damaged row, not bad input.
Result<Date> StoredDate(const std::string& text) {
  auto d = Date::Parse(text);
  if (!d.ok()) return Status::Internal("a stored outreach date is unreadable: " + text);
  return d;
}

std::string MaskNik(const std::string& nik) {
  return nik.size() == 16 ? nik.substr(0, 6) + "******" + nik.substr(12) : nik;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Result<std::vector<std::string>> JsonStrings(const std::string& text) {
  std::vector<std::string> out;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace

Status FileOutboxSender::Send(const OutboxRecord& m) {
  std::ofstream f(path_, std::ios::app);
  if (!f) return Status::Unavailable("cannot open the outbox file " + path_);
  f << Json{{"id", m.id}, {"channel", m.channel}, {"recipient", m.recipient}, {"region_code", m.region_code},
            {"body", m.body}}
           .dump()
    << "\n";
  f.flush();
  if (!f) return Status::Unavailable("cannot write the outbox file " + path_);
  return Status::Ok();
}

OutreachService::OutreachService(Store& store, const Clock& clock, const RegionIndex& regions)
    : store_(store), clock_(clock), regions_(regions) {}

std::string OutreachService::Name(const std::string& digits) const {
  const Region* r = regions_.Get(digits);
  return r ? r->name : "";
}

Result<std::string> OutreachService::Scope(const Principal& who, const std::string& region, const char* field,
                                           bool narrow) {
  if (region.empty()) return who.scope;
  std::string digits;
  if (IsAllDigits(region)) {
    digits = region;
  } else {
    SIAK_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(region, field));
    digits = code.digits();
  }
  if (digits.size() != 2 && digits.size() != 4 && digits.size() != 6 && digits.size() != 10) {
    return Status::Invalid(field, region, "must be a province, regency, district or village code");
  }
  if (!regions_.Get(digits)) return Status::Invalid(field, region, "is not a known region");
  if (InScope(who.scope, digits)) return digits;
  if (narrow && digits.size() < who.scope.size() && who.scope.rfind(digits, 0) == 0) return who.scope;
  return Status::NotFound(field, region);
}

// ---- who is missing -------------------------------------------------------------------------

Result<std::vector<MissingCount>> OutreachService::UnrecordedCounts(const Principal& who, const std::string& region) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  return OutreachStore(store_).UnrecordedCounts(prefix, WaitingCutoff(clock_.Today()).ToString());
}

Result<std::vector<MissingPerson>> OutreachService::Unrecorded(const Principal& who, const std::string& region,
                                                               const std::optional<OutreachStore::Cursor>& after,
                                                               int limit) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  return OutreachStore(store_).Unrecorded(prefix, after, limit);
}

Result<std::vector<MissingPerson>> OutreachService::Upcoming(const Principal& who, const std::string& region,
                                                             const Date& by, const std::string& after_nik,
                                                             int limit, int64_t* total) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  const Date today = clock_.Today();
  if (by < today) return Status::Invalid("by", by.ToString(), "must not be before today (" + today.ToString() + ")");
  if (by.ToDays() - today.ToDays() > 5 * 366) {
    return Status::Invalid("by", by.ToString(), "must be within five years from today");
  }
  OutreachStore os(store_);
  const std::string born_by = SeventeenBy(by).ToString();
  if (total) {
    SIAK_ASSIGN_OR_RETURN(*total, os.CountUpcomingWajib(prefix, born_by));
  }
  return os.UpcomingWajib(prefix, born_by, after_nik, limit);
}

Result<std::vector<MissingPerson>> OutreachService::WithoutCard(const Principal& who, const std::string& region,
                                                                const std::string& after_region,
                                                                const std::string& after_nik, int limit,
                                                                std::map<int, int64_t>* totals) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  OutreachStore os(store_);
  if (totals) {
    SIAK_ASSIGN_OR_RETURN(*totals, os.CountWithoutCard(prefix));
  }
  return os.WithoutCard(prefix, after_region, after_nik, limit);
}

// ---- priority -------------------------------------------------------------------------------

Result<std::vector<RankedVillage>> OutreachService::Priority(const Principal& who, const std::string& region,
                                                             const PriorityWeights& weights) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  OutreachStore os(store_);
  SIAK_ASSIGN_OR_RETURN(auto counts, os.UnrecordedCounts(prefix, WaitingCutoff(clock_.Today()).ToString()));
  SIAK_ASSIGN_OR_RETURN(auto coverage, EktpStore(store_).CoverageCounts(prefix, 10));
  SIAK_ASSIGN_OR_RETURN(auto flags, os.Flags(prefix));
  std::map<std::string, VillageFacts> facts;
  for (const auto& [village, by_status] : coverage) {
    VillageFacts& f = facts[village];
    f.code = village;
    AddCoverage(by_status, &f.wajib_ktp, &f.recorded);
  }
  for (const auto& c : counts) {
    VillageFacts& f = facts[c.region_code];
    f.code = c.region_code;
    f.unrecorded += c.persons;
    f.waiting_over_year += c.waiting_over_year;
  }
  std::vector<VillageFacts> list;
  list.reserve(facts.size());
  for (auto& [code, f] : facts) {
    if (f.wajib_ktp == 0 && f.unrecorded == 0) continue;
    for (const auto& fl : flags) {
      if (code.rfind(fl.region_code, 0) != 0) continue;
      auto kind = PriorityFlagFromName(fl.flag);
      if (kind.ok()) f.flags.push_back({*kind, fl.region_code, fl.source});
    }
    list.push_back(std::move(f));
  }
  std::map<std::string, const VillageFacts*> by_code;
  for (const auto& f : list) by_code[f.code] = &f;
  std::vector<RankedVillage> out;
  for (auto& p : RankVillages(list, weights)) {
    RankedVillage r;
    const VillageFacts& f = *by_code[p.code];
    r.name = Name(p.code);
    r.district_code = p.code.substr(0, 6);
    r.district_name = Name(r.district_code);
    r.wajib_ktp = f.wajib_ktp;
    r.recorded = f.recorded;
    r.waiting_over_year = f.waiting_over_year;
    r.priority = std::move(p);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<RegionFlagRecord>> OutreachService::Flags(const Principal& who, const std::string& region) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  return OutreachStore(store_).Flags(prefix);
}

Result<RegionFlagRecord> OutreachService::SetFlag(const Principal& who, const std::string& region,
                                                  const std::string& flag, const std::string& source,
                                                  const std::string& note) {
  if (region.empty()) return Status::Invalid("region_code", "", "is required");
  SIAK_ASSIGN_OR_RETURN(std::string code, Scope(who, region, "region_code", false));
  if (code.size() < 4) {
    return Status::Invalid("region_code", region, "must be a regency, district or village (not a province)");
  }
  SIAK_RETURN_IF_ERROR(PriorityFlagFromName(flag).status());
  const std::string src = TrimS(source);
  if (src.empty()) return Status::Invalid("source", source, "is required: where the list comes from (a decree, a file)");
  if (src.size() > 200) return Status::Invalid("source", "", "must be at most 200 characters");
  if (note.size() > 500) return Status::Invalid("note", "", "must be at most 500 characters");
  RegionFlagRecord record{code, flag, src, TrimS(note), who.username, clock_.NowIso()};
  SIAK_RETURN_IF_ERROR(OutreachStore(store_).PutFlag(record));
  return record;
}

Status OutreachService::RemoveFlag(const Principal& who, const std::string& region, const std::string& flag) {
  SIAK_ASSIGN_OR_RETURN(std::string code, Scope(who, region, "region_code", false));
  SIAK_RETURN_IF_ERROR(PriorityFlagFromName(flag).status());
  SIAK_ASSIGN_OR_RETURN(bool removed, OutreachStore(store_).DeleteFlag(code, flag));
  if (!removed) return Status::NotFound("flag", code + " " + flag);
  return Status::Ok();
}

Result<int> OutreachService::ImportFlags(const Principal& who, const std::string& csv) {
  // A spreadsheet's UTF-8 export may start with a byte-order mark.
  CsvReader reader(csv.rfind("\xEF\xBB\xBF", 0) == 0 ? std::string_view(csv).substr(3) : std::string_view(csv));
  CsvRecord rec;
  Status error;
  bool header = true;
  int n = 0;
  Status st = store_.Transaction([&]() -> Status {
    while (reader.Next(&rec, &error)) {
      if (!error.ok()) return error;
      if (header) {
        header = false;
        if (rec.fields.size() < 3 || TrimS(rec.fields[0]) != "region_code" || TrimS(rec.fields[1]) != "flag" ||
            TrimS(rec.fields[2]) != "source") {
          return Status::Invalid("csv", rec.fields.empty() ? "" : rec.fields[0],
                                 "must start with the header region_code,flag,source[,note]")
              .WithLocation("line " + std::to_string(rec.line));
        }
        continue;
      }
      if (rec.fields.size() == 1 && TrimS(rec.fields[0]).empty()) continue;  // a blank line
      if (rec.fields.size() < 3 || rec.fields.size() > 4) {
        return Status::Invalid("csv", "", "must have 3 or 4 fields: region_code,flag,source[,note]")
            .WithLocation("line " + std::to_string(rec.line));
      }
      Status s = SetFlag(who, TrimS(rec.fields[0]), TrimS(rec.fields[1]), rec.fields[2],
                         rec.fields.size() == 4 ? rec.fields[3] : "")
                     .status();
      if (!s.ok()) return s.WithLocation("line " + std::to_string(rec.line));
      ++n;
    }
    return error;
  });
  if (!st.ok()) return st;
  if (n == 0) return Status::Invalid("csv", "", "holds no flags");
  return n;
}

Result<OutreachService::IslandSeed> OutreachService::SeedIslandFlags(const Principal& who) {
  IslandSeed out;
  const std::string stamp = clock_.NowIso();
  Status st = store_.Transaction([&]() -> Status {
    OutreachStore os(store_);
    for (const Region& island : regions_.regions()) {
      if (island.code.level() != RegionLevel::kIsland || !island.is_outermost_small || !island.is_populated) continue;
      const std::string regency = island.code.digits().substr(0, 4);
      if (!InScope(who.scope, regency) && !InScope(regency, who.scope)) continue;
      std::string bare = FoldForSearch(island.name);
      if (bare.rfind("pulau ", 0) == 0) bare = bare.substr(6);
      if (bare.size() < 3) continue;
      // Districts first (an island that is a kecamatan), then villages.
      int matched = 0;
      for (int level_digits : {6, 10}) {
        if (matched) break;
        for (const Region& r : regions_.regions()) {
          const std::string& d = r.code.digits();
          if (d.size() != static_cast<size_t>(level_digits) || d.compare(0, 4, regency) != 0) continue;
          if (!InScope(who.scope, d)) continue;
          const std::string name = FoldForSearch(r.name);
          // The island's name, optionally after "kepulauan" and followed only by compass or
          // position words (Rupat Utara, Alor Barat Laut, Kepulauan Marore): a flag. The name
          // as a word elsewhere (Pasie Raya for Pulau Raya, Teluk Bintan): for review only.
          const IslandMatch m = MatchIsland(name, bare);
          if (m == IslandMatch::kNone) continue;
          if (m == IslandMatch::kLoose) {
            out.review.push_back(r.name + " (" + d + ") ~ " + island.name);
            continue;
          }
          SIAK_RETURN_IF_ERROR(os.PutFlag({d, "pulau_terluar", "idn-area-data islands.csv: " + island.name,
                                           "nama wilayah sama dengan nama pulau", who.username, stamp}));
          ++matched;
        }
      }
      out.flagged += matched;
      if (!matched) out.unmatched.push_back(island.name + " (" + regency.substr(0, 2) + "." + regency.substr(2) + ")");
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

// ---- teams ----------------------------------------------------------------------------------

Result<TeamRecord> OutreachService::CreateTeam(const Principal& who, const TeamInput& in) {
  const std::string name = TrimS(in.name);
  if (name.empty() || name.size() > 100) return Status::Invalid("name", in.name, "is required, at most 100 characters");
  if (in.home_district.size() != 6 || !IsAllDigits(in.home_district) || !regions_.Get(in.home_district)) {
    return Status::Invalid("home_district", in.home_district, "must be a known district's 6 digits");
  }
  // Without a region the team serves its home district's regency (or the caller's district).
  const std::string asked = !in.region.empty()        ? in.region
                            : who.scope.size() >= 4   ? who.scope
                                                      : in.home_district.substr(0, 4);
  SIAK_ASSIGN_OR_RETURN(std::string region, Scope(who, asked, "region_code", false));
  if (region.size() < 4 || region.size() > 6) {
    return Status::Invalid("region_code", in.region, "must be a regency or district (the team's base)");
  }
  if (!InScope(region, in.home_district)) {
    return Status::Invalid("home_district", in.home_district, "must lie in the team's region " + region);
  }
  if (in.members.empty() || in.members.size() > 20) {
    return Status::Invalid("members", std::to_string(in.members.size()), "must name 1 to 20 members");
  }
  for (size_t i = 0; i < in.members.size(); ++i) {
    if (TrimS(in.members[i]).empty() || in.members[i].size() > 100) {
      return Status::Invalid("members[" + std::to_string(i) + "]", in.members[i], "must be a name of 1..100 characters");
    }
  }
  if (in.devices.empty() || in.devices.size() > 10) {
    return Status::Invalid("devices", std::to_string(in.devices.size()),
                           "must list 1 to 10 recording kits (a team without one cannot record)");
  }
  for (size_t i = 0; i < in.devices.size(); ++i) {
    if (TrimS(in.devices[i]).empty() || in.devices[i].size() > 64) {
      return Status::Invalid("devices[" + std::to_string(i) + "]", in.devices[i], "must be a serial of 1..64 characters");
    }
  }
  if (in.capacity_per_day < 1 || in.capacity_per_day > 10000) {
    return Status::Invalid("capacity_per_day", std::to_string(in.capacity_per_day), "must be 1..10000");
  }
  std::set<char> days;
  for (char c : in.working_days) {
    if (c < '1' || c > '7' || !days.insert(c).second) {
      return Status::Invalid("working_days", in.working_days,
                             "must be distinct ISO weekdays 1 (Monday) .. 7 (Sunday), e.g. 12345");
    }
  }
  if (days.empty()) return Status::Invalid("working_days", in.working_days, "must name at least one weekday");
  TeamRecord t;
  t.name = name;
  t.region_code = region;
  t.home_district = in.home_district;
  t.members = Json(in.members).dump();
  t.devices = Json(in.devices).dump();
  t.capacity_per_day = in.capacity_per_day;
  t.working_days = std::string(days.begin(), days.end());
  t.created_by = who.username;
  t.created_at = clock_.NowIso();
  SIAK_ASSIGN_OR_RETURN(t.id, OutreachStore(store_).InsertTeam(t));
  return t;
}

Result<std::vector<TeamRecord>> OutreachService::Teams(const Principal& who, const std::string& region) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  // Teams of the region, and of a wider region holding it (a regency team serving a district).
  SIAK_ASSIGN_OR_RETURN(auto all, OutreachStore(store_).Teams(prefix.substr(0, std::min<size_t>(prefix.size(), 4))));
  std::vector<TeamRecord> out;
  for (auto& t : all) {
    if (InScope(prefix, t.region_code) || InScope(t.region_code, prefix)) {
      if (InScope(who.scope, t.region_code) || InScope(t.region_code, who.scope)) out.push_back(std::move(t));
    }
  }
  return out;
}

// ---- plans ----------------------------------------------------------------------------------

Result<PlanRecord> OutreachService::PlanInScope(const Principal& who, int64_t id) {
  auto plan = OutreachStore(store_).GetPlan(id);
  if (!plan.ok()) return plan.status();
  if (!InScope(who.scope, plan->region_code) && !InScope(plan->region_code, who.scope)) {
    return Status::NotFound("plan_id", std::to_string(id));
  }
  return plan;
}

Result<PlanView> OutreachService::MakePlan(const Principal& who, const PlanRequest& req) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, req.region, "region_code", false));
  if (prefix.size() < 4 || prefix.size() > 6) {
    return Status::Invalid("region_code", req.region, "must be a regency or district");
  }
  if (req.to < req.from) return Status::Invalid("to", req.to.ToString(), "is before from (" + req.from.ToString() + ")");
  const Date today = clock_.Today();
  if (req.from < today) {
    return Status::Invalid("from", req.from.ToString(), "must not be before today (" + today.ToString() + ")");
  }
  OutreachStore os(store_);
  SIAK_ASSIGN_OR_RETURN(auto teams, Teams(who, prefix));
  std::vector<TeamRecord> chosen;
  if (req.team_ids.empty()) {
    for (auto& t : teams) {
      if (t.active) chosen.push_back(t);
    }
  } else {
    for (size_t i = 0; i < req.team_ids.size(); ++i) {
      auto it = std::find_if(teams.begin(), teams.end(), [&](const TeamRecord& t) { return t.id == req.team_ids[i]; });
      if (it == teams.end() || !it->active) {
        return Status::Invalid("team_ids[" + std::to_string(i) + "]", std::to_string(req.team_ids[i]),
                               "is not an active team of region " + prefix);
      }
      chosen.push_back(*it);
    }
  }
  if (chosen.empty()) return Status::Invalid("team_ids", "", "no active team serves region " + prefix);

  SIAK_ASSIGN_OR_RETURN(auto ranked, Priority(who, prefix, req.weights));
  SIAK_ASSIGN_OR_RETURN(auto active, os.ActivePlan(prefix));
  // A plan of a wider or narrower region over the same villages would send the same teams twice.
  SIAK_ASSIGN_OR_RETURN(auto others, os.ActivePlansUnder(prefix.substr(0, 4)));
  for (const auto& o : others) {
    if (o.region_code == prefix || !(InScope(o.region_code, prefix) || InScope(prefix, o.region_code))) continue;
    if (o.ends_on < req.from.ToString() || o.starts_on > req.to.ToString()) continue;
    return Status::Conflict("region_code", req.region,
                            "overlaps the active plan " + std::to_string(o.id) + " of region " + o.region_code +
                                " (" + o.starts_on + ".." + o.ends_on + "): re-plan that region instead");
  }
  // Persons still waiting whose latest outcome, in any plan, was refused, moved away or died are
  // not planned again (a move or death waits for its register task; a refusal for another way).
  std::map<std::string, int64_t> settled;
  {
    SIAK_ASSIGN_OR_RETURN(auto outcomes, os.OutcomesOfWaiting(prefix));
    for (size_t i = 0; i < outcomes.size(); ++i) {
      const bool latest = i + 1 == outcomes.size() || outcomes[i + 1].nik != outcomes[i].nik;
      const std::string& o = outcomes[i].outcome;
      if (latest && (o == "refused" || o == "moved_away" || o == "died")) ++settled[outcomes[i].region_code];
    }
  }
  PlanInput in;
  in.from = req.from;
  in.to = req.to;
  in.holidays = req.holidays;
  in.max_villages_per_day = req.max_villages_per_day;
  std::map<std::string, const RankedVillage*> by_code;
  for (const auto& r : ranked) {
    const int64_t persons = std::max<int64_t>(0, r.priority.unrecorded - settled[r.priority.code]);
    if (persons == 0) continue;
    in.villages.push_back({r.priority.code, persons, r.priority.weight});
    by_code[r.priority.code] = &r;
  }
  for (const auto& t : chosen) {
    PlanTeam pt;
    pt.id = t.id;
    pt.name = t.name;
    pt.home_district = t.home_district;
    pt.capacity_per_day = static_cast<int>(t.capacity_per_day);
    for (char c : t.working_days) pt.working_weekdays.push_back(c - '0');
    in.teams.push_back(std::move(pt));
  }
  SIAK_ASSIGN_OR_RETURN(Plan plan, siak::MakePlan(in));

  Json uncovered = Json::array();
  for (const auto& u : plan.uncovered) {
    uncovered.push_back({{"village_code", u.village_code},
                         {"name", Name(u.village_code)},
                         {"district_name", Name(u.village_code.substr(0, 6))},
                         {"persons", u.persons},
                         {"reason", std::string(UncoveredReasonCode(u.reason))},
                         {"reason_text", UncoveredText(u.reason)}});
  }
  Json team_summary = Json::array();
  for (const auto& t : plan.teams) {
    team_summary.push_back({{"team_id", t.team_id},
                            {"working_days", t.working_days},
                            {"days_used", t.days_used},
                            {"persons_planned", t.persons_planned}});
  }
  Json summary = {{"persons_total", plan.persons_total},
                  {"persons_planned", plan.persons_planned},
                  {"weighted_total", plan.weighted_total},
                  {"weighted_planned", plan.weighted_planned},
                  {"teams", team_summary},
                  {"uncovered", uncovered}};
  PlanView view;
  Status st = store_.Transaction([&]() -> Status {
    PlanRecord rec;
    if (active) {
      SIAK_RETURN_IF_ERROR(os.SupersedePlan(active->id));
      SIAK_ASSIGN_OR_RETURN(auto old, os.Visits(active->id));
      for (const auto& v : old) {
        if (v.state == "PLANNED" && v.day >= req.from.ToString()) {
          SIAK_RETURN_IF_ERROR(os.SetVisitState(v.id, "PLANNED", "CANCELLED"));
        }
      }
      rec.replaces = active->id;
    }
    rec.region_code = prefix;
    rec.starts_on = req.from.ToString();
    rec.ends_on = req.to.ToString();
    rec.summary = summary.dump();
    rec.created_by = who.username;
    rec.created_at = clock_.NowIso();
    SIAK_ASSIGN_OR_RETURN(rec.id, os.InsertPlan(rec));
    for (const auto& v : plan.visits) {
      VisitRecord vr;
      vr.plan_id = rec.id;
      vr.team_id = v.team_id;
      vr.day = v.day.ToString();
      vr.village_code = v.village_code;
      vr.planned = v.persons;
      if (auto it = by_code.find(v.village_code); it != by_code.end()) vr.reasons = JoinReasons(it->second->priority.reasons);
      SIAK_ASSIGN_OR_RETURN(vr.id, os.InsertVisit(vr));
      view.visits.push_back(std::move(vr));
    }
    view.plan = std::move(rec);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  view.teams = std::move(chosen);
  return view;
}

Result<PlanView> OutreachService::GetPlan(const Principal& who, int64_t id) {
  SIAK_ASSIGN_OR_RETURN(PlanRecord plan, PlanInScope(who, id));
  OutreachStore os(store_);
  PlanView view;
  SIAK_ASSIGN_OR_RETURN(view.visits, os.Visits(id));
  std::set<int64_t> ids;
  for (const auto& v : view.visits) ids.insert(v.team_id);
  for (int64_t t : ids) {
    SIAK_ASSIGN_OR_RETURN(TeamRecord team, os.GetTeam(t));
    view.teams.push_back(std::move(team));
  }
  view.plan = std::move(plan);
  return view;
}

Result<std::vector<PlanRecord>> OutreachService::Plans(const Principal& who, const std::string& region) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  return OutreachStore(store_).Plans(prefix, 100);
}

Result<std::string> OutreachService::PlanPdf(const Principal& who, int64_t id, std::optional<int64_t> team_id) {
  SIAK_ASSIGN_OR_RETURN(PlanView view, GetPlan(who, id));
  card::OutreachPlan doc;
  const std::string regency = view.plan.region_code.substr(0, 4);
  doc.office = "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL " + Upper(Name(regency));
  SIAK_ASSIGN_OR_RETURN(doc.period_start, StoredDate(view.plan.starts_on));
  SIAK_ASSIGN_OR_RETURN(doc.period_end, StoredDate(view.plan.ends_on));
  size_t team_index = 0;
  bool found = !team_id.has_value();
  for (const auto& t : view.teams) {
    card::OutreachTeam ct;
    ct.name = t.name;
    SIAK_ASSIGN_OR_RETURN(ct.members, JsonStrings(t.members));
    SIAK_ASSIGN_OR_RETURN(ct.devices, JsonStrings(t.devices));
    ct.home_district = Name(t.home_district);
    for (const auto& v : view.visits) {
      if (v.team_id != t.id || v.state == "CANCELLED") continue;
      card::OutreachStop stop;
      SIAK_ASSIGN_OR_RETURN(stop.date, StoredDate(v.day));
      stop.kecamatan = Name(v.village_code.substr(0, 6));
      stop.desa = Name(v.village_code);
      stop.sasaran = static_cast<int>(v.planned);
      stop.keterangan = v.reasons;
      ct.stops.push_back(std::move(stop));
    }
    if (team_id && t.id == *team_id) {
      team_index = doc.teams.size();
      found = true;
    }
    doc.teams.push_back(std::move(ct));
  }
  if (!found) return Status::NotFound("team_id", std::to_string(*team_id));
  if (doc.teams.empty()) return Status::FailedPrecondition("plan " + std::to_string(id) + " has no visits to print");
  Json summary = Json::parse(view.plan.summary, nullptr, false);
  if (summary.is_object() && summary.contains("uncovered")) {
    for (const auto& u : summary["uncovered"]) {
      doc.unreached.push_back({u.value("district_name", ""), u.value("name", ""),
                               static_cast<int>(u.value("persons", int64_t{0})), u.value("reason_text", "")});
      if (doc.unreached.size() >= 5000) break;
    }
  }
  if (team_id) return card::RenderTeamListPdf(doc, team_index);
  return card::RenderOutreachPlanPdf(doc);
}

Result<PlanProgress> OutreachService::Progress(const Principal& who, int64_t plan_id) {
  SIAK_ASSIGN_OR_RETURN(PlanView view, GetPlan(who, plan_id));
  SIAK_ASSIGN_OR_RETURN(auto outcomes, OutreachStore(store_).PlanOutcomes(plan_id));
  PlanProgress out;
  std::map<int64_t, PlanProgress::Row> visits;
  std::map<std::pair<int64_t, std::string>, PlanProgress::Row> team_days;
  std::map<int64_t, const VisitRecord*> visit_of;
  for (const auto& v : view.visits) {
    visit_of[v.id] = &v;
    if (v.state == "CANCELLED") continue;
    auto& row = visits[v.id];
    row.visit_id = v.id;
    row.team_id = v.team_id;
    row.day = v.day;
    row.village_code = v.village_code;
    row.planned = v.planned;
    auto& td = team_days[{v.team_id, v.day}];
    td.team_id = v.team_id;
    td.day = v.day;
    td.planned += v.planned;
    out.planned += v.planned;
  }
  for (const auto& o : outcomes) {
    const VisitRecord* v = visit_of.count(o.visit_id) ? visit_of[o.visit_id] : nullptr;
    if (!v || !visits.count(o.visit_id)) continue;  // a cancelled visit's outcomes are not this plan's work
    visits[o.visit_id].outcomes[o.outcome] += 1;
    team_days[{v->team_id, v->day}].outcomes[o.outcome] += 1;
    out.outcomes[o.outcome] += 1;
  }
  for (auto& [k, r] : visits) out.visits.push_back(std::move(r));
  for (auto& [k, r] : team_days) out.team_days.push_back(std::move(r));
  return out;
}

// ---- visits ---------------------------------------------------------------------------------

Result<VisitRecord> OutreachService::VisitInScope(const Principal& who, int64_t id, PlanRecord* plan_out) {
  auto visit = OutreachStore(store_).GetVisit(id);
  if (!visit.ok()) return visit.status();
  if (!InScope(who.scope, visit->village_code)) return Status::NotFound("visit_id", std::to_string(id));
  auto plan = OutreachStore(store_).GetPlan(visit->plan_id);
  if (!plan.ok()) return plan.status();
  if (plan_out) *plan_out = *plan;
  return visit;
}

Result<VisitView> OutreachService::GetVisit(const Principal& who, int64_t id) {
  VisitView view;
  SIAK_ASSIGN_OR_RETURN(view.visit, VisitInScope(who, id));
  OutreachStore os(store_);
  view.village_name = Name(view.visit.village_code);
  view.district_name = Name(view.visit.village_code.substr(0, 6));
  SIAK_ASSIGN_OR_RETURN(view.persons, os.UnrecordedIn(view.visit.village_code));
  SIAK_ASSIGN_OR_RETURN(view.outcomes, os.Outcomes(id));
  return view;
}

Result<VisitRecord> OutreachService::OpenVisit(const Principal& who, int64_t id, PlanRecord* plan) {
  SIAK_ASSIGN_OR_RETURN(VisitRecord visit, VisitInScope(who, id, plan));
  if (visit.state == "CANCELLED") {
    return Status::FailedPrecondition("visit " + std::to_string(id) + " was cancelled by a later plan");
  }
  return visit;
}

Result<InvitationBatch> OutreachService::Invite(const Principal& who, int64_t visit_id, const InvitationDetails& d) {
  SIAK_ASSIGN_OR_RETURN(VisitRecord visit, OpenVisit(who, visit_id, nullptr));
  for (size_t i = 0; i < d.channels.size(); ++i) {
    if (d.channels[i] != "sms" && d.channels[i] != "whatsapp") {
      return Status::Invalid("channels[" + std::to_string(i) + "]", d.channels[i], "must be sms or whatsapp");
    }
  }
  OutreachStore os(store_);
  SIAK_ASSIGN_OR_RETURN(auto persons, os.UnrecordedIn(visit.village_code));
  // Households: the unrecorded grouped by KK, in the order of the list.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const MissingPerson*>> households;
  for (const auto& p : persons) {
    const std::string key = p.kk_number.empty() ? "NIK:" + p.nik : p.kk_number;
    if (!households.count(key)) order.push_back(key);
    households[key].push_back(&p);
  }
  if (order.empty()) {
    return Status::FailedPrecondition("nobody in " + Name(visit.village_code) + " is waiting to be recorded");
  }
  SIAK_ASSIGN_OR_RETURN(const Date day, StoredDate(visit.day));
  const Date today = clock_.Today();
  const std::string regency = Name(visit.village_code.substr(0, 4));
  const int per = InvitationDetails::kPerDocument;
  InvitationBatch out;
  out.households = static_cast<int>(order.size());
  out.pages = (out.households + per - 1) / per;
  if (d.letters && (d.page < 1 || d.page > out.pages)) {
    return Status::Invalid("page", std::to_string(d.page), "must be 1.." + std::to_string(out.pages) + " (" +
                                                               std::to_string(per) + " households a document)");
  }
  // One household's letter; it also serves the messages (their text is made from it).
  auto letter = [&](size_t i) -> Result<card::Invitation> {
    const auto& members = households[order[i]];
    card::Invitation inv;
    inv.regency = Upper(regency);
    inv.office_address = d.office_address;
    inv.office_short = "Dukcapil " + regency;
    // Numbered by the household (its KK), so a letter keeps its number whichever page prints it.
    const std::string& key = order[i];
    inv.number = d.number_prefix + "/" + std::to_string(visit_id) + "/" +
                 (key.rfind("NIK:", 0) == 0 ? key.substr(4) : key) + "/Disdukcapil/" + Roman(today.month()) + "/" +
                 std::to_string(today.year());
    inv.head_of_family = members.front()->nama;
    inv.address = members.front()->alamat;
    char rtrw[32];
    std::snprintf(rtrw, sizeof rtrw, "%03lld/%03lld", static_cast<long long>(members.front()->rt),
                  static_cast<long long>(members.front()->rw));
    inv.rt_rw = rtrw;
    if (!members.front()->kk_number.empty()) {
      auto kk = KkNumber::ParseStructure(members.front()->kk_number);
      if (kk.ok()) {
        auto fam = store_.GetFamily(*kk);
        if (fam.ok()) {
          auto head = store_.GetPerson(fam->head());
          if (head.ok()) inv.head_of_family = head->person.nama;
          inv.address = fam->alamat;
          std::snprintf(rtrw, sizeof rtrw, "%03d/%03d", fam->rt, fam->rw);
          inv.rt_rw = rtrw;
          out.niks.push_back(std::string(fam->head().digits()));
        }
      }
    }
    if (TrimS(inv.address).empty()) inv.address = "(alamat belum tercatat)";
    inv.desa = Name(visit.village_code);
    inv.kecamatan = Name(visit.village_code.substr(0, 6));
    for (const MissingPerson* p : members) {
      inv.members.push_back({p->nama, MaskNik(p->nik)});
      out.niks.push_back(p->nik);
    }
    inv.visit_date = day;
    inv.visit_time = d.visit_time;
    inv.place = d.place.empty() ? "Kantor Desa/Kelurahan " + inv.desa : d.place;
    inv.contact = d.contact;
    inv.signed_place = d.signed_place.empty() ? regency : d.signed_place;
    inv.signed_on = today;
    inv.official_title = d.official_title;
    inv.official_name = d.official_name;
    inv.official_nip = d.official_nip;
    return inv;
  };
  for (const auto& [key, members] : households) out.persons += static_cast<int>(members.size());
  if (d.letters) {
    std::vector<card::Invitation> letters;
    const size_t from = static_cast<size_t>(d.page - 1) * per;
    for (size_t i = from; i < order.size() && i < from + per; ++i) {
      SIAK_ASSIGN_OR_RETURN(card::Invitation inv, letter(i));
      // A letter lists at most kMembersPerLetter; a larger household gets several.
      const std::vector<card::InvitedMember> all = std::move(inv.members);
      for (size_t at = 0; at < all.size(); at += kMembersPerLetter) {
        card::Invitation part = inv;
        part.members.assign(all.begin() + static_cast<std::ptrdiff_t>(at),
                            all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), at + kMembersPerLetter)));
        if (at > 0) part.number += "-" + std::to_string(at / kMembersPerLetter + 1);
        SIAK_RETURN_IF_ERROR(card::ValidateInvitation(part).WithFieldPrefix("letters[" + std::to_string(i) + "]"));
        letters.push_back(std::move(part));
      }
    }
    SIAK_ASSIGN_OR_RETURN(out.pdf, card::RenderInvitationsPdf(letters));
  }
  if (d.channels.empty()) return out;
  Status st = store_.Transaction([&]() -> Status {
    for (size_t i = 0; i < order.size(); ++i) {
      SIAK_ASSIGN_OR_RETURN(card::Invitation inv, letter(i));
      for (const std::string& ch : d.channels) {
        OutboxRecord m;
        m.channel = ch;
        m.recipient = order[i];
        for (const MissingPerson* p : households[order[i]]) m.niks += (m.niks.empty() ? "" : ",") + p->nik;
        m.region_code = visit.village_code;
        m.visit_id = visit_id;
        m.body = card::InvitationMessage(inv, ch == "sms" ? card::MessageChannel::kSms : card::MessageChannel::kWhatsApp);
        m.created_at = clock_.NowIso();
        SIAK_ASSIGN_OR_RETURN(int64_t id, os.Enqueue(m));
        if (id != 0) ++out.messages_queued;
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<OutcomeRecord> OutreachService::RecordOutcome(const Principal& who, int64_t visit_id, const OutcomeInput& in) {
  PlanRecord plan;
  SIAK_ASSIGN_OR_RETURN(VisitRecord visit, OpenVisit(who, visit_id, &plan));
  if (!KnownOutcome(in.outcome)) {
    return Status::Invalid("outcome", in.outcome, "must be recorded, not_at_home, refused, moved_away or died");
  }
  SIAK_ASSIGN_OR_RETURN(Nik nik, Nik::ParseStructure(in.nik, "nik"));
  auto person = store_.GetPerson(nik);
  if (!person.ok() || !InScope(who.scope, person->person.wilayah.digits())) {
    return Status::NotFound("nik", in.nik);
  }
  const std::string village = person->person.wilayah.digits();
  if (village.compare(0, 6, visit.village_code, 0, 6) != 0) {
    return Status::Invalid("nik", in.nik, "lives in another district (" + Name(village.substr(0, 6)) +
                                              "): record the outcome on a visit there");
  }
  if (in.note.size() > 500) return Status::Invalid("note", "", "must be at most 500 characters");
  OutcomeRecord o;
  o.visit_id = visit_id;
  o.nik = std::string(nik.digits());
  o.region_code = village;
  o.outcome = in.outcome;
  o.note = TrimS(in.note);
  o.recorded_by = who.username;
  o.recorded_at = clock_.NowIso();
  OutreachStore os(store_);
  if (in.outcome == "recorded") {
    if (in.recording_id.empty()) {
      return Status::Invalid("recording_id", "",
                             "is required for a recorded person: the id of the recording made with the team's kit");
    }
    SIAK_ASSIGN_OR_RETURN(auto rec, EktpStore(store_).FindRecording(in.recording_id));
    if (!rec || rec->nik != o.nik) {
      return Status::Invalid("recording_id", in.recording_id, "is not a recording of " + o.nik);
    }
    // The team's own recording: made since the plan, and not counted for another visit already.
    if (rec->captured_at.substr(0, 10) < plan.created_at.substr(0, 10)) {
      return Status::Invalid("recording_id", in.recording_id,
                             "was captured on " + rec->captured_at.substr(0, 10) + ", before the plan (" +
                                 plan.created_at.substr(0, 10) + ")");
    }
    SIAK_ASSIGN_OR_RETURN(auto linked, os.OutcomesWithRecording(in.recording_id));
    for (const auto& l : linked) {
      if (l.visit_id != visit_id) {
        return Status::Invalid("recording_id", in.recording_id,
                               "is already the outcome of visit " + std::to_string(l.visit_id));
      }
    }
    o.recording_id = in.recording_id;
  } else if (!in.recording_id.empty()) {
    return Status::Invalid("recording_id", in.recording_id, "is only for the outcome recorded");
  } else if (!WaitsForRecording(person->person.ektp_status) && in.outcome != "moved_away" && in.outcome != "died") {
    return Status::Invalid("nik", in.nik, "is not waiting to be recorded (e-KTP status " +
                                              std::string(EktpStatusName(person->person.ektp_status)) + ")");
  }
  Status st = store_.Transaction([&]() -> Status {
    // A changed report withdraws the task the earlier one opened; a repeated one opens none.
    SIAK_ASSIGN_OR_RETURN(auto before, os.GetOutcome(visit_id, o.nik));
    if (before && before->outcome != o.outcome && (before->outcome == "moved_away" || before->outcome == "died")) {
      SIAK_ASSIGN_OR_RETURN(auto task, os.OpenTask(o.nik, before->outcome));
      if (task && task->visit_id == visit_id) {
        SIAK_RETURN_IF_ERROR(os.CloseTask(task->id, "DISMISSED", who.username, o.recorded_at,
                                          "laporan tim diubah menjadi " + o.outcome));
      }
    }
    SIAK_RETURN_IF_ERROR(os.PutOutcome(o));
    if (in.outcome == "moved_away" || in.outcome == "died") {
      SIAK_ASSIGN_OR_RETURN(auto open, os.OpenTask(o.nik, in.outcome));
      if (!open) {
        TaskRecord t;
        t.kind = in.outcome;
        t.nik = o.nik;
        t.region_code = village;
        t.visit_id = visit_id;
        t.note = o.note;
        t.created_by = who.username;
        t.created_at = o.recorded_at;
        SIAK_RETURN_IF_ERROR(os.InsertTask(t).status());
      }
    }
    if (visit.state == "PLANNED") {
      Status done = os.SetVisitState(visit_id, "PLANNED", "DONE");
      if (!done.ok()) {
        // Cancelled meanwhile by a re-plan: nothing is written.
        return Status::FailedPrecondition("visit " + std::to_string(visit_id) + " was cancelled by a later plan");
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return o;
}

// ---- tasks and outbox -----------------------------------------------------------------------

Result<std::vector<TaskRecord>> OutreachService::Tasks(const Principal& who, const std::string& region,
                                                       const std::string& state, int64_t after_id, int limit) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  if (!state.empty() && state != "OPEN" && state != "DONE" && state != "DISMISSED") {
    return Status::Invalid("state", state, "must be OPEN, DONE or DISMISSED");
  }
  return OutreachStore(store_).Tasks(prefix, state, after_id, limit);
}

Result<TaskRecord> OutreachService::CloseTask(const Principal& who, int64_t id, const std::string& state,
                                              const std::string& resolution) {
  OutreachStore os(store_);
  auto task = os.GetTask(id);
  if (!task.ok() || !InScope(who.scope, task->region_code)) return Status::NotFound("task_id", std::to_string(id));
  if (state != "DONE" && state != "DISMISSED") return Status::Invalid("state", state, "must be DONE or DISMISSED");
  const std::string res = TrimS(resolution);
  if (res.empty() || res.size() > 500) {
    return Status::Invalid("resolution", resolution,
                           "is required (at most 500 characters): what was done, e.g. the move or akta kematian number");
  }
  SIAK_RETURN_IF_ERROR(os.CloseTask(id, state, who.username, clock_.NowIso(), res));
  return os.GetTask(id);
}

Result<std::vector<OutboxRecord>> OutreachService::Outbox(const Principal& who, const std::string& region,
                                                          int64_t after_id, int limit) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  return OutreachStore(store_).Outbox(prefix, after_id, limit);
}

Result<int> OutreachService::Deliver(OutboxSender& sender, int limit) {
  OutreachStore os(store_);
  SIAK_ASSIGN_OR_RETURN(auto pending, os.Pending(limit));
  int sent = 0;
  for (const auto& m : pending) {
    Status s = sender.Send(m);
    if (s.ok()) {
      SIAK_RETURN_IF_ERROR(os.MarkSent(m.id, clock_.NowIso()));
      ++sent;
    } else {
      SIAK_RETURN_IF_ERROR(os.MarkFailed(m.id, s.ToString(), m.attempts + 1 >= 3));
    }
  }
  return sent;
}

// ---- targets and projection -----------------------------------------------------------------

Status OutreachService::SetTarget(const Principal& who, const std::string& region, double rate, const Date& date) {
  SIAK_ASSIGN_OR_RETURN(std::string code, Scope(who, region, "region_code", false));
  if (!(rate > 0 && rate <= 1)) return Status::Invalid("target_rate", std::to_string(rate), "must be in (0, 1]");
  if (date < clock_.Today()) return Status::Invalid("target_date", date.ToString(), "must not be in the past");
  return OutreachStore(store_).PutTarget({code, rate, date.ToString(), who.username, clock_.NowIso()});
}

Result<std::vector<CoveragePoint>> OutreachService::History(const Principal& who, const std::string& region,
                                                            int days) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  if (days < 7 || days > 3660) return Status::Invalid("days", std::to_string(days), "must be 7..3660");
  const Date today = clock_.Today();
  SIAK_ASSIGN_OR_RETURN(auto series, OutreachStore(store_).SnapshotSeries(prefix, static_cast<int>(prefix.size()),
                                                                          today.AddDays(-days).ToString()));
  std::vector<CoveragePoint> out;
  for (const auto& s : series) {
    auto day = Date::Parse(s.day);
    if (day.ok() && *day < today) out.push_back({*day, s.wajib_ktp, s.recorded});
  }
  SIAK_ASSIGN_OR_RETURN(auto live, EktpStore(store_).CoverageCounts(prefix, static_cast<int>(prefix.size())));
  CoveragePoint now{today, 0, 0};
  for (const auto& [code, by_status] : live) AddCoverage(by_status, &now.wajib_ktp, &now.recorded);
  out.push_back(now);
  return out;
}

Result<std::vector<RegionProjection>> OutreachService::Projections(const Principal& who, const std::string& region,
                                                                   int window_days) {
  SIAK_ASSIGN_OR_RETURN(std::string prefix, Scope(who, region));
  if (window_days < 14 || window_days > 730) {
    return Status::Invalid("window_days", std::to_string(window_days), "must be 14..730");
  }
  const int child = ChildRegionDigits(prefix.size());
  const Date today = clock_.Today();
  OutreachStore os(store_);
  SIAK_ASSIGN_OR_RETURN(auto series, os.SnapshotSeries(prefix, child, today.AddDays(-window_days).ToString()));
  SIAK_ASSIGN_OR_RETURN(auto live, EktpStore(store_).CoverageCounts(prefix, child));
  SIAK_ASSIGN_OR_RETURN(auto targets, os.Targets());
  std::map<std::string, std::vector<CoveragePoint>> points;
  for (const auto& s : series) {
    auto day = Date::Parse(s.day);
    if (day.ok() && *day < today) points[s.region_code].push_back({*day, s.wajib_ktp, s.recorded});
  }
  std::map<std::string, std::pair<int64_t, int64_t>> now;  // wajib, recorded
  for (const auto& [code, by_status] : live) {
    auto& [w, r] = now[code];
    AddCoverage(by_status, &w, &r);
  }
  std::set<std::string> codes;
  for (const auto& [c, p] : points) codes.insert(c);
  for (const auto& [c, p] : now) codes.insert(c);
  std::vector<RegionProjection> out;
  for (const std::string& code : codes) {
    RegionProjection rp;
    rp.region_code = code;
    rp.name = Name(code);
    auto& pts = points[code];
    if (auto it = now.find(code); it != now.end()) {
      rp.wajib_ktp = it->second.first;
      rp.recorded = it->second.second;
      pts.push_back({today, rp.wajib_ktp, rp.recorded});
    }
    const TargetRecord* best = nullptr;
    for (const auto& t : targets) {
      if (code.rfind(t.region_code, 0) == 0 && (!best || t.region_code.size() > best->region_code.size())) best = &t;
    }
    if (best) {
      rp.target = *best;
    } else {
      rp.default_target = true;
      rp.target = {"", kDefaultTargetRate, std::to_string(today.year()) + "-12-31", "", ""};
    }
    auto target_date = Date::Parse(rp.target.target_date);
    rp.projection = ProjectTarget({pts, rp.target.target_rate, target_date.ok() ? *target_date : today, today,
                                   window_days});
    out.push_back(std::move(rp));
  }
  auto rank = [](const RegionProjection& r) {
    switch (r.projection.status) {
      case ProjectionStatus::kNoProgress: return 0;
      case ProjectionStatus::kOffTrack: return 1;
      case ProjectionStatus::kInsufficientData: return 2;
      case ProjectionStatus::kOnTrack: return 3;
      case ProjectionStatus::kReached: return 4;
    }
    return 5;
  };
  std::stable_sort(out.begin(), out.end(), [&](const RegionProjection& a, const RegionProjection& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    const int64_t pa = a.projection.projected ? a.projection.projected->ToDays() : INT64_MAX;
    const int64_t pb = b.projection.projected ? b.projection.projected->ToDays() : INT64_MAX;
    if (pa != pb) return pa > pb;  // the latest first
    return a.region_code < b.region_code;
  });
  return out;
}

Result<int64_t> OutreachService::Snapshot(const Date& day) {
  int64_t rows = 0;
  Status st = store_.Transaction([&]() -> Status {
    SIAK_RETURN_IF_ERROR(EktpStore(store_).CompactCoverage().status());
    SIAK_ASSIGN_OR_RETURN(rows, OutreachStore(store_).TakeSnapshot(day.ToString()));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return rows;
}

}  // namespace siak
