// A permission test for every endpoint: each role, an out-of-scope user and an anonymous
// caller against it, on the live server. The expected roles are written here, apart from the
// router, and the router's own declarations are checked against them too.
#include <cctype>
#include <atomic>
#include <ctime>
#include <map>
#include <set>
#include <tuple>

#include "api/router.h"
#include "common/crypto.h"
#include "tests/api/api_server.h"
#include "tests/api/counter_fixture.h"

namespace siak::testing {
namespace {

const std::set<std::string> kReadRoles = {"admin", "supervisor", "registrar", "recording_officer", "print_officer",
                                          "auditor"};
const std::set<std::string> kWriteRoles = {"admin", "registrar"};
const std::set<std::string> kStaff = {"admin",         "supervisor", "registrar", "recording_officer",
                                      "print_officer", "auditor"};
const std::set<std::string> kAllRoles = {"admin",         "supervisor", "registrar", "recording_officer",
                                         "print_officer", "auditor",    "partner"};

struct Fixture {
  std::string nik;   // a person in 32.73 (Kota Bandung) on a KK
  std::string kk;
  std::string child;
  std::string job;       // an ABIS job of a person in 32.73
  std::string abis_case; // an open adjudication case in 32.73
  std::string enrolled;  // a person enrolled in the iris galleries, and the SYNTHETIC identity of their eyes
  uint64_t enrolled_identity = 0;
  // e-KTP: sites, and objects of a person in 32.73.
  EktpSites sites;
  std::string ektp_nik;        // a print-ready person (fresh), or one with a printed card (shared)
  std::string card;            // a printed card (fresh for handover/misprint), issued for reprints
  std::string suket;
  std::string recording;
  std::string suffix;          // unique per call
  std::string civil_event;     // a declared birth to the family `kk`
  std::string civil_registered;  // a registered birth to the family `kk`
  std::string attachment;        // a document attached to `civil_event`
  CounterFixture counter;        // service counters: a site, a fresh desk, a ticket in the state needed
  // Jemput bola: a fresh plan of 32.73, its visit to 32.73.01.1001, an open register task.
  std::string plan, visit, task;
  std::string target_user;       // a user of 32.73 for the user-administration rows
};

std::atomic<int> next_fixture{1};

std::atomic<uint64_t> next_identity{1'000'000};

// A duplicate: two NIKs recorded with the same (SYNTHETIC) eyes; returns the open case's id.
std::string MakeCase(ApiServer& s, std::string* enrolled, uint64_t* identity) {
  const uint64_t id = next_identity++;
  const std::string first = NewAdult(s, "Asli Uji"), second = NewAdult(s, "Ganda Uji");
  HttpResult a = RecordAndWait(s, "admin", first, id, 0, "perm-" + first);
  HttpResult b = RecordAndWait(s, "admin", second, id, 1, "perm-" + second);
  if (a.json().value("outcome", "") != "UNIQUE" || b.json().value("outcome", "") != "DUPLICATE") {
    ADD_FAILURE() << "could not make an adjudication case: " << a.body << " / " << b.body;
    return "0";
  }
  if (enrolled) *enrolled = first;
  if (identity) *identity = id;
  return std::to_string(b.json()["cases"][0]["id"].get<int64_t>());
}

struct Endpoint {
  std::string operation;
  std::set<std::string> roles;  // empty: public
  int out_of_scope;             // what an allowed role scoped elsewhere gets: 404 for a person or
                                // family outside its region, 422 for creating one there, 0 = same as in scope
  std::function<std::tuple<std::string, std::string, std::string, std::vector<std::string>>(const Fixture&)> request;
};

using Req = std::tuple<std::string, std::string, std::string, std::vector<std::string>>;

// A user name from a fixture suffix ("12S" -> "baru-12s": user names are lower case).
std::string UserName(const std::string& prefix, const std::string& suffix) {
  std::string name = prefix + suffix;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

const std::set<std::string> kOutreachReaders = {"admin", "supervisor", "registrar", "recording_officer", "auditor"};
const std::set<std::string> kOutreachField = {"admin", "supervisor", "registrar", "recording_officer"};
constexpr const char* kOfficial = "official_name=Drs.%20Uji&official_nip=197001011990031001";

// A date `days` from today (UTC), as the server's clock sees it.
std::string DaysFromToday(int days) {
  return Date::FromDays(std::time(nullptr) / 86400 + days).ToString();
}

Json TeamBody(const std::string& name) {
  return Json{{"name", name},           {"region_code", "32.73"},  {"home_district", "32.73.01"},
              {"members", {"Petugas Uji"}}, {"devices", {"KIT-UJI"}}, {"capacity_per_day", 1000},
              {"working_days", "1234567"}};
}

// From tomorrow: the invitations are signed today and a visit may not come before its letter,
// which a plan from today breaks when midnight UTC passes between making it and printing them.
Json PlanBody() {
  return Json{{"region_code", "32.73"}, {"from", DaysFromToday(1)}, {"to", DaysFromToday(7)}};
}

// A plan of 32.73 (a team first, once per backend) and its visit to 32.73.01.1001, where the
// fixture's persons live: one per backend for the reads, a fresh one for each call that writes
// on the visit; with `task`, an open register task from that visit.
void PrepareOutreach(ApiServer& s, const std::string& operation, const std::string& backend, Fixture* f) {
  static std::set<std::string> teams;
  static std::map<std::string, std::pair<std::string, std::string>> shared;  // backend: plan, visit
  const bool reads = operation == "getOutreachPlan" || operation == "getOutreachPlanPdf" ||
                     operation == "getOutreachProgress" || operation == "getOutreachVisit" ||
                     operation == "getInvitationsPdf";
  const bool plan = reads || operation == "queueInvitations" || operation == "recordVisitOutcome" ||
                    operation == "closeRegisterTask";
  if (operation == "deleteRegionFlag") {
    HttpResult set = s.As("admin", "POST", "/api/v1/outreach/flags",
                          Json{{"region_code", "32.73.03"}, {"flag", "perbatasan"}, {"source", "uji izin"}}.dump());
    EXPECT_EQ(set.status, 201) << set.body;
  }
  if (!plan && operation != "createOutreachPlan") return;
  if (!teams.contains(backend)) {
    HttpResult team = s.As("admin", "POST", "/api/v1/outreach/teams", TeamBody("Tim Izin").dump());
    ASSERT_EQ(team.status, 201) << team.body;
    teams.insert(backend);
  }
  if (!plan) return;
  if (reads && shared.contains(backend)) {
    std::tie(f->plan, f->visit) = shared[backend];
    return;
  }
  HttpResult made = s.As("admin", "POST", "/api/v1/outreach/plans", PlanBody().dump());
  ASSERT_EQ(made.status, 201) << made.body;
  f->plan = std::to_string(made.json()["id"].get<int64_t>());
  for (const auto& v : made.json()["visits"]) {
    if (v["village_code"] == "3273011001") f->visit = std::to_string(v["id"].get<int64_t>());
  }
  ASSERT_FALSE(f->visit.empty()) << "no visit to 32.73.01.1001 in " << made.body;
  if (reads) shared[backend] = {f->plan, f->visit};
  if (operation == "closeRegisterTask") {
    HttpResult moved = s.As("admin", "POST", "/api/v1/outreach/visits/" + f->visit + "/outcomes",
                            Json{{"nik", f->child}, {"outcome", "moved_away"}, {"note", "pindah ke Jakarta"}}.dump());
    ASSERT_EQ(moved.status, 201) << moved.body;
    HttpResult tasks = s.As("admin", "GET", "/api/v1/outreach/tasks?limit=1000");
    for (const auto& t : tasks.json()["tasks"]) {
      if (t["nik"] == f->child) f->task = std::to_string(t["id"].get<int64_t>());
    }
    ASSERT_FALSE(f->task.empty()) << tasks.body;
  }
}

std::vector<Endpoint> Endpoints() {
  const std::string person = PersonBody("Uji Izin", "1990-01-01", 1).dump();
  return {
      {"healthz", {}, 0, [](const Fixture&) { return Req{"GET", "/healthz", "", {}}; }},
      {"readyz", {}, 0, [](const Fixture&) { return Req{"GET", "/readyz", "", {}}; }},
      {"getOpenApi", {}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/openapi.json", "", {}}; }},
      {"login", {}, 0, [](const Fixture&) { return Req{"POST", "/api/v1/auth/login", Json{{"username", "partner"}, {"password", kPassword}}.dump(), {}}; }},
      {"logout", kAllRoles, 0, [](const Fixture&) { return Req{"POST", "/api/v1/auth/logout", "", {}}; }},
      {"getMe", kAllRoles, 0, [](const Fixture&) { return Req{"GET", "/api/v1/auth/me", "", {}}; }},
      {"createPerson", kWriteRoles, 422, [person](const Fixture&) { return Req{"POST", "/api/v1/persons", person, {}}; }},
      {"searchPersons", kReadRoles, 0, [](const Fixture&) { return Req{"GET", "/api/v1/persons?q=uji", "", {}}; }},
      {"getPerson", kReadRoles, 404, [](const Fixture& f) { return Req{"GET", "/api/v1/persons/" + f.nik, "", {}}; }},
      {"updatePerson", kWriteRoles, 404,
       [](const Fixture& f) { return Req{"PATCH", "/api/v1/persons/" + f.child, R"({"pekerjaan":2})", {"If-Match: \"v1\""}}; }},
      {"correctPerson", kWriteRoles, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/persons/" + f.child + "/corrections",
                    R"({"golongan_darah":1,"reason":"uji izin","document":"D-1"})", {"If-Match: \"v1\""}};
       }},
      {"getPersonHistory", kReadRoles, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/persons/" + f.nik + "/history", "", {}}; }},
      {"createFamily", kWriteRoles, 422,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/families",
                    Json{{"wilayah", "32.73.01.1001"}, {"alamat", "x"}, {"rt", 1}, {"rw", 1},
                         {"members", {{{"nik", f.child}, {"shdk", 1}}}}}.dump(), {}};
       }},
      {"getFamily", kReadRoles, 404, [](const Fixture& f) { return Req{"GET", "/api/v1/families/" + f.kk, "", {}}; }},
      {"addFamilyMember", kWriteRoles, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/families/" + f.kk + "/members", Json{{"nik", f.child}, {"shdk", 4}}.dump(), {}};
       }},
      {"removeFamilyMember", kWriteRoles, 404,
       [](const Fixture& f) { return Req{"DELETE", "/api/v1/families/" + f.kk + "/members/" + f.child, "", {}}; }},
      {"changeFamilyHead", kWriteRoles, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/families/" + f.kk + "/head", Json{{"new_head", f.child}, {"old_head_shdk", 2}}.dump(), {}};
       }},
      {"splitFamily", kWriteRoles, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/families/" + f.kk + "/split",
                    Json{{"leaving", {{{"nik", f.child}, {"shdk", 1}}}}}.dump(), {}};
       }},
      {"reissueFamily", kWriteRoles, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/families/" + f.kk + "/reissue", "", {}}; }},
      {"createMove", kWriteRoles, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/moves",
                    Json{{"movers", {f.child}}, {"destination", "32.73.01.1002"}, {"alamat", "y"}, {"rt", 1}, {"rw", 1}}.dump(), {}};
       }},
      {"getPersonPhoto", {"admin", "supervisor"}, 404, [](const Fixture& f) { return Req{"GET", "/api/v1/persons/" + f.ektp_nik + "/photo", "", {}}; }},
      {"getCodeTables", kAllRoles, 0, [](const Fixture&) { return Req{"GET", "/api/v1/codes", "", {}}; }},
      {"listUsers", {"admin"}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/users", "", {}}; }},
      {"createUser", {"admin"}, 0, [](const Fixture& f) {
         return Req{"POST", "/api/v1/users",
                    Json{{"username", UserName("baru-", f.suffix)}, {"role", "registrar"}, {"scope", "32.73"}}.dump(), {}};
       }},
      {"disableUser", {"admin"}, 0, [](const Fixture& f) { return Req{"POST", "/api/v1/users/" + f.target_user + "/disable", "", {}}; }},
      {"enableUser", {"admin"}, 0, [](const Fixture& f) { return Req{"POST", "/api/v1/users/" + f.target_user + "/enable", "", {}}; }},
      {"resetUserPassword", {"admin"}, 0, [](const Fixture& f) { return Req{"POST", "/api/v1/users/" + f.target_user + "/password", "", {}}; }},
      {"listRegions", kAllRoles, 0, [](const Fixture&) { return Req{"GET", "/api/v1/regions", "", {}}; }},
      {"searchRegions", kAllRoles, 0, [](const Fixture&) { return Req{"GET", "/api/v1/regions/search?q=bandung", "", {}}; }},
      {"getRegion", kAllRoles, 0, [](const Fixture&) { return Req{"GET", "/api/v1/regions/32.73", "", {}}; }},
      {"queryAudit", {"admin", "auditor"}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/audit?limit=1", "", {}}; }},
      {"submitAbisJob", {"admin", "recording_officer", "registrar"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/abis/jobs",
                    Json{{"recording_id", "perm-" + f.nik}, {"nik", f.nik}, {"irises", IrisesJson(next_identity++, 0)}}.dump(),
                    {}};
       }},
      {"getAbisJob", {"admin", "supervisor", "recording_officer", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/abis/jobs/" + f.job, "", {}}; }},
      {"listAbisCases", {"admin", "supervisor", "auditor"}, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/abis/cases?state=all&limit=5", "", {}}; }},
      {"getAbisCase", {"admin", "supervisor", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/abis/cases/" + f.abis_case, "", {}}; }},
      {"decideAbisCase", {"admin", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/abis/cases/" + f.abis_case + "/decision",
                    Json{{"decision", "different"}, {"reason", "uji izin: orang berbeda"}}.dump(), {}};
       }},
      {"verifyIris", {"admin", "supervisor", "registrar", "recording_officer", "partner"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/abis/verify",
                    Json{{"nik", f.enrolled}, {"irises", IrisesJson(f.enrolled_identity, 3)}}.dump(), {}};
       }},
      {"getAbisStats", {"admin", "supervisor"}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/abis/stats", "", {}}; }},
      // Civil registration.
      {"declareBirth", {"admin", "registrar", "supervisor"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/civil/births", BirthBody(f.kk, f.nik).dump(), {}}; }},
      {"listCivilEvents", {"admin", "supervisor", "registrar", "auditor"}, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/civil/events?limit=5", "", {}}; }},
      {"getCivilEvent", {"admin", "supervisor", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/civil/events/" + f.civil_event, "", {}}; }},
      {"registerCivilEvent", {"admin", "supervisor"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/civil/events/" + f.civil_event + "/register", "", {}}; }},
      {"rejectCivilEvent", {"admin", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/civil/events/" + f.civil_event + "/reject",
                    Json{{"reason", "uji izin: berkas kurang"}}.dump(), {}};
       }},
      {"declareCivilEvent", {"admin", "registrar", "supervisor"}, 422,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/civil/declarations/kematian",
                    Json{{"nik", f.nik}, {"tanggal_kematian", DaysAgo(1)}, {"waktu_kematian", "01:00"},
                         {"tempat_kematian", "Bandung"}, {"sebab", "sakit_biasa"}, {"yang_menerangkan", "dokter"},
                         {"pelapor", "Uji"}, {"saksi", {"Satu", "Dua"}}}.dump(), {}};
       }},
      {"correctCivilEvent", {"admin", "registrar", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/civil/events/" + f.civil_registered + "/corrections",
                    Json{{"changes", {{"nama", "Bayi Uji Betul"}}}, {"reason", "uji izin: salah ketik"},
                         {"document", "SKL 1"}}.dump(), {}};
       }},
      {"cancelCivilEvent", {"admin", "registrar", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/civil/events/" + f.civil_registered + "/cancellations",
                    Json{{"reason", "uji izin: dibatalkan"}, {"document", "Putusan 1"}}.dump(), {}};
       }},
      {"getAkta", {"admin", "supervisor", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/civil/events/" + f.civil_registered + "/akta", "", {}}; }},
      {"getAktaPdf", {"admin", "registrar", "supervisor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/civil/events/" + f.civil_registered + "/akta.pdf", "", {}}; }},
      {"getAktaPng", {"admin", "supervisor", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/civil/events/" + f.civil_registered + "/akta.png", "", {}}; }},
      {"issueAktaCopy", {"admin", "registrar", "supervisor"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/civil/events/" + f.civil_registered + "/copies", "", {}}; }},
      {"getCivilStatistics", {"admin", "supervisor", "registrar", "auditor"}, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/civil/statistics?level=6", "", {}}; }},
      {"getPersonCivilEvents", {"admin", "supervisor", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/persons/" + f.nik + "/civil-events", "", {}}; }},
      {"addCivilAttachment", {"admin", "registrar", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/civil/events/" + f.civil_event + "/attachments",
                    Json{{"jenis", "surat_keterangan_lahir"}, {"name", "skl.pdf"}, {"content_type", "application/pdf"},
                         {"content", ToBase64("%PDF-1.4 uji izin")}}.dump(), {}};
       }},
      {"listCivilAttachments", {"admin", "supervisor", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/civil/events/" + f.civil_event + "/attachments", "", {}}; }},
      {"getCivilAttachment", {"admin", "supervisor", "registrar", "auditor"}, 404,
       [](const Fixture& f) {
         return Req{"GET", "/api/v1/civil/events/" + f.civil_event + "/attachments/" + f.attachment, "", {}};
       }},
      {"verifyAkta", {}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/akta/verify?ref=AKT1.x", "", {}}; }},
      // e-KTP.
      {"createSite", {"admin"}, 0,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/sites",
                    Json{{"code", "3273-PERM-" + f.suffix}, {"kind", "mobile"}, {"name", "Uji izin"},
                         {"region_code", "32.73"}}.dump(), {}};
       }},
      {"listSites", kStaff, 0, [](const Fixture&) { return Req{"GET", "/api/v1/sites", "", {}}; }},
      {"getSite", kStaff, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/sites/" + std::to_string(f.sites.dinas), "", {}}; }},
      {"registerDevice", {"admin"}, 0,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/sites/" + std::to_string(f.sites.mobile) + "/devices",
                    Json{{"serial", "CAM-" + f.suffix}, {"kind", "camera"}, {"model", "x"}}.dump(), {}};
       }},
      {"getPrintQueue", {"admin", "print_officer"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/sites/" + std::to_string(f.sites.dinas) + "/print-queue", "", {}}; }},
      {"printCard", {"admin", "print_officer"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/sites/" + std::to_string(f.sites.dinas) + "/print", "{}", {}}; }},
      {"createRecording", {"admin", "recording_officer", "registrar"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/recordings",
                    EktpRecordingBody(f.sites, "perm-rec-" + f.child, f.child, next_identity++).dump(), {}};
       }},
      {"getRecording", {"admin", "supervisor", "recording_officer", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/recordings/" + f.recording, "", {}}; }},
      {"getEktpTimeline", kStaff, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/persons/" + f.ektp_nik + "/ektp", "", {}}; }},
      {"requestReprint", {"admin", "print_officer", "registrar"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/persons/" + f.ektp_nik + "/reprints",
                    Json{{"reason", "damaged"}, {"document_ref", "F-1.02/" + f.suffix}, {"site_id", f.sites.dinas}}.dump(),
                    {}};
       }},
      {"listStock", kStaff, 0, [](const Fixture&) { return Req{"GET", "/api/v1/stock", "", {}}; }},
      {"moveStock", {"admin", "supervisor", "print_officer"}, 422,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/stock/movements",
                    Json{{"kind", "allocated"}, {"from", "kab:3273"}, {"to", "site:" + std::to_string(f.sites.dinas)},
                         {"quantity", 1}}.dump(), {}};
       }},
      {"getStock", kStaff, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/stock/site:" + std::to_string(f.sites.dinas), "", {}}; }},
      {"setStockQuota", {"admin", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"PUT", "/api/v1/stock/site:" + std::to_string(f.sites.dinas) + "/quota",
                    Json{{"monthly_quota", 0}, {"low_stock", 10}}.dump(), {}};
       }},
      {"getCard", {"admin", "supervisor", "print_officer", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/cards/" + f.card, "", {}}; }},
      {"getCardPdf", {"admin", "print_officer"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/cards/" + f.card + "/card.pdf", "", {}}; }},
      {"getCardPng", {"admin", "print_officer"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/cards/" + f.card + "/card.png", "", {}}; }},
      {"getCardChip", {"admin", "print_officer"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/cards/" + f.card + "/chip", "", {}}; }},
      {"handoverCard", {"admin", "print_officer", "registrar"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/cards/" + f.card + "/handover", Json{{"received_by", "Uji"}}.dump(), {}};
       }},
      {"misprintCard", {"admin", "print_officer"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/cards/" + f.card + "/misprint", Json{{"reason", "tinta luntur"}}.dump(), {}};
       }},
      {"issueSuket", {"admin", "print_officer", "registrar"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/suket", Json{{"nik", f.ektp_nik}, {"site_id", f.sites.empty_dinas}}.dump(), {}};
       }},
      {"verifySuket", {}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/suket/verify?ref=SKT1.x", "", {}}; }},
      {"listSukets", {"admin", "supervisor", "print_officer", "registrar", "auditor"}, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/suket?state=all&limit=5", "", {}}; }},
      {"getSuket", {"admin", "supervisor", "print_officer", "registrar", "auditor"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/suket/" + f.suket, "", {}}; }},
      {"getSuketPdf", {"admin", "print_officer", "registrar"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/suket/" + f.suket + "/suket.pdf", "", {}}; }},
      {"getCardPublicKey", {}, 0, [](const Fixture&) { return Req{"GET", "/api/v1/keys/card", "", {}}; }},
      {"getCoverage", kStaff, 0, [](const Fixture&) { return Req{"GET", "/api/v1/coverage", "", {}}; }},
      {"getCoverageHistory", kStaff, 0, [](const Fixture&) { return Req{"GET", "/api/v1/coverage/history?days=30", "", {}}; }},
      // Service counters (loket).
      {"openCounterDesk", {"admin", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/sites/" + std::to_string(f.counter.site) + "/desks",
                    Json{{"name", "Loket Izin " + f.suffix + std::to_string(f.counter.desk)}, {"services", {"kk"}}}.dump(), {}};
       }},
      {"listCounterDesks", {"admin", "supervisor", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/sites/" + std::to_string(f.counter.site) + "/desks", "", {}}; }},
      {"updateCounterDesk", {"admin", "supervisor"}, 404,
       [](const Fixture& f) {
         return Req{"PATCH", "/api/v1/desks/" + std::to_string(f.counter.desk), Json{{"active", true}}.dump(), {}};
       }},
      {"issueQueueTicket", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/sites/" + std::to_string(f.counter.site) + "/tickets",
                    Json{{"service", "rekam_ktp"}, {"nik", f.nik}}.dump(), {}};
       }},
      {"getQueueTicket", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/tickets/" + std::to_string(f.counter.ticket), "", {}}; }},
      {"callNextTicket", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/desks/" + std::to_string(f.counter.desk) + "/call-next", "", {}};
       }},
      {"recallQueueTicket", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/tickets/" + std::to_string(f.counter.ticket) + "/recall", "", {}}; }},
      {"startQueueTicket", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/tickets/" + std::to_string(f.counter.ticket) + "/start", "", {}}; }},
      {"finishQueueTicket", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/tickets/" + std::to_string(f.counter.ticket) + "/finish", "", {}}; }},
      {"markQueueTicketNoShow", {"admin", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/tickets/" + std::to_string(f.counter.ticket) + "/no-show", "", {}};
       }},
      {"getQueueStats", {"admin", "supervisor", "registrar", "recording_officer"}, 404,
       [](const Fixture& f) {
         return Req{"GET", "/api/v1/sites/" + std::to_string(f.counter.site) + "/queue-stats", "", {}};
       }},
      {"getCounterDisplay", {}, 0,
       [](const Fixture& f) {
         return Req{"GET", "/api/v1/public/sites/" + std::to_string(f.counter.site) + "/display", "", {}};
       }},
      {"getCounterDisplayPage", {}, 0,
       [](const Fixture& f) { return Req{"GET", "/loket/" + std::to_string(f.counter.site), "", {}}; }},
      // Jemput bola.
      {"countUnrecorded", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/unrecorded/counts", "", {}}; }},
      {"listUnrecorded", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/unrecorded?limit=5", "", {}}; }},
      {"listUpcomingWajib", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/upcoming?limit=5&by=" + DaysFromToday(100), "", {}}; }},
      {"listWithoutCard", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/without-card?limit=5", "", {}}; }},
      {"getOutreachPriority", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/priority?limit=5", "", {}}; }},
      {"listRegionFlags", kOutreachReaders, 0, [](const Fixture&) { return Req{"GET", "/api/v1/outreach/flags", "", {}}; }},
      {"setRegionFlag", {"admin"}, 0,
       [](const Fixture&) {
         return Req{"POST", "/api/v1/outreach/flags",
                    Json{{"region_code", "32.73.02"}, {"flag", "tertinggal"}, {"source", "uji izin"}}.dump(), {}};
       }},
      {"deleteRegionFlag", {"admin"}, 0,
       [](const Fixture&) { return Req{"DELETE", "/api/v1/outreach/flags/327303/perbatasan", "", {}}; }},
      {"importRegionFlags", {"admin"}, 0,
       [](const Fixture&) {
         return Req{"POST", "/api/v1/outreach/flags/import",
                    "region_code,flag,source,note\n32.73.04,perbatasan,uji izin,\n", {}};
       }},
      {"seedIslandFlags", {"admin"}, 0, [](const Fixture&) { return Req{"POST", "/api/v1/outreach/flags/islands", "", {}}; }},
      {"createOutreachTeam", {"admin", "supervisor"}, 404,
       [](const Fixture& f) { return Req{"POST", "/api/v1/outreach/teams", TeamBody("Tim Izin " + f.suffix).dump(), {}}; }},
      {"listOutreachTeams", kOutreachReaders, 0, [](const Fixture&) { return Req{"GET", "/api/v1/outreach/teams", "", {}}; }},
      {"createOutreachPlan", {"admin", "supervisor"}, 404,
       [](const Fixture&) { return Req{"POST", "/api/v1/outreach/plans", PlanBody().dump(), {}}; }},
      {"listOutreachPlans", kOutreachReaders, 0, [](const Fixture&) { return Req{"GET", "/api/v1/outreach/plans", "", {}}; }},
      {"getOutreachPlan", kOutreachReaders, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/outreach/plans/" + f.plan, "", {}}; }},
      {"getOutreachPlanPdf", kOutreachReaders, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/outreach/plans/" + f.plan + "/plan.pdf", "", {}}; }},
      {"getOutreachProgress", kOutreachReaders, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/outreach/plans/" + f.plan + "/progress", "", {}}; }},
      {"getOutreachVisit", kOutreachReaders, 404,
       [](const Fixture& f) { return Req{"GET", "/api/v1/outreach/visits/" + f.visit, "", {}}; }},
      {"getInvitationsPdf", kOutreachField, 404,
       [](const Fixture& f) {
         return Req{"GET", "/api/v1/outreach/visits/" + f.visit + "/invitations.pdf?" + kOfficial, "", {}};
       }},
      {"queueInvitations", kOutreachField, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/outreach/visits/" + f.visit + "/invitations",
                    Json{{"official_name", "Drs. Uji"}, {"official_nip", "197001011990031001"}}.dump(), {}};
       }},
      {"recordVisitOutcome", kOutreachField, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/outreach/visits/" + f.visit + "/outcomes",
                    Json{{"nik", f.nik}, {"outcome", "not_at_home"}}.dump(), {}};
       }},
      {"listRegisterTasks", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/tasks?limit=5", "", {}}; }},
      {"closeRegisterTask", {"admin", "supervisor", "registrar"}, 404,
       [](const Fixture& f) {
         return Req{"POST", "/api/v1/outreach/tasks/" + f.task + "/close",
                    Json{{"state", "DISMISSED"}, {"resolution", "uji izin"}}.dump(), {}};
       }},
      {"listOutbox", {"admin", "supervisor"}, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/outbox?limit=5", "", {}}; }},
      {"setRecordingTarget", {"admin", "supervisor"}, 404,
       [](const Fixture&) {
         return Req{"PUT", "/api/v1/outreach/targets",
                    Json{{"region_code", "32.73"}, {"target_rate", 0.98}, {"target_date", DaysFromToday(400)}}.dump(), {}};
       }},
      {"getTargetProjection", kOutreachReaders, 0,
       [](const Fixture&) { return Req{"GET", "/api/v1/outreach/projection", "", {}}; }},
      {"takeCoverageSnapshot", {"admin"}, 0,
       [](const Fixture&) { return Req{"POST", "/api/v1/outreach/snapshots", "", {}}; }},
  };
}

std::string RoleOf(const std::string& user) {
  for (const auto& u : TestUsers()) {
    if (u.name == user) return u.role;
  }
  return "";
}

TEST(Permissions, RouterDeclaresExactlyTheExpectedRoles) {
  const api::Router router = api::BuildRouter();
  const auto endpoints = Endpoints();
  ASSERT_EQ(router.routes().size(), endpoints.size()) << "every route needs a row in this test";
  for (const auto& route : router.routes()) {
    auto it = std::find_if(endpoints.begin(), endpoints.end(), [&](const Endpoint& e) { return e.operation == route.operation_id; });
    ASSERT_NE(it, endpoints.end()) << route.operation_id << " has no permission row";
    std::set<std::string> declared;
    for (Role role : route.roles) declared.insert(std::string(RoleName(role)));
    EXPECT_EQ(declared, it->roles) << route.operation_id;
    EXPECT_EQ(route.public_route, it->roles.empty()) << route.operation_id;
  }
}

// e-KTP fixtures. Reads share one set per backend (a printed card, a Suket, a recording); a call
// that changes its object gets a fresh one when the caller may make it (an allowed role in scope).
void PrepareEktp(ApiServer& s, const std::string& operation, const std::string& user, const std::string& backend,
                 Fixture* f) {
  static std::map<std::string, Fixture> shared;
  f->suffix = std::to_string(next_fixture++) + (backend == "sqlite" ? "S" : "P");
  if (!operation.ends_with("Site") && !operation.ends_with("Sites") && operation.find("Card") == std::string::npos &&
      operation.find("Suket") == std::string::npos && operation.find("Stock") == std::string::npos &&
      operation.find("Recording") == std::string::npos && operation.find("Ektp") == std::string::npos &&
      operation != "registerDevice" && operation != "getPrintQueue" && operation != "requestReprint" &&
      operation != "getCoverage" && operation != "getPersonPhoto") {
    return;
  }
  if (!shared.contains(backend)) {
    Fixture& sf = shared[backend];
    sf.sites = MakeEktpSites(s, "PERM-" + backend.substr(0, 2));
    GiveBlanks(s, sf.sites.dinas, 500);
    HttpResult more = s.As("admin", "POST", "/api/v1/stock/movements",
                           Json{{"kind", "procured"}, {"to", "pusat"}, {"quantity", 100}}.dump());
    EXPECT_EQ(more.status, 201) << more.body;
    more = s.As("admin", "POST", "/api/v1/stock/movements",
                Json{{"kind", "delivered"}, {"from", "pusat"}, {"to", "kab:3273"}, {"quantity", 100}}.dump());
    EXPECT_EQ(more.status, 201) << more.body;  // for the allocations of the moveStock row
    sf.ektp_nik = RecordUniqueAdult(s, sf.sites, "Cetak Uji", next_identity++);
    sf.recording = "rekam-" + sf.ektp_nik;
    sf.card = PrintNext(s, sf.sites.dinas);
    const std::string waiting = RecordUniqueAdult(s, sf.sites, "Suket Uji", next_identity++);
    HttpResult suket = s.As("printer", "POST", "/api/v1/suket",
                            Json{{"nik", waiting}, {"site_id", sf.sites.empty_dinas}}.dump());
    EXPECT_EQ(suket.status, 201) << suket.body;
    sf.suket = suket.status == 201 ? suket.json()["number"].get<std::string>() : "none";
  }
  const Fixture& sf = shared[backend];
  f->sites = sf.sites;
  f->ektp_nik = sf.ektp_nik;
  f->card = sf.card;
  f->suket = sf.suket;
  f->recording = sf.recording;
  const auto allowed = [&](const std::set<std::string>& roles) {
    return !user.empty() && !user.ends_with(".aceh") && roles.contains(RoleOf(user));
  };
  if (operation == "printCard" && allowed({"admin", "print_officer"})) {
    RecordUniqueAdult(s, sf.sites, "Antri Uji", next_identity++);
  } else if ((operation == "handoverCard" && allowed({"admin", "print_officer", "registrar"})) ||
             (operation == "misprintCard" && allowed({"admin", "print_officer"})) ||
             (operation == "requestReprint" && allowed({"admin", "print_officer", "registrar"}))) {
    f->ektp_nik = RecordUniqueAdult(s, sf.sites, "Kartu Uji", next_identity++);
    HttpResult queue = s.As("printer", "GET", "/api/v1/sites/" + std::to_string(sf.sites.dinas) + "/print-queue");
    HttpResult printed;
    for (const auto& q : queue.json()["requests"]) {
      if (q["nik"] == f->ektp_nik) {
        printed = s.As("printer", "POST", "/api/v1/sites/" + std::to_string(sf.sites.dinas) + "/print",
                       Json{{"request_id", q["id"]}}.dump());
      }
    }
    EXPECT_EQ(printed.status, 201) << printed.body;
    f->card = printed.status == 201 ? printed.json()["serial"].get<std::string>() : "none";
    if (operation == "requestReprint") {
      HttpResult handed = s.As("printer", "POST", "/api/v1/cards/" + f->card + "/handover",
                               Json{{"received_by", "Uji"}}.dump());
      EXPECT_EQ(handed.status, 200) << handed.body;
    }
  } else if (operation == "issueSuket" && allowed({"admin", "print_officer", "registrar"})) {
    f->ektp_nik = RecordUniqueAdult(s, sf.sites, "Suket Baru", next_identity++);
  }
}

class PermissionMatrix : public ::testing::TestWithParam<std::string> {};

TEST_P(PermissionMatrix, EveryRoleOutOfScopeAndAnonymousAgainstEveryEndpoint) {
  std::string skip;
  ApiServer* s = ApiServer::For(GetParam(), &skip);
  if (!s) {
    if (GetParam() == "sqlite" || std::getenv("SIAK_REQUIRE_PG")) FAIL() << skip;
    GTEST_SKIP() << skip;
  }
  // A head of family and a child not on any KK: fresh for each call that may change them (a write
  // by an allowed role in scope), one shared set for the calls that must not (reads, and writes
  // refused for the role or the scope, which the matrix checks are refused).
  const auto new_family = [&](Fixture* f) {
    f->nik = s->As("admin", "POST", "/api/v1/persons", PersonBody("Kepala Uji", "1970-03-03", 1).dump()).json()["nik"];
    f->child = s->As("admin", "POST", "/api/v1/persons", PersonBody("Anak Uji", "2001-03-03", 2).dump()).json()["nik"];
    HttpResult fam = s->As("admin", "POST", "/api/v1/families",
                           Json{{"wilayah", "32.73.01.1001"}, {"alamat", "x"}, {"rt", 1}, {"rw", 1},
                                {"members", {{{"nik", f->nik}, {"shdk", 1}}}}}.dump());
    EXPECT_EQ(fam.status, 201) << fam.body;
    f->kk = fam.status == 201 ? fam.json()["kk_number"].get<std::string>() : "none";
  };
  Fixture shared_family;
  new_family(&shared_family);
  const api::Router router = api::BuildRouter();
  for (const auto& e : Endpoints()) {
    std::string route_method;
    for (const auto& route : router.routes()) {
      if (route.operation_id == e.operation) route_method = route.method;
    }
    for (const std::string user : {"", "admin", "supervisor", "registrar", "recorder", "printer", "auditor", "partner",
                                   "registrar.aceh", "supervisor.aceh"}) {
      Fixture f;
      // Rows whose preparation itself writes on the family (an ABIS job of the child, a birth
      // declared to the KK) need fresh ones for every call as well.
      static const std::set<std::string> kPreparedOnTheFamily = {
          "getAbisJob",          "getCivilEvent",       "registerCivilEvent", "rejectCivilEvent",
          "addCivilAttachment",  "getCivilAttachment",  "listCivilAttachments", "correctCivilEvent",
          "cancelCivilEvent",    "getAkta",             "getAktaPdf",         "getAktaPng",
          "issueAktaCopy"};
      const bool may_change = (route_method != "GET" && !user.empty() && !user.ends_with(".aceh") &&
                               e.roles.contains(RoleOf(user))) ||
                              kPreparedOnTheFamily.contains(e.operation);
      if (may_change) {
        new_family(&f);
        if (::testing::Test::HasFailure()) return;
      } else {
        f.nik = shared_family.nik;
        f.child = shared_family.child;
        f.kk = shared_family.kk;
      }
      if (may_change && (e.operation == "removeFamilyMember" || e.operation == "changeFamilyHead" ||
                         e.operation == "splitFamily")) {
        ASSERT_EQ(s->As("admin", "POST", "/api/v1/families/" + f.kk + "/members", Json{{"nik", f.child}, {"shdk", 4}}.dump()).status, 200);
      }
      if (e.operation == "getAbisJob") {
        HttpResult job = s->As("admin", "POST", "/api/v1/abis/jobs",
                               Json{{"recording_id", "perm-job-" + f.child + "-" + std::to_string(next_fixture++)},
                                    {"nik", f.child},
                                    {"irises", IrisesJson(next_identity++, 0)}}.dump());
        ASSERT_EQ(job.status, 202) << job.body;
        f.job = std::to_string(job.json()["id"].get<int64_t>());
      }
      if (e.operation == "getAbisCase" || e.operation == "verifyIris") {
        static std::map<std::string, Fixture> shared;  // per backend: one case and one enrolled person
        if (!shared.contains(GetParam())) {
          Fixture& sf = shared[GetParam()];
          sf.abis_case = MakeCase(*s, &sf.enrolled, &sf.enrolled_identity);
        }
        f.abis_case = shared[GetParam()].abis_case;
        f.enrolled = shared[GetParam()].enrolled;
        f.enrolled_identity = shared[GetParam()].enrolled_identity;
      }
      if (e.operation == "decideAbisCase") f.abis_case = MakeCase(*s, nullptr, nullptr);
      if (e.operation == "getCivilEvent" || e.operation == "registerCivilEvent" || e.operation == "rejectCivilEvent" ||
          e.operation.ends_with("CivilAttachment") || e.operation == "listCivilAttachments") {
        HttpResult declared = s->As("admin", "POST", "/api/v1/civil/births", BirthBody(f.kk, f.nik).dump());
        ASSERT_EQ(declared.status, 201) << declared.body;
        f.civil_event = std::to_string(declared.json()["id"].get<int64_t>());
        HttpResult attached = s->As("admin", "POST", "/api/v1/civil/events/" + f.civil_event + "/attachments",
                                    Json{{"jenis", "lainnya"}, {"name", "a.png"}, {"content_type", "image/png"},
                                         {"content", ToBase64("\x89PNG\r\n\x1a\nuji")}}.dump());
        ASSERT_EQ(attached.status, 201) << attached.body;
        f.attachment = std::to_string(attached.json()["id"].get<int64_t>());
      }
      if (e.operation == "correctCivilEvent" || e.operation == "cancelCivilEvent" || e.operation.starts_with("getAkta") ||
          e.operation == "issueAktaCopy") {
        HttpResult declared = s->As("admin", "POST", "/api/v1/civil/births", BirthBody(f.kk, f.nik).dump());
        ASSERT_EQ(declared.status, 201) << declared.body;
        const std::string id = std::to_string(declared.json()["id"].get<int64_t>());
        HttpResult registered = s->As("admin", "POST", "/api/v1/civil/events/" + id + "/register");
        ASSERT_EQ(registered.status, 200) << registered.body;
        f.civil_registered = id;
      }
      PrepareEktp(*s, e.operation, user, GetParam(), &f);
      f.counter = PrepareCounters(*s, e.operation, GetParam());
      PrepareOutreach(*s, e.operation, GetParam(), &f);
      if (e.operation == "disableUser" || e.operation == "enableUser" || e.operation == "resetUserPassword") {
        const std::string name = UserName("sasaran-", f.suffix);
        HttpResult made = s->As("admin", "POST", "/api/v1/users",
                                Json{{"username", name}, {"role", "registrar"}, {"scope", "32.73"}}.dump());
        ASSERT_EQ(made.status, 201) << made.body;
        f.target_user = name;
      }
      auto [method, path, body, headers] = e.request(f);
      HttpResult r = user.empty() ? s->Call(method, path, body, headers) : s->As(user, method, path, body, headers);
      if (e.operation == "logout" && !user.empty()) s->ForgetToken(user);  // that token is gone now
      const std::string who = (user.empty() ? "anonymous" : user) + " " + e.operation;
      if (e.roles.empty()) {
        EXPECT_NE(r.status, 401) << who;
        EXPECT_NE(r.status, 403) << who;
      } else if (user.empty()) {
        EXPECT_EQ(r.status, 401) << who;
      } else if (!e.roles.contains(RoleOf(user))) {
        EXPECT_EQ(r.status, 403) << who << ": " << r.body;
      } else if (user.ends_with(".aceh") && e.out_of_scope != 0) {
        EXPECT_EQ(r.status, e.out_of_scope) << who << " (out of scope): " << r.body;
      } else {
        EXPECT_LT(r.status, 400) << who << ": " << r.body;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionMatrix, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
