// Service counters over HTTP: desks, a ticket issued with a NIK, called, served and finished; the
// public display (JSON and the HTML page) shows the number and never the NIK; refusals name the
// field; every ticket route is audited with the resident.
#include <atomic>
#include <cctype>
#include <map>
#include <set>

#include "tests/api/counter_fixture.h"

namespace siak::testing {

namespace {
std::atomic<int> next_counter_site{1};
std::atomic<int> next_counter_desk{1};
}  // namespace

int64_t MakeCounterSite(ApiServer& s, const std::string& suffix_text) {
  std::string suffix = suffix_text;  // site codes are upper case
  for (char& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  HttpResult r = s.As("admin", "POST", "/api/v1/sites",
                      Json{{"code", "3273-LOKET-" + suffix}, {"kind", "kecamatan"},
                           {"name", "Kantor Kecamatan Sukasari"}, {"region_code", "32.73.01"}}.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
}

CounterFixture PrepareCounters(ApiServer& s, const std::string& operation, const std::string& backend) {
  static const std::set<std::string> kOperations = {
      "openCounterDesk",  "listCounterDesks", "updateCounterDesk", "issueQueueTicket",     "getQueueTicket",
      "callNextTicket",   "recallQueueTicket", "startQueueTicket", "finishQueueTicket",    "markQueueTicketNoShow",
      "getQueueStats",    "getCounterDisplay", "getCounterDisplayPage"};
  CounterFixture f;
  if (!kOperations.contains(operation)) return f;
  static std::map<std::string, int64_t> sites;
  if (!sites.contains(backend)) sites[backend] = MakeCounterSite(s, "PERM-" + backend.substr(0, 2));
  f.site = sites[backend];
  const std::string site = std::to_string(f.site);
  HttpResult desk = s.As("admin", "POST", "/api/v1/sites/" + site + "/desks",
                         Json{{"name", "Meja " + std::to_string(next_counter_desk++)},
                              {"services", {"rekam_ktp", "ambil_ktp", "kk", "akta", "pindah"}}}.dump());
  EXPECT_EQ(desk.status, 201) << desk.body;
  f.desk = desk.status == 201 ? desk.json()["id"].get<int64_t>() : 0;
  HttpResult issued = s.As("admin", "POST", "/api/v1/sites/" + site + "/tickets", Json{{"service", "kk"}}.dump());
  EXPECT_EQ(issued.status, 201) << issued.body;
  f.ticket = issued.status == 201 ? issued.json()["id"].get<int64_t>() : 0;
  if (operation == "recallQueueTicket" || operation == "startQueueTicket" || operation == "finishQueueTicket" ||
      operation == "markQueueTicketNoShow") {
    HttpResult called = s.As("admin", "POST", "/api/v1/desks/" + std::to_string(f.desk) + "/call-next");
    EXPECT_EQ(called.status, 200) << called.body;
    if (called.status == 200 && called.json()["ticket"].is_object()) f.ticket = called.json()["ticket"]["id"];
    if (operation == "finishQueueTicket") {
      HttpResult started = s.As("admin", "POST", "/api/v1/tickets/" + std::to_string(f.ticket) + "/start");
      EXPECT_EQ(started.status, 200) << started.body;
    }
  }
  return f;
}

namespace {

class CounterApi : public ApiBackendTest {};

TEST_P(CounterApi, IssueCallServeAndTheDisplayShowsTheNumberNotTheNik) {
  const int64_t site_id = MakeCounterSite(*s_, std::to_string(next_counter_site++) + GetParam().substr(0, 1));
  ASSERT_NE(site_id, 0);
  const std::string site = "/api/v1/sites/" + std::to_string(site_id);
  HttpResult desk = s_->As("supervisor", "POST", site + "/desks",
                           Json{{"name", "Loket 1"}, {"services", {"rekam_ktp", "ambil_ktp"}}}.dump());
  ASSERT_EQ(desk.status, 201) << desk.body;
  const std::string desk_path = "/api/v1/desks/" + std::to_string(desk.json()["id"].get<int64_t>());
  EXPECT_EQ(desk.json()["services"], Json({"rekam_ktp", "ambil_ktp"}));
  EXPECT_EQ(s_->As("registrar", "POST", site + "/desks", Json{{"name", "Loket 2"}, {"services", {"kk"}}}.dump()).status,
            403);

  const std::string nik = NewAdult(*s_, "Warga Antre");
  ASSERT_FALSE(nik.empty());
  HttpResult first = s_->As("registrar", "POST", site + "/tickets", Json{{"service", "rekam_ktp"}, {"nik", nik}}.dump());
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["label"], "A-001");
  EXPECT_EQ(first.json()["state"], "WAITING");
  EXPECT_EQ(first.json()["nik"], nik);
  HttpResult second = s_->As("recorder", "POST", site + "/tickets", Json{{"service", "ambil_ktp"}}.dump());
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["label"], "B-001");
  // Refusals name the field.
  HttpResult unknown = s_->As("registrar", "POST", site + "/tickets", Json{{"service", "paspor"}}.dump());
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.json().value("field", ""), "service");
  HttpResult not_offered = s_->As("registrar", "POST", site + "/tickets", Json{{"service", "akta"}}.dump());
  EXPECT_EQ(not_offered.status, 422) << not_offered.body;
  EXPECT_EQ(s_->As("registrar.aceh", "POST", site + "/tickets", Json{{"service", "rekam_ktp"}}.dump()).status, 404);

  HttpResult called = s_->As("recorder", "POST", desk_path + "/call-next");
  ASSERT_EQ(called.status, 200) << called.body;
  ASSERT_TRUE(called.json()["ticket"].is_object()) << called.body;
  EXPECT_EQ(called.json()["ticket"]["label"], "A-001");
  const std::string ticket = "/api/v1/tickets/" + std::to_string(called.json()["ticket"]["id"].get<int64_t>());
  HttpResult busy = s_->As("recorder", "POST", desk_path + "/call-next");
  EXPECT_EQ(busy.status, 409) << busy.body;
  EXPECT_EQ(busy.json().value("field", ""), "desk_id");

  // The public display: no login, the called number and its desk, the waiting count, no NIK.
  HttpResult display = s_->Call("GET", "/api/v1/public/sites/" + std::to_string(site_id) + "/display");
  ASSERT_EQ(display.status, 200) << display.body;
  ASSERT_FALSE(display.json()["called"].empty()) << display.body;
  EXPECT_EQ(display.json()["called"][0]["label"], "A-001");
  EXPECT_EQ(display.json()["called"][0]["desk"], "Loket 1");
  EXPECT_EQ(display.json()["desks"][0]["label"], "A-001");
  EXPECT_EQ(display.json()["waiting"][1]["service"], "ambil_ktp");
  EXPECT_EQ(display.json()["waiting"][1]["count"], 1);
  EXPECT_EQ(display.body.find(nik), std::string::npos) << "the display shows a NIK: " << display.body;
  EXPECT_EQ(display.body.find("nik"), std::string::npos) << display.body;
  EXPECT_EQ(display.header("cache-control"), "no-store");
  EXPECT_EQ(s_->Call("GET", "/api/v1/public/sites/999999/display").status, 404);
  EXPECT_EQ(s_->Call("GET", "/api/v1/public/sites/abc/display").status, 422);

  HttpResult page = s_->Call("GET", "/loket/" + std::to_string(site_id));
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_TRUE(page.header("content-type").starts_with("text/html")) << page.header("content-type");
  for (const char* text : {"NOMOR ANTREAN", "LOKET", "SEDANG DILAYANI", "MENUNGGU", "koneksi terputus",
                           "/api/v1/public/sites/", "Kantor Kecamatan Sukasari"}) {
    EXPECT_NE(page.body.find(text), std::string::npos) << text;
  }
  for (const char* external : {"src=\"http", "href=\"http", "@import", "<link"}) {
    EXPECT_EQ(page.body.find(external), std::string::npos) << "an external asset: " << external;
  }
  EXPECT_EQ(page.body.find(nik), std::string::npos);
  EXPECT_EQ(s_->Call("GET", "/loket/999999").status, 404);

  // Serve and finish; a second finish is refused with the states.
  EXPECT_EQ(s_->As("recorder", "POST", ticket + "/recall").json()["recalls"], 1);
  EXPECT_EQ(s_->As("auditor", "POST", ticket + "/start").status, 403);
  EXPECT_EQ(s_->Call("POST", ticket + "/start").status, 401);
  HttpResult early = s_->As("recorder", "POST", ticket + "/finish");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.json().value("field", ""), "ticket_id");
  EXPECT_NE(early.body.find("finish needs a SERVING ticket"), std::string::npos) << early.body;
  ASSERT_EQ(s_->As("recorder", "POST", ticket + "/start").status, 200);
  HttpResult done = s_->As("recorder", "POST", ticket + "/finish");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["state"], "DONE");
  EXPECT_EQ(s_->As("recorder", "POST", ticket + "/finish").status, 409);

  HttpResult stats = s_->As("supervisor", "GET", site + "/queue-stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.json()["total"]["tickets"], 2);
  EXPECT_EQ(stats.json()["total"]["done"], 1);
  EXPECT_EQ(stats.json()["total"]["waiting"], 1);
  EXPECT_EQ(stats.json()["total"]["service_time"]["count"], 1);
  EXPECT_EQ(s_->As("supervisor", "GET", site + "/queue-stats?from=2026-13-01").status, 422);
  EXPECT_EQ(s_->As("supervisor.aceh", "GET", site + "/queue-stats").status, 404);

  // The resident's ticket is in the audit log under their NIK.
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + nik + "&limit=50");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> ops;
  for (const auto& e : audit.json()["items"]) ops.insert(e["action"].get<std::string>());
  for (const char* op : {"issueQueueTicket", "callNextTicket", "startQueueTicket", "finishQueueTicket"}) {
    EXPECT_TRUE(ops.contains(op)) << op << " in " << audit.body.substr(0, 1500);
  }
}

