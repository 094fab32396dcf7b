// Data-driven domain rules: NIK structure, wajib KTP eligibility and the e-KTP lifecycle.
//
// The cases live in plain-text files beside this one (nik_cases.txt, eligibility_cases.txt,
// ektp_transitions.txt), each documenting its own line format at the top. The files are read
// from SIAK_RULES_DIR. A missing file, an unreadable line or a file without cases FAILS the
// test (never a skip), and every failing case is reported as file:line.
#include <gtest/gtest.h>

#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "common/date.h"
#include "domain/code_tables.h"
#include "domain/eligibility.h"
#include "domain/ektp_status.h"
#include "domain/known_districts.h"
#include "domain/nik.h"
#include "domain/region_code.h"

#ifndef SIAK_RULES_DIR
#define SIAK_RULES_DIR "tests/rules"
#endif

namespace siak {
namespace {

// ---------------------------------------------------------------------------------------------
// Reading rule files

struct RuleLine {
  int number = 0;                   // 1-based line in the file
  std::string text;                 // without the comment
  std::vector<std::string> fields;  // whitespace-separated
};

struct RuleFile {
  std::string path;
  bool opened = false;
  std::vector<RuleLine> lines;  // non-blank lines only
};

RuleFile LoadRules(const std::string& name) {
  RuleFile file;
  file.path = std::string(SIAK_RULES_DIR) + "/" + name;
  std::ifstream in(file.path);
  if (!in) return file;
  file.opened = true;
  std::string raw;
  int number = 0;
  while (std::getline(in, raw)) {
    ++number;
    if (auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
    RuleLine line{.number = number, .text = raw, .fields = {}};
    std::istringstream words(raw);
    for (std::string w; words >> w;) line.fields.push_back(w);
    if (!line.fields.empty()) file.lines.push_back(std::move(line));
  }
  return file;
}

// A failure attributed to file:line of the case.
#define SIAK_CASE_FAILURE(file, line) \
  ADD_FAILURE_AT((file).path.c_str(), (line).number) << "case `" << (line).text << "`: "

std::string Spaces(std::string s) {
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

std::optional<int> ToInt(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<Date> ToDate(std::string_view s) {
  auto d = Date::Parse(s);
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::optional<JenisKelamin> ToSex(std::string_view s) {
  if (s == "L") return JenisKelamin::kLakiLaki;
  if (s == "P") return JenisKelamin::kPerempuan;
  return std::nullopt;
}

std::optional<EktpStatus> StatusByName(std::string_view name) {
  auto s = EktpStatusFromName(name);
  if (!s.ok()) return std::nullopt;
  return *s;
}

std::optional<EktpEvent> EventByName(std::string_view name) {
  for (int n = 0; n <= 64; ++n) {
    auto e = EktpEventFromNumber(n);
    if (e.ok() && EktpEventName(*e) == name) return *e;
  }
  return std::nullopt;
}

std::vector<EktpEvent> AllEvents() {
  std::vector<EktpEvent> out;
  for (int n = 0; n <= 64; ++n) {
    auto e = EktpEventFromNumber(n);
    if (e.ok()) out.push_back(*e);
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out.empty() ? "-" : out;
}

// ---------------------------------------------------------------------------------------------
// nik_cases.txt

TEST(NikRules, Cases) {
  const RuleFile file = LoadRules("nik_cases.txt");
  ASSERT_TRUE(file.opened) << "rule file missing: " << file.path;

  KnownDistricts districts;
  for (const auto& line : file.lines) {
    if (line.fields[0] != "district") continue;
    auto code = RegionCode::Parse(line.fields.size() == 2 ? line.fields[1] : "");
    if (!code.ok() || code->level() != RegionLevel::kDistrict) {
      SIAK_CASE_FAILURE(file, line) << "expected `district PP.RR.DD`";
      continue;
    }
    districts.Add(code->digits());
  }

  std::map<std::string, int> counts;
  for (const auto& line : file.lines) {
    const auto& f = line.fields;
    const std::string& kind = f[0];
    if (kind == "district") continue;

    if (kind == "valid" && f.size() == 9) {
      const auto sex = ToSex(f[3]);
      const auto day = ToInt(f[4]), month = ToInt(f[5]), yy = ToInt(f[6]), serial = ToInt(f[7]);
      if ((f[2] != "nik" && f[2] != "nit") || !sex || !day || !month || !yy || !serial) {
        SIAK_CASE_FAILURE(file, line) << "malformed valid line";
        continue;
      }
      ++counts[kind];
      auto nik = Nik::Parse(f[1], districts);
      if (!nik.ok()) {
        SIAK_CASE_FAILURE(file, line) << "rejected: " << nik.status().ToString();
        continue;
      }
      if (!Nik::ParseStructure(f[1]).ok()) SIAK_CASE_FAILURE(file, line) << "ParseStructure rejects it";
      const NikKind want_kind = f[2] == "nit" ? NikKind::kNit : NikKind::kNik;
      if (nik->kind() != want_kind) SIAK_CASE_FAILURE(file, line) << "kind differs";
      if (nik->sex() != *sex) SIAK_CASE_FAILURE(file, line) << "sex decoded as " << LabelOf(nik->sex());
      if (nik->birth_day() != *day) SIAK_CASE_FAILURE(file, line) << "day decoded as " << nik->birth_day();
      if (nik->birth_month() != *month) SIAK_CASE_FAILURE(file, line) << "month decoded as " << nik->birth_month();
      if (nik->birth_year_2d() != *yy) SIAK_CASE_FAILURE(file, line) << "year decoded as " << nik->birth_year_2d();
      if (nik->serial() != *serial) SIAK_CASE_FAILURE(file, line) << "serial decoded as " << nik->serial();
      if (want_kind == NikKind::kNik) {
        if (nik->district_code() != f[8]) {
          SIAK_CASE_FAILURE(file, line) << "district decoded as " << nik->district_code();
        }
      } else {
        const auto slash = f[8].find('/');
        const auto country = ToInt(f[8].substr(0, slash));
        const auto mission = slash == std::string::npos ? std::nullopt : ToInt(f[8].substr(slash + 1));
        if (!country || !mission) {
          SIAK_CASE_FAILURE(file, line) << "expected COUNTRY/MISSION";
        } else if (nik->nit_country() != *country || nik->nit_mission() != *mission ||
                   !nik->district_code().empty()) {
          SIAK_CASE_FAILURE(file, line) << "decoded as country " << nik->nit_country() << " mission "
                                        << nik->nit_mission() << " district '" << nik->district_code() << "'";
        }
      }
    } else if (kind == "invalid" && f.size() == 3) {
      ++counts[kind];
      auto nik = Nik::Parse(f[1], districts);
      if (nik.ok()) {
        SIAK_CASE_FAILURE(file, line) << "accepted";
      } else if (nik.status().code() != StatusCode::kInvalidArgument || nik.status().field() != "nik" ||
                 nik.status().value() != f[1]) {
        SIAK_CASE_FAILURE(file, line) << "status does not name field and value: " << nik.status().ToString();
      } else if (nik.status().rule().find(Spaces(f[2])) == std::string::npos) {
        SIAK_CASE_FAILURE(file, line) << "rule '" << nik.status().rule() << "' lacks '" << Spaces(f[2]) << "'";
      }
    } else if (kind == "unknown" && f.size() == 2) {
      ++counts[kind];
      auto structure = Nik::ParseStructure(f[1]);
      auto nik = Nik::Parse(f[1], districts);
      if (!structure.ok()) {
        SIAK_CASE_FAILURE(file, line) << "structure rejected: " << structure.status().ToString();
      } else if (nik.ok()) {
        SIAK_CASE_FAILURE(file, line) << "accepted with an undeclared district";
      } else if (nik.status().rule().find("not a kecamatan") == std::string::npos ||
                 nik.status().rule().find(DottedRegionCode(f[1].substr(0, 6))) == std::string::npos) {
        SIAK_CASE_FAILURE(file, line) << "rule does not name the district: " << nik.status().rule();
      }
    } else if (kind == "birth" && f.size() == 4) {
      const auto reference = ToDate(f[2]);
      const auto expected = ToDate(f[3]);
      if (!reference || (!expected && f[3] != "none")) {
        SIAK_CASE_FAILURE(file, line) << "malformed birth line";
        continue;
      }
      ++counts[kind];
      auto nik = Nik::ParseStructure(f[1]);
      if (!nik.ok()) {
        SIAK_CASE_FAILURE(file, line) << "rejected: " << nik.status().ToString();
        continue;
      }
      auto born = nik->BirthDate(*reference);
      if (!expected) {
        if (born.ok()) SIAK_CASE_FAILURE(file, line) << "resolved to " << born->ToString() << ", expected none";
      } else if (!born.ok()) {
        SIAK_CASE_FAILURE(file, line) << "failed: " << born.status().ToString();
      } else if (*born != *expected) {
        SIAK_CASE_FAILURE(file, line) << "resolved to " << born->ToString();
      }
    } else if (kind == "check" && f.size() == 5) {
      const auto recorded = ToDate(f[2]);
      const auto sex = ToSex(f[3]);
      if (!recorded || !sex) {
        SIAK_CASE_FAILURE(file, line) << "malformed check line";
        continue;
      }
      ++counts[kind];
      auto nik = Nik::Parse(f[1], districts);
      if (!nik.ok()) {
        SIAK_CASE_FAILURE(file, line) << "rejected: " << nik.status().ToString();
        continue;
      }
      std::vector<std::string> got;
      for (const auto& w : nik->CheckAgainst(*recorded, *sex)) {
        got.push_back(w.field);
        if (w.message.find("stays as issued") == std::string::npos) {
          SIAK_CASE_FAILURE(file, line) << "warning does not say the NIK stays: " << w.message;
        }
      }
      if (Join(got) != f[4]) SIAK_CASE_FAILURE(file, line) << "warnings " << Join(got);
    } else {
      SIAK_CASE_FAILURE(file, line) << "unknown line kind or wrong number of fields";
    }
  }

  int total = 0;
  for (const char* kind : {"valid", "invalid", "unknown", "birth", "check"}) {
    EXPECT_GT(counts[kind], 0) << file.path << " has no '" << kind << "' cases";
    total += counts[kind];
  }
  EXPECT_GT(districts.size(), 0u) << file.path << " declares no district";
  ASSERT_GT(total, 0) << file.path << " has no cases";
}

// ---------------------------------------------------------------------------------------------
// eligibility_cases.txt

TEST(EligibilityRules, Cases) {
  const RuleFile file = LoadRules("eligibility_cases.txt");
  ASSERT_TRUE(file.opened) << "rule file missing: " << file.path;

  int cases = 0, wajib = 0;
  for (const auto& line : file.lines) {
    const auto& f = line.fields;
    if (f.size() != 8) {
      SIAK_CASE_FAILURE(file, line) << "expected 8 fields, found " << f.size();
      continue;
    }
    const auto citizen_code = ToInt(f[0]), kitap = ToInt(f[1]), marital_code = ToInt(f[3]),
               dasar_code = ToInt(f[4]);
    const auto born = ToDate(f[2]), on = ToDate(f[5]);
    if (!citizen_code || !kitap || (*kitap != 0 && *kitap != 1) || !marital_code || !dasar_code || !born ||
        !on || (f[6] != "wajib" && f[6] != "not")) {
      SIAK_CASE_FAILURE(file, line) << "malformed line";
      continue;
    }
    auto citizen = CodeFromNumber<Kewarganegaraan>(*citizen_code);
    auto marital = CodeFromNumber<StatusPerkawinan>(*marital_code);
    auto dasar = CodeFromNumber<StatusDasar>(*dasar_code);
    if (!citizen.ok() || !marital.ok() || !dasar.ok()) {
      SIAK_CASE_FAILURE(file, line) << "bad code: " << citizen.status().ToString() << " "
                                    << marital.status().ToString() << " " << dasar.status().ToString();
      continue;
    }
    ++cases;
    const bool want = f[6] == "wajib";
    wajib += want ? 1 : 0;
    const EligibilityFacts facts{.kewarganegaraan = *citizen,
                                 .kitap = *kitap == 1,
                                 .tanggal_lahir = *born,
                                 .status_perkawinan = *marital,
                                 .status_dasar = *dasar};
    const Eligibility got = WajibKtp(facts, *on);
    const std::string who = std::string(LabelOf(*citizen)) + (*kitap ? " with KITAP" : "") + ", " +
                            std::string(LabelOf(*marital)) + ", " + std::string(LabelOf(*dasar));
    if (got.wajib_ktp != want) {
      SIAK_CASE_FAILURE(file, line) << who << ": got " << (got.wajib_ktp ? "wajib" : "not") << " (" << got.reason
                                    << ")";
    } else if (got.reason.find(Spaces(f[7])) == std::string::npos) {
      SIAK_CASE_FAILURE(file, line) << who << ": reason '" << got.reason << "' lacks '" << Spaces(f[7]) << "'";
    }
  }
  EXPECT_GT(wajib, 0) << file.path << " has no wajib case";
  EXPECT_LT(wajib, cases) << file.path << " has no 'not' case";
  ASSERT_GT(cases, 0) << file.path << " has no cases";
}

TEST(EligibilityTest, SeventeenthBirthday) {
  auto D = [](int y, int m, int d) { return *Date::FromYmd(y, m, d); };
  EXPECT_EQ(SeventeenthBirthday(D(2008, 3, 15)).ToString(), "2025-03-15");
  EXPECT_EQ(SeventeenthBirthday(D(2008, 2, 29)).ToString(), "2025-03-01");
  EXPECT_EQ(SeventeenthBirthday(D(2008, 2, 28)).ToString(), "2025-02-28");
  EXPECT_EQ(SeventeenthBirthday(D(2008, 12, 31)).ToString(), "2025-12-31");
  // The 17th birthday is the first day WajibKtp says yes to a never-married WNI.
  for (Date born = D(2000, 1, 1); born <= D(2009, 1, 1); born = born.AddDays(13)) {
    const Date first = SeventeenthBirthday(born);
    EligibilityFacts facts{.kewarganegaraan = Kewarganegaraan::kWni,
                           .kitap = false,
                           .tanggal_lahir = born,
                           .status_perkawinan = StatusPerkawinan::kBelumKawin,
                           .status_dasar = StatusDasar::kHidup};
    EXPECT_TRUE(WajibKtp(facts, first).wajib_ktp) << born.ToString();
    EXPECT_FALSE(WajibKtp(facts, first.AddDays(-1)).wajib_ktp) << born.ToString();
  }
}

// ---------------------------------------------------------------------------------------------
// ektp_transitions.txt

TEST(EktpRules, Cases) {
  const RuleFile file = LoadRules("ektp_transitions.txt");
  ASSERT_TRUE(file.opened) << "rule file missing: " << file.path;

  using Key = std::tuple<int, int, int>;  // from, event, to
  std::map<Key, int> allowed_in_file;     // -> line
  std::map<std::string, int> counts;
  for (const auto& line : file.lines) {
    const auto& f = line.fields;
    const std::string& kind = f[0];
    if (kind == "allow" && f.size() == 4) {
      const auto from = StatusByName(f[1]), to = StatusByName(f[3]);
      const auto event = EventByName(f[2]);
      if (!from || !to || !event) {
        SIAK_CASE_FAILURE(file, line) << "unknown status or event name";
        continue;
      }
      ++counts[kind];
      const Key key{static_cast<int>(*from), static_cast<int>(*event), static_cast<int>(*to)};
      if (auto [it, inserted] = allowed_in_file.emplace(key, line.number); !inserted) {
        SIAK_CASE_FAILURE(file, line) << "listed twice (also line " << it->second << ")";
      }
      auto next = NextEktpStatus(*from, *event);
      if (!next) {
        SIAK_CASE_FAILURE(file, line) << "forbidden by kEktpTransitions";
      } else if (*next != *to) {
        SIAK_CASE_FAILURE(file, line) << "leads to " << EktpStatusName(*next);
      }
    } else if (kind == "forbid" && f.size() == 3) {
      const auto from = StatusByName(f[1]);
      const auto event = f[2] == "*" ? std::nullopt : EventByName(f[2]);
      if (!from || (f[2] != "*" && !event)) {
        SIAK_CASE_FAILURE(file, line) << "unknown status or event name";
        continue;
      }
      ++counts[kind];
      const std::vector<EktpEvent> events = event ? std::vector<EktpEvent>{*event} : AllEvents();
      for (EktpEvent e : events) {
        if (auto next = NextEktpStatus(*from, e)) {
          SIAK_CASE_FAILURE(file, line) << EktpEventName(e) << " is allowed, leads to " << EktpStatusName(*next);
        }
      }
    } else if (kind == "fold" && f.size() >= 2) {
      const auto final_status = StatusByName(f[1]);
      std::vector<EktpEvent> events;
      bool names_ok = final_status.has_value();
      for (size_t i = 2; i < f.size(); ++i) {
        auto e = EventByName(f[i]);
        if (!e) names_ok = false;
        if (e) events.push_back(*e);
      }
      if (!names_ok) {
        SIAK_CASE_FAILURE(file, line) << "unknown status or event name";
        continue;
      }
      ++counts[kind];
      auto got = FoldEktpEvents(events);
      if (!got.ok()) {
        SIAK_CASE_FAILURE(file, line) << "fold failed: " << got.status().ToString();
      } else if (*got != *final_status) {
        SIAK_CASE_FAILURE(file, line) << "ends in " << EktpStatusName(*got);
      }
    } else if (kind == "fail" && f.size() >= 4) {
      const auto index = ToInt(f[1]);
      const auto status = StatusByName(f[2]);
      std::vector<EktpEvent> events;
      bool names_ok = index.has_value() && status.has_value();
      for (size_t i = 3; i < f.size(); ++i) {
        auto e = EventByName(f[i]);
        if (!e) names_ok = false;
        if (e) events.push_back(*e);
      }
      if (!names_ok || *index < 0 || static_cast<size_t>(*index) >= events.size()) {
        SIAK_CASE_FAILURE(file, line) << "malformed fail line";
        continue;
      }
      ++counts[kind];
      auto got = FoldEktpEvents(events);
      const std::string want_field = "events[" + std::to_string(*index) + "]";
      if (got.ok()) {
        SIAK_CASE_FAILURE(file, line) << "fold succeeded, ending in " << EktpStatusName(*got);
      } else if (got.status().field() != want_field) {
        SIAK_CASE_FAILURE(file, line) << "failed at " << got.status().field() << ": " << got.status().ToString();
      } else if (got.status().value() != EktpEventName(events[static_cast<size_t>(*index)]) ||
                 got.status().rule() != "not allowed in status " + std::string(EktpStatusName(*status))) {
        SIAK_CASE_FAILURE(file, line) << "wrong failure: " << got.status().ToString();
      }
    } else {
      SIAK_CASE_FAILURE(file, line) << "unknown line kind or wrong number of fields";
    }
  }

  // The file must list the whole table: a change to kEktpTransitions needs a change here.
  size_t table_rows = 0;
  for (const auto& t : kEktpTransitions) {
    ++table_rows;
    const Key key{static_cast<int>(t.from), static_cast<int>(t.event), static_cast<int>(t.to)};
    EXPECT_TRUE(allowed_in_file.count(key))
        << file.path << " lacks `allow " << EktpStatusName(t.from) << " " << EktpEventName(t.event) << " "
        << EktpStatusName(t.to) << "`";
  }
  EXPECT_EQ(allowed_in_file.size(), table_rows) << file.path << " and kEktpTransitions differ in size";

  for (const char* kind : {"allow", "forbid", "fold", "fail"}) {
    EXPECT_GT(counts[kind], 0) << file.path << " has no '" << kind << "' cases";
  }
  ASSERT_GT(counts["allow"] + counts["forbid"] + counts["fold"] + counts["fail"], 0) << file.path << " has no cases";
}

TEST(EktpStatusTest, NamesRoundTripAndAreUnique) {
  std::set<std::string_view> names;
  for (int i = 0; i < kEktpStatusCount; ++i) {
    const auto status = static_cast<EktpStatus>(i);
    const std::string_view name = EktpStatusName(status);
    EXPECT_NE(name, "?") << i;
    EXPECT_TRUE(names.insert(name).second) << name;
    auto back = EktpStatusFromName(name);
    ASSERT_TRUE(back.ok()) << name;
    EXPECT_EQ(*back, status);
  }
  EXPECT_EQ(EktpStatusName(EktpStatus::kPrintReadyRecord), "PRINT_READY_RECORD");
  auto bad = EktpStatusFromName("print_ready_record");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "ektp_status");
  EXPECT_FALSE(EktpStatusFromName("").ok());
}

TEST(EktpStatusTest, EventNumbersAreStable) {
  std::set<std::string_view> names;
  for (int n = 1; n <= 16; ++n) {
    auto e = EktpEventFromNumber(n);
    ASSERT_TRUE(e.ok()) << n;
    EXPECT_EQ(static_cast<int>(*e), n);
    EXPECT_NE(EktpEventName(*e), "?") << n;
    EXPECT_TRUE(names.insert(EktpEventName(*e)).second) << EktpEventName(*e);
  }
  EXPECT_EQ(AllEvents().size(), 16u);
  EXPECT_FALSE(EktpEventFromNumber(0).ok());
  EXPECT_FALSE(EktpEventFromNumber(17).ok());
  EXPECT_EQ(EktpEventFromNumber(17).status().field(), "ektp_event");
  EXPECT_EQ(static_cast<int>(EktpEvent::kAbisUnique), 3);
  EXPECT_EQ(EktpEventName(EktpEvent::kAbisUnique), "abis_unique");
  EXPECT_EQ(static_cast<int>(EktpEvent::kSuketIssued), 15);
  EXPECT_EQ(static_cast<int>(EktpEvent::kAdjudicatedSurvivor), 16);
}

TEST(EktpStatusTest, TableIsDeterministicAndEveryStatusIsReachable) {
  std::set<std::pair<int, int>> seen;
  for (const auto& t : kEktpTransitions) {
    EXPECT_TRUE(seen.insert({static_cast<int>(t.from), static_cast<int>(t.event)}).second)
        << "two rows for " << EktpStatusName(t.from) << " + " << EktpEventName(t.event);
  }
  std::set<EktpStatus> reached = {EktpStatus::kBelumWajib};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& t : kEktpTransitions) {
      if (reached.count(t.from) && reached.insert(t.to).second) grew = true;
    }
  }
  EXPECT_EQ(reached.size(), static_cast<size_t>(kEktpStatusCount));
  // MERGED is the only status with no way out.
  for (int i = 0; i < kEktpStatusCount; ++i) {
    const auto status = static_cast<EktpStatus>(i);
    bool has_exit = false;
    for (EktpEvent e : AllEvents()) has_exit = has_exit || NextEktpStatus(status, e).has_value();
    EXPECT_EQ(has_exit, status != EktpStatus::kMerged) << EktpStatusName(status);
  }
}

}  // namespace
}  // namespace siak
