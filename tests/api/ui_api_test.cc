// What the operator UI needs from the server, over HTTP: user administration for admins (scoped
// like every other read), the code tables, the coverage history, villages only in the region
// picker, and the UI's own files served by siak serve (index.html for screen addresses, gzip,
// revalidation, never in place of an API answer).
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "tests/api/api_server.h"

namespace siak::testing {
namespace {

std::atomic<int> next_user{1};

std::string UniqueName(const std::string& prefix, const std::string& backend) {
  return prefix + "-" + std::to_string(getpid() % 100000) + "-" + std::to_string(next_user++) + backend.substr(0, 1);
}

class UiApi : public ApiBackendTest {};

TEST_P(UiApi, AdminsManageUsersInsideTheirScopeAndPasswordsAreShownOnce) {
  // A user with a password the server makes: returned once, and it logs in.
  const std::string name = UniqueName("petugas", GetParam());
  HttpResult made = s_->As("admin", "POST", "/api/v1/users",
                           Json{{"username", name}, {"role", "registrar"}, {"scope", "32.73"}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string password = made.json()["password"];
  EXPECT_EQ(password.size(), 20u);
  EXPECT_EQ(made.json()["scope"], "32.73");
  HttpResult login = s_->Call("POST", "/api/v1/auth/login", Json{{"username", name}, {"password", password}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = login.json()["token"];
  HttpResult listed = s_->As("admin", "GET", "/api/v1/users");
  ASSERT_EQ(listed.status, 200);
  bool found = false;
  for (const auto& u : listed.json()["items"]) found |= u["username"] == name && u["role"] == "registrar";
  EXPECT_TRUE(found) << listed.body;
  EXPECT_EQ(listed.body.find("argon2"), std::string::npos) << "a password hash left the server";
  EXPECT_EQ(listed.body.find(password), std::string::npos);
  EXPECT_EQ(s_->As("admin", "POST", "/api/v1/users", Json{{"username", name}, {"role", "registrar"}, {"scope", "32.73"}}.dump()).status,
            409);

  // Disabling ends the sessions; enabling lets the user in again; a reset replaces the password.
  HttpResult disabled = s_->As("admin", "POST", "/api/v1/users/" + name + "/disable");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json()["disabled"], true);
  EXPECT_EQ(s_->Call("GET", "/api/v1/auth/me", "", {"Authorization: Bearer " + token}).status, 401);
  EXPECT_EQ(s_->Call("POST", "/api/v1/auth/login", Json{{"username", name}, {"password", password}}.dump()).status, 403);
  ASSERT_EQ(s_->As("admin", "POST", "/api/v1/users/" + name + "/enable").status, 200);
  HttpResult reset = s_->As("admin", "POST", "/api/v1/users/" + name + "/password");
  ASSERT_EQ(reset.status, 200) << reset.body;
  const std::string second = reset.json()["password"];
  EXPECT_NE(second, password);
  EXPECT_EQ(s_->Call("POST", "/api/v1/auth/login", Json{{"username", name}, {"password", password}}.dump()).status, 401);
  EXPECT_EQ(s_->Call("POST", "/api/v1/auth/login", Json{{"username", name}, {"password", second}}.dump()).status, 200);
  HttpResult chosen = s_->As("admin", "POST", "/api/v1/users/" + name + "/password",
                             Json{{"password", "pendek"}}.dump());
  EXPECT_EQ(chosen.status, 422) << chosen.body;
  EXPECT_EQ(chosen.json().value("field", ""), "password");

  // Bad input names the field; an admin cannot lock themselves out.
  for (const auto& [body, field] : std::vector<std::pair<Json, std::string>>{
           {Json{{"username", "Huruf Besar"}, {"role", "registrar"}, {"scope", "32.73"}}, "username"},
           {Json{{"username", UniqueName("x", GetParam())}, {"role", "raja"}, {"scope", "32.73"}}, "role"},
           {Json{{"username", UniqueName("x", GetParam())}, {"role", "registrar"}, {"scope", "99.99"}}, "scope"},
           {Json{{"role", "registrar"}, {"scope", "32.73"}}, "username"}}) {
    HttpResult bad = s_->As("admin", "POST", "/api/v1/users", body.dump());
    EXPECT_EQ(bad.status, 422) << body.dump() << " -> " << bad.body;
    EXPECT_EQ(bad.json().value("field", ""), field) << bad.body;
  }
  HttpResult self = s_->As("admin", "POST", "/api/v1/users/admin/disable");
  EXPECT_EQ(self.status, 422) << self.body;
  EXPECT_EQ(s_->As("admin", "POST", "/api/v1/users/nobody-here/disable").status, 404);

  // An admin of Kota Bandung sees and manages only users inside 32.73.
  const std::string local_admin = UniqueName("admin.kota", GetParam());
  HttpResult la = s_->As("admin", "POST", "/api/v1/users",
                         Json{{"username", local_admin}, {"role", "admin"}, {"scope", "32.73"}}.dump());
  ASSERT_EQ(la.status, 201) << la.body;
  HttpResult la_login = s_->Call("POST", "/api/v1/auth/login",
                                 Json{{"username", local_admin}, {"password", la.json()["password"]}}.dump());
  ASSERT_EQ(la_login.status, 200);
  const std::string la_auth = "Authorization: Bearer " + la_login.json()["token"].get<std::string>();
  HttpResult mine = s_->Call("GET", "/api/v1/users", "", {la_auth});
  ASSERT_EQ(mine.status, 200);
  for (const auto& u : mine.json()["items"]) {
    EXPECT_TRUE(u["scope"].get<std::string>().starts_with("32.73")) << u.dump();
  }
  HttpResult outside = s_->Call("POST", "/api/v1/users",
                                Json{{"username", UniqueName("y", GetParam())}, {"role", "registrar"}, {"scope", "11"}}.dump(),
                                {la_auth});
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(outside.json().value("field", ""), "scope");
  EXPECT_EQ(s_->Call("POST", "/api/v1/users/registrar.aceh/disable", "", {la_auth}).status, 404);
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/users").status, 403);

  // Every user administration call is in the audit log; the latest first when asked, paged back.
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?user=admin&order=desc&limit=50");
  ASSERT_EQ(audit.status, 200) << audit.body;
  for (const char* action : {"createUser", "disableUser", "enableUser", "resetUserPassword"}) {
    EXPECT_NE(audit.body.find(action), std::string::npos) << action;
  }
  const Json& items = audit.json()["items"];
  ASSERT_GE(items.size(), 2u);
  EXPECT_GT(items[0]["seq"].get<int64_t>(), items[1]["seq"].get<int64_t>());
  EXPECT_EQ(audit.json()["next_after"], nullptr);
  const int64_t before = audit.json()["next_before"].get<int64_t>();
  HttpResult older = s_->As("auditor", "GET", "/api/v1/audit?user=admin&order=desc&limit=5&before=" + std::to_string(before));
  ASSERT_EQ(older.status, 200);
  for (const auto& e : older.json()["items"]) EXPECT_LT(e["seq"].get<int64_t>(), before);
  EXPECT_EQ(s_->As("auditor", "GET", "/api/v1/audit?user=admin&order=sideways").json().value("field", ""), "order");
  for (const std::string param : {"after", "before"}) {
    for (const std::string bad : {"", "abc", "-1", "1234567890123456789"}) {
      HttpResult refused = s_->As("auditor", "GET", "/api/v1/audit?" + param + "=" + bad);
      EXPECT_EQ(refused.status, 422) << param << "=" << bad << ": " << refused.body;
      EXPECT_EQ(refused.json().value("field", ""), param) << refused.body;
    }
  }
}

TEST_P(UiApi, CodeTablesCoverageHistoryAndVillagesOnly) {
  HttpResult codes = s_->As("recorder", "GET", "/api/v1/codes");
  ASSERT_EQ(codes.status, 200) << codes.body;
  EXPECT_EQ(codes.json()["agama"].size(), 7u);
  EXPECT_EQ(codes.json()["agama"][6]["label"], "Kepercayaan terhadap Tuhan YME");
  EXPECT_EQ(codes.json()["pekerjaan"].size(), 89u);
  EXPECT_EQ(codes.json()["shdk"][0]["label"], "Kepala keluarga");
  EXPECT_EQ(s_->Call("GET", "/api/v1/codes").status, 401);

  HttpResult history = s_->As("supervisor", "GET", "/api/v1/coverage/history?days=30");
  ASSERT_EQ(history.status, 200) << history.body;
  ASSERT_FALSE(history.json()["points"].empty());
  const Json& today = history.json()["points"].back();
  HttpResult coverage = s_->As("supervisor", "GET", "/api/v1/coverage");
  ASSERT_EQ(coverage.status, 200);
  EXPECT_EQ(today["recorded"], coverage.json()["total"]["recorded"]);  // the last point is live
  EXPECT_EQ(today["wajib_ktp"], coverage.json()["total"]["wajib_ktp"]);
  HttpResult bad_days = s_->As("supervisor", "GET", "/api/v1/coverage/history?days=2");
  EXPECT_EQ(bad_days.status, 422);
  EXPECT_EQ(bad_days.json().value("field", ""), "days");
  EXPECT_EQ(s_->As("registrar.aceh", "GET", "/api/v1/coverage/history?region=32.73").status, 404);

  // "sukajadi" is a district of Kota Bandung and many villages: ?level=village keeps only those.
  HttpResult any = s_->As("registrar", "GET", "/api/v1/regions/search?q=sukajadi&limit=20");
  HttpResult villages = s_->As("registrar", "GET", "/api/v1/regions/search?q=sukajadi&limit=20&level=village");
  ASSERT_EQ(villages.status, 200) << villages.body;
  ASSERT_FALSE(villages.json()["items"].empty());
  bool other_level = false;
  for (const auto& r : any.json()["items"]) other_level |= r["level"] != "village";
  EXPECT_TRUE(other_level) << any.body;
  for (const auto& r : villages.json()["items"]) EXPECT_EQ(r["level"], "village") << r.dump();
  // A code prefix in front of the words keeps the matches inside it (the picker's scope): of the
  // four villages named Cipedes only Kota Bandung's.
  HttpResult cipedes = s_->As("registrar", "GET", "/api/v1/regions/search?q=cipedes&level=village");
  ASSERT_EQ(cipedes.status, 200);
  EXPECT_GE(cipedes.json()["items"].size(), 4u) << cipedes.body;
  HttpResult scoped = s_->As("registrar", "GET", "/api/v1/regions/search?q=32.73%20cipedes&level=village");
  ASSERT_EQ(scoped.status, 200);
  ASSERT_EQ(scoped.json()["items"].size(), 1u) << scoped.body;
  EXPECT_EQ(scoped.json()["items"][0]["code"], "32.73.07.1002");
  HttpResult bad_level = s_->As("registrar", "GET", "/api/v1/regions/search?q=suka&level=dusun");
  EXPECT_EQ(bad_level.status, 422);
  EXPECT_EQ(bad_level.json().value("field", ""), "level");
}

TEST_P(UiApi, AdjudicatorsSeeTheFaceOfTheLatestRecordingAndNobodyElseDoes) {
  const EktpSites sites = MakeEktpSites(*s_, "FOTO-" + std::to_string(next_user++) + GetParam().substr(0, 1));
  const std::string nik = RecordUniqueAdult(*s_, sites, "Wajah Uji", 7'700'000 + next_user++);
  ASSERT_FALSE(nik.empty());
  HttpResult photo = s_->As("supervisor", "GET", "/api/v1/persons/" + nik + "/photo");
  ASSERT_EQ(photo.status, 200) << photo.body.substr(0, 300);
  const std::string type = photo.header("content-type");
  EXPECT_TRUE(type == "image/png" || type == "image/jpeg") << type;
  EXPECT_TRUE(photo.body.starts_with("\x89PNG") || photo.body.starts_with("\xFF\xD8")) << "not an image";
  EXPECT_EQ(photo.header("cache-control"), "no-store");
  EXPECT_EQ(s_->As("recorder", "GET", "/api/v1/persons/" + nik + "/photo").status, 403);
  EXPECT_EQ(s_->As("supervisor.aceh", "GET", "/api/v1/persons/" + nik + "/photo").status, 404);
  // Someone never recorded here has no photo to show.
  const std::string never = NewAdult(*s_, "Belum Rekam Uji");
  HttpResult none = s_->As("supervisor", "GET", "/api/v1/persons/" + never + "/photo");
  EXPECT_EQ(none.status, 404) << none.body;
  EXPECT_EQ(none.json().value("field", ""), "photo");
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + nik + "&order=desc&limit=5");
  EXPECT_NE(audit.body.find("getPersonPhoto"), std::string::npos) << audit.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, UiApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& b) { return b.param; });

// The UI's files: index.html for every screen address, assets cached and compressed, and API
// paths never answered by the UI.
TEST(UiFiles, SiakServeServesTheBuiltUiBesideTheApi) {
  const auto root = std::filesystem::temp_directory_path() / ("siak-ui-files-" + std::to_string(getpid()));
  std::filesystem::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>OpenSIAK</title><script type=module src=/assets/app-1.js></script>";
  std::ofstream(root / "assets" / "app-1.js") << "console.log('siak')";
  std::ofstream(root / "assets" / "app-1.js.gz") << "GZIP-TWIN";
  std::string skip;
  auto s = ApiServer::StartFresh("sqlite", {"--web-root", root.string()}, &skip);
  ASSERT_TRUE(s) << skip;

  HttpResult index = s->Call("GET", "/");
  ASSERT_EQ(index.status, 200) << index.body;
  EXPECT_NE(index.body.find("<title>OpenSIAK</title>"), std::string::npos);
  EXPECT_TRUE(index.header("content-type").starts_with("text/html"));
  EXPECT_NE(index.header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(index.header("cache-control"), "no-cache");
  HttpResult screen = s->Call("GET", "/orang/3273014512900001");
  EXPECT_EQ(screen.status, 200);
  EXPECT_EQ(screen.body, index.body);
  HttpResult again = s->Call("GET", "/", "", {"If-None-Match: " + index.header("etag")});
  EXPECT_EQ(again.status, 304);

  HttpResult js = s->Call("GET", "/assets/app-1.js");
  EXPECT_EQ(js.body, "console.log('siak')");
  EXPECT_NE(js.header("cache-control").find("immutable"), std::string::npos);
  HttpResult gz = s->Call("GET", "/assets/app-1.js", "", {"Accept-Encoding: gzip"});
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.body, "GZIP-TWIN");
  EXPECT_EQ(s->Call("GET", "/assets/missing-2.js").status, 404);

  // The API keeps its own answers.
  HttpResult api = s->Call("GET", "/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_TRUE(api.header("content-type").starts_with("application/problem+json")) << api.header("content-type");
  EXPECT_EQ(s->Call("GET", "/healthz").json()["status"], "ok");
  EXPECT_EQ(s->Call("GET", "/api/v1/persons").status, 401);
  EXPECT_NE(s->Log().find("operator UI"), std::string::npos) << s->Log();
  s.reset();
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace siak::testing
