// Jemput bola over HTTP, on both backends: the unrecorded of a district are found and counted by
// RT/RW; a flagged village ranks first with its reasons; two teams are planned; the invitations
// are printed and queued once; a team records one person (linking the recording), finds another
// not at home and a third moved away (a register task, the register untouched); progress, the
// projection and a re-plan follow; bad input names the field; another region sees nothing.
#include <ctime>
#include <set>

#include "tests/api/api_server.h"

namespace siak::testing {
namespace {

class OutreachApi : public ApiBackendTest {};

std::string Today(int plus = 0) { return Date::FromDays(std::time(nullptr) / 86400 + plus).ToString(); }

std::string Adult(ApiServer& s, const std::string& name, const std::string& village, int rt) {
  HttpResult r = s.As("admin", "POST", "/api/v1/persons",
                      PersonBody(name, "1990-05-05", 1, village, Json{{"rt", rt}, {"rw", 2}}).dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return r.json().value("nik", "");
}

TEST_P(OutreachApi, FindPlanInviteVisitAndProject) {
  static int round = 0;
  const std::string tag = std::to_string(++round) + GetParam().substr(0, 1);
  // Three unrecorded adults in Maleber (32.73.05.1001), one in Garuda (32.73.05.1005).
  const std::string a = Adult(*s_, "Rekam Jemput", "32.73.05.1001", 1);
  const std::string b = Adult(*s_, "Tidak Dirumah", "32.73.05.1001", 1);
  const std::string c = Adult(*s_, "Pindah Jauh", "32.73.05.1001", 3);
  const std::string d = Adult(*s_, "Pulau Terluar", "32.73.05.1005", 1);
  ASSERT_FALSE(a.empty() || b.empty() || c.empty() || d.empty());

  // Who is missing: counted by village and RT/RW, listed with the persons (audited).
  HttpResult counts = s_->As("registrar", "GET", "/api/v1/outreach/unrecorded/counts?region=32.73.05");
  ASSERT_EQ(counts.status, 200) << counts.body;
  int64_t maleber = 0, maleber_rt1 = 0;
  for (const auto& v : counts.json()["villages"]) {
    if (v["region_code"] != "3273051001") continue;
    maleber = v["persons"];
    EXPECT_EQ(v["name"], "Maleber");
    for (const auto& r : v["rt_rw"]) {
      if (r["rt"] == 1 && r["rw"] == 2) maleber_rt1 = r["persons"];
    }
  }
  EXPECT_GE(maleber, 3);
  EXPECT_GE(maleber_rt1, 2);
  HttpResult list = s_->As("registrar", "GET", "/api/v1/outreach/unrecorded?region=32.73.05.1001&limit=1000");
  ASSERT_EQ(list.status, 200) << list.body;
  std::set<std::string> listed;
  for (const auto& p : list.json()["persons"]) listed.insert(p["nik"]);
  EXPECT_TRUE(listed.contains(a) && listed.contains(b) && listed.contains(c)) << list.body.substr(0, 500);
  EXPECT_FALSE(listed.contains(d));  // another village
  // A page at a time, in order, nobody twice.
  HttpResult page = s_->As("registrar", "GET", "/api/v1/outreach/unrecorded?region=32.73.05.1001&limit=1");
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(page.json()["next_after"].is_string());
  HttpResult page2 = s_->As("registrar", "GET", "/api/v1/outreach/unrecorded?region=32.73.05.1001&limit=1&after=" +
                                                    page.json()["next_after"].get<std::string>());
  ASSERT_EQ(page2.status, 200) << page2.body;
  EXPECT_NE(page.json()["persons"][0]["nik"], page2.json()["persons"][0]["nik"]);
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + a + "&limit=50");
  std::set<std::string> ops;
  for (const auto& e : audit.json()["items"]) ops.insert(e["action"].get<std::string>());
  EXPECT_TRUE(ops.contains("listUnrecorded")) << audit.body.substr(0, 800);

  // A flag on Garuda (demo list) puts it first, with the reason.
  HttpResult flag = s_->As("admin", "POST", "/api/v1/outreach/flags",
                           Json{{"region_code", "32.73.05.1005"}, {"flag", "pulau_terluar"}, {"source", "uji"}}.dump());
  ASSERT_EQ(flag.status, 201) << flag.body;
  HttpResult ranked = s_->As("supervisor", "GET", "/api/v1/outreach/priority?region=32.73.05");
  ASSERT_EQ(ranked.status, 200) << ranked.body;
  ASSERT_FALSE(ranked.json()["villages"].empty());
  // Garuda and Maleber differ only in the flag (both unrecorded, nobody recorded): its weight is
  // the flag's more, and the flag is its first reason.
  const Json* garuda = nullptr;
  const Json* maleber_row = nullptr;
  for (const auto& v : ranked.json()["villages"]) {
    if (v["village_code"] == "3273051005") garuda = &v;
    if (v["village_code"] == "3273051001") maleber_row = &v;
  }
  ASSERT_TRUE(garuda && maleber_row) << ranked.body.substr(0, 800);
  ASSERT_FALSE((*garuda)["reasons"].empty());
  EXPECT_EQ((*garuda)["reasons"][0]["code"], "pulau_terluar");
  EXPECT_NE((*garuda)["reasons"][0]["text"].get<std::string>().find("Pulau kecil terluar"), std::string::npos);
  EXPECT_NEAR((*garuda)["weight"].get<double>() - (*maleber_row)["weight"].get<double>(), 3.0, 1e-9);
  EXPECT_NEAR((*garuda)["score"].get<double>(),
              (*garuda)["weight"].get<double>() * (*garuda)["unrecorded"].get<double>(), 1e-9);
  // The island layer comes first; within a layer, by score.
  EXPECT_EQ(ranked.json()["villages"][0]["village_code"], "3273051005");
  EXPECT_EQ(ranked.json()["villages"][0]["tier"], 3);
  double previous = 1e300;
  int tier = 3;
  for (const auto& v : ranked.json()["villages"]) {
    if (v["unrecorded"] == 0) break;
    EXPECT_LE(v["tier"].get<int>(), tier);
    if (v["tier"].get<int>() < tier) {
      tier = v["tier"];
      previous = 1e300;
    }
    EXPECT_LE(v["score"].get<double>(), previous);
    previous = v["score"];
  }

  // Two teams, two weeks, a month ahead (the permission test plans all of 32.73 for this week;
  // plans of a region and of a district in it must not overlap).
  std::vector<int64_t> teams;
  for (const char* name : {"Tim Andir A", "Tim Andir B"}) {
    HttpResult t = s_->As("supervisor", "POST", "/api/v1/outreach/teams",
                          Json{{"name", std::string(name) + " " + tag}, {"region_code", "32.73"},
                               {"home_district", "32.73.05"}, {"members", {"Dedi", "Sari"}},
                               {"devices", {"KIT-" + tag}}, {"capacity_per_day", 40}, {"working_days", "1234567"}}
                              .dump());
    ASSERT_EQ(t.status, 201) << t.body;
    teams.push_back(t.json()["id"]);
  }
  HttpResult plan = s_->As("supervisor", "POST", "/api/v1/outreach/plans",
                           Json{{"region_code", "32.73.05"}, {"from", Today(30)}, {"to", Today(43)}, {"team_ids", teams}}
                               .dump());
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_id = std::to_string(plan.json()["id"].get<int64_t>());
  std::string visit;
  for (const auto& v : plan.json()["visits"]) {
    if (v["village_code"] == "3273051001") visit = std::to_string(v["id"].get<int64_t>());
    EXPECT_LE(v["planned"].get<int64_t>(), 40);
  }
  ASSERT_FALSE(visit.empty()) << plan.body.substr(0, 1500);
  HttpResult pdf = s_->As("registrar", "GET", "/api/v1/outreach/plans/" + plan_id + "/plan.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  HttpResult team_pdf = s_->As("registrar", "GET", "/api/v1/outreach/plans/" + plan_id + "/plan.pdf?team=" +
                                                       std::to_string(teams[0]));
  EXPECT_EQ(team_pdf.status, 200);

  // Invitations: letters for the households, messages queued once.
  const std::string official = "official_name=Drs.%20Uji&official_nip=197001011990031001";
  HttpResult letters = s_->As("recorder", "GET", "/api/v1/outreach/visits/" + visit + "/invitations.pdf?" + official);
  ASSERT_EQ(letters.status, 200) << letters.body.substr(0, 300);
  EXPECT_EQ(letters.body.substr(0, 5), "%PDF-");
  const Json inv_body = {{"official_name", "Drs. Uji"}, {"official_nip", "197001011990031001"}};
  HttpResult queued = s_->As("recorder", "POST", "/api/v1/outreach/visits/" + visit + "/invitations", inv_body.dump());
  ASSERT_EQ(queued.status, 200) << queued.body;
  EXPECT_GE(queued.json()["households"].get<int>(), 3);
  EXPECT_EQ(queued.json()["messages_queued"], 2 * queued.json()["households"].get<int>());
  HttpResult again = s_->As("recorder", "POST", "/api/v1/outreach/visits/" + visit + "/invitations", inv_body.dump());
  EXPECT_EQ(again.json()["messages_queued"], 0) << again.body;
  HttpResult no_nip = s_->As("recorder", "GET", "/api/v1/outreach/visits/" + visit + "/invitations.pdf");
  EXPECT_EQ(no_nip.status, 422);
  EXPECT_NE(no_nip.body.find("official"), std::string::npos) << no_nip.body;
  HttpResult outbox = s_->As("supervisor", "GET", "/api/v1/outreach/outbox?region=32.73.05&limit=1000");
  ASSERT_EQ(outbox.status, 200);
  bool sms = false;
  for (const auto& m : outbox.json()["messages"]) {
    if (m["channel"] == "sms" && m["visit_id"] == std::stoll(visit)) {
      sms = true;
      EXPECT_LE(m["body"].get<std::string>().size(), 160u);
    }
  }
  EXPECT_TRUE(sms) << outbox.body.substr(0, 500);

  // The team records `a` (the recording is linked), `b` is not at home, `c` moved away.
  // Captured now, after the plan was made: the fixture's default (an hour ago) falls on the day
  // before the plan when the test runs in the first hour after midnight UTC.
  EktpSites sites = MakeEktpSites(*s_, "JB" + tag);
  Json rec_body = EktpRecordingBody(sites, "jb-" + a, a, 7'000'000 + round);
  rec_body["captured_at"] = NowUtcMinus(0);
  HttpResult rec = s_->As("recorder", "POST", "/api/v1/recordings", rec_body.dump());
  ASSERT_LT(rec.status, 300) << rec.body.substr(0, 500);
  const std::string outcomes = "/api/v1/outreach/visits/" + visit + "/outcomes";
  HttpResult missing_rec = s_->As("recorder", "POST", outcomes, Json{{"nik", a}, {"outcome", "recorded"}}.dump());
  EXPECT_EQ(missing_rec.status, 422);
  EXPECT_NE(missing_rec.body.find("recording_id"), std::string::npos);
  HttpResult wrong_rec = s_->As("recorder", "POST", outcomes,
                                Json{{"nik", b}, {"outcome", "recorded"}, {"recording_id", "jb-" + a}}.dump());
  EXPECT_EQ(wrong_rec.status, 422) << wrong_rec.body;
  HttpResult ok_rec = s_->As("recorder", "POST", outcomes,
                             Json{{"nik", a}, {"outcome", "recorded"}, {"recording_id", "jb-" + a}}.dump());
  EXPECT_EQ(ok_rec.status, 201) << ok_rec.body;
  EXPECT_EQ(s_->As("recorder", "POST", outcomes, Json{{"nik", b}, {"outcome", "not_at_home"}}.dump()).status, 201);
  HttpResult moved = s_->As("recorder", "POST", outcomes,
                            Json{{"nik", c}, {"outcome", "moved_away"}, {"note", "ke Surabaya"}}.dump());
  EXPECT_EQ(moved.status, 201) << moved.body;
  HttpResult bad = s_->As("recorder", "POST", outcomes, Json{{"nik", b}, {"outcome", "asleep"}}.dump());
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("outcome"), std::string::npos);
  HttpResult unknown_field = s_->As("recorder", "POST", outcomes,
                                    Json{{"nik", b}, {"outcome", "refused"}, {"why", "x"}}.dump());
  EXPECT_EQ(unknown_field.status, 422);
  EXPECT_NE(unknown_field.body.find("why"), std::string::npos);
  // The move is a task for a registrar; the register is untouched.
  HttpResult tasks = s_->As("registrar", "GET", "/api/v1/outreach/tasks?region=32.73.05&limit=1000");
  std::string task;
  for (const auto& t : tasks.json()["tasks"]) {
    if (t["nik"] == c) task = std::to_string(t["id"].get<int64_t>());
  }
  ASSERT_FALSE(task.empty()) << tasks.body;
  HttpResult person_c = s_->As("registrar", "GET", "/api/v1/persons/" + c);
  EXPECT_EQ(person_c.json()["wilayah"].is_object() ? person_c.json()["wilayah"]["code"] : person_c.json()["wilayah"],
            "32.73.05.1001")
      << person_c.body.substr(0, 400);
  HttpResult closed = s_->As("registrar", "POST", "/api/v1/outreach/tasks/" + task + "/close",
                             Json{{"state", "DONE"}, {"resolution", "SKPWNI diterbitkan"}}.dump());
  EXPECT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(s_->As("registrar", "POST", "/api/v1/outreach/tasks/" + task + "/close",
                   Json{{"state", "DONE"}, {"resolution", "lagi"}}.dump())
                .status,
            409);