TEST_P(CounterApi, ADeskClosedOffersNothing) {
  const int64_t site_id = MakeCounterSite(*s_, std::to_string(next_counter_site++) + GetParam().substr(0, 1));
  const std::string site = "/api/v1/sites/" + std::to_string(site_id);
  HttpResult desk = s_->As("admin", "POST", site + "/desks", Json{{"name", "Loket Akta"}, {"services", {"akta"}}}.dump());
  ASSERT_EQ(desk.status, 201) << desk.body;
  const std::string path = "/api/v1/desks/" + std::to_string(desk.json()["id"].get<int64_t>());
  HttpResult bad = s_->As("admin", "PATCH", path, Json{{"services", {"akta", "visa"}}}.dump());
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json().value("field", ""), "services[1]");
  ASSERT_EQ(s_->As("supervisor", "PATCH", path, Json{{"active", false}}.dump()).status, 200);
  HttpResult refused = s_->As("registrar", "POST", site + "/tickets", Json{{"service", "akta"}}.dump());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json().value("field", ""), "service");
  HttpResult listed = s_->As("recorder", "GET", site + "/desks");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json()["desks"][0]["active"], false);
  HttpResult empty = s_->Call("GET", "/api/v1/public/sites/" + std::to_string(site_id) + "/display");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.json()["desks"].empty());
  EXPECT_TRUE(empty.json()["called"].empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, CounterApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