  // Progress counts what the team found.
  HttpResult progress = s_->As("supervisor", "GET", "/api/v1/outreach/plans/" + plan_id + "/progress");
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(progress.json()["outcomes"]["recorded"], 1);
  EXPECT_EQ(progress.json()["outcomes"]["not_at_home"], 1);
  EXPECT_EQ(progress.json()["outcomes"]["moved_away"], 1);

  // Re-plan: the old plan is superseded, the moved person is not planned again.
  HttpResult replan = s_->As("supervisor", "POST", "/api/v1/outreach/plans",
                             Json{{"region_code", "32.73.05"}, {"from", Today(30)}, {"to", Today(43)}, {"team_ids", teams}}
                                 .dump());
  ASSERT_EQ(replan.status, 201) << replan.body;
  EXPECT_EQ(replan.json()["replaces"], std::stoll(plan_id));
  // Maleber: `a` recorded and `c` moved away leave the plan; `b`, not at home, stays.
  auto maleber_planned = [](const Json& p) {
    int64_t n = 0;
    for (const auto& v : p["visits"]) n += v["village_code"] == "3273051001" ? v["planned"].get<int64_t>() : 0;
    return n;
  };
  EXPECT_EQ(maleber_planned(replan.json()), maleber_planned(plan.json()) - 2);
  HttpResult old_plan = s_->As("supervisor", "GET", "/api/v1/outreach/plans/" + plan_id);
  EXPECT_EQ(old_plan.json()["state"], "SUPERSEDED");

  // The target and its projection: today's point counts the recording.
  HttpResult target = s_->As("supervisor", "PUT", "/api/v1/outreach/targets",
                             Json{{"region_code", "32.73"}, {"target_rate", 0.99}, {"target_date", Today(365)}}.dump());
  ASSERT_EQ(target.status, 200) << target.body;
  HttpResult snap = s_->As("admin", "POST", "/api/v1/outreach/snapshots");
  ASSERT_EQ(snap.status, 200) << snap.body;
  HttpResult proj = s_->As("supervisor", "GET", "/api/v1/outreach/projection?region=32.73");
  ASSERT_EQ(proj.status, 200) << proj.body;
  bool andir = false;
  for (const auto& r : proj.json()["regions"]) {
    if (r["region_code"] != "327305") continue;
    andir = true;
    EXPECT_EQ(r["target_rate"], 0.99);
    EXPECT_EQ(r["target_source"], "3273");
    EXPECT_GE(r["recorded"].get<int64_t>(), 1);
    EXPECT_GT(r["remaining"].get<int64_t>(), 0);
  }
  EXPECT_TRUE(andir) << proj.body.substr(0, 800);

  // Another region sees none of it.
  EXPECT_EQ(s_->As("supervisor.aceh", "GET", "/api/v1/outreach/plans/" + plan_id).status, 404);
  EXPECT_EQ(s_->As("registrar.aceh", "GET", "/api/v1/outreach/visits/" + visit).status, 404);
  EXPECT_EQ(s_->As("registrar.aceh", "GET", "/api/v1/outreach/unrecorded?region=32.73.05").status, 404);
  HttpResult aceh_list = s_->As("registrar.aceh", "GET", "/api/v1/outreach/unrecorded?limit=1000");
  ASSERT_EQ(aceh_list.status, 200);
  for (const auto& p : aceh_list.json()["persons"]) {
    EXPECT_TRUE(p["region_code"].get<std::string>().starts_with("11")) << p.dump();
  }
}

TEST_P(OutreachApi, BadRequestsNameTheFieldAndTheRule) {
  struct Case {
    std::string method, path, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/api/v1/outreach/teams",
       Json{{"name", "X"}, {"home_district", "32.73.99"}, {"members", {"A"}}, {"devices", {"K"}}, {"capacity_per_day", 10}}
           .dump(),
       "home_district"},
      {"POST", "/api/v1/outreach/teams",
       Json{{"name", "X"}, {"home_district", "32.73.01"}, {"members", {"A"}}, {"devices", {"K"}}, {"capacity_per_day", 0}}
           .dump(),
       "capacity_per_day"},
      {"POST", "/api/v1/outreach/teams",
       Json{{"name", "X"}, {"home_district", "32.73.01"}, {"members", {"A"}}, {"devices", Json::array()},
            {"capacity_per_day", 10}}
           .dump(),
       "devices"},
      {"POST", "/api/v1/outreach/plans", Json{{"region_code", "32.73"}, {"from", "2020-01-01"}, {"to", "2020-01-05"}}.dump(),
       "from"},
      {"POST", "/api/v1/outreach/plans", Json{{"region_code", "32.73"}, {"from", Today(5)}, {"to", Today(1)}}.dump(), "to"},
      {"POST", "/api/v1/outreach/flags", Json{{"region_code", "32.73"}, {"flag", "island"}, {"source", "x"}}.dump(), "flag"},
      {"POST", "/api/v1/outreach/flags", Json{{"region_code", "32.73"}, {"flag", "perbatasan"}, {"source", " "}}.dump(),
       "source"},
      {"PUT", "/api/v1/outreach/targets", Json{{"target_rate", 1.5}, {"target_date", Today(30)}}.dump(), "target_rate"},
      {"GET", "/api/v1/outreach/upcoming?by=2001-01-01", "", "by"},
      {"GET", "/api/v1/outreach/priority?w_perbatasan=abc", "", "w_perbatasan"},
      {"POST", "/api/v1/outreach/flags/import", "region_code,flag,source\n32.73.01,perbatasan,a\n32.73.02,x,b\n", "flag"},
  };
  for (const auto& c : cases) {
    HttpResult r = s_->As("admin", c.method, c.path, c.body);
    EXPECT_EQ(r.status, 422) << c.path << " " << c.body << ": " << r.body;
    EXPECT_EQ(r.headers["content-type"].rfind("application/problem+json", 0), 0u) << c.path;
    EXPECT_NE(r.body.find("\"" + c.field), std::string::npos) << c.path << ": " << r.body;
  }
  // The import is all-or-nothing: the good first line of the failed file was not kept.
  HttpResult flags = s_->As("admin", "GET", "/api/v1/outreach/flags?region=32.73.01");
  for (const auto& f : flags.json()["flags"]) EXPECT_NE(f["source"], "a") << flags.body;
  // Upcoming: who is 17 by a date.
  HttpResult up = s_->As("registrar", "GET", "/api/v1/outreach/upcoming?by=" + Today(400) + "&limit=5");
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_TRUE(up.json()["total"].is_number());
  HttpResult without = s_->As("registrar", "GET", "/api/v1/outreach/without-card?limit=5");
  ASSERT_EQ(without.status, 200) << without.body;
  EXPECT_TRUE(without.json()["by_status"].is_object());
}

INSTANTIATE_TEST_SUITE_P(Backends, OutreachApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
