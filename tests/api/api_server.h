// A real `siak serve` process for API tests: a fresh database (SQLite or PostgreSQL), the
// official regions, one user per role, the server on a free loopback port, and an HTTP
// client (libcurl) to speak to it. One server per backend, shared by the tests of a run.
#pragma once

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/store/test_backends.h"

namespace siak::testing {

using Json = nlohmann::json;

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  // The body parsed (once); a reference into this result, valid while it lives.
  const Json& json() const {
    if (!parsed) {
      cached = Json::parse(body, nullptr, false);
      parsed = true;
    }
    return cached;
  }
  mutable Json cached;
  mutable bool parsed = false;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// The users every server has; all passwords are kPassword.
inline constexpr const char* kPassword = "kata-sandi-uji-123";
struct TestUser {
  std::string name;
  std::string role;
  std::string scope;
};
const std::vector<TestUser>& TestUsers();

class ApiServer {
 public:
  // The running server of a backend, started on first use; null (with *skip) when the backend
  // is unavailable here.
  static ApiServer* For(const std::string& backend, std::string* skip);
  // A server of its own (for tests that stop it), with extra `siak serve` arguments.
  static std::unique_ptr<ApiServer> StartFresh(const std::string& backend, const std::vector<std::string>& extra_args,
                                               std::string* skip);
  ~ApiServer();
  static void StopAll();

  HttpResult Call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::vector<std::string>& headers = {});
  // For HTTPS servers: the scheme and host to use, and the CA file to trust.
  void UseTls(const std::string& ca_file) { ca_file_ = ca_file; }
  std::string Log() const;
  // Calls with the user's bearer token (logging in once per user).
  HttpResult As(const std::string& user, const std::string& method, const std::string& path,
                const std::string& body = "", std::vector<std::string> headers = {});
  std::string Token(const std::string& user);
  void ForgetToken(const std::string& user) { tokens_.erase(user); }

  // Runs the siak CLI against this server's store; returns the exit code, output in *out.
  int Cli(const std::string& args, std::string* out, const std::string& stdin_text = "");
  const TestDatabase& db() const { return *db_; }
  int port() const { return port_; }
  std::string abis_key_file() const { return abis_prefix_ + ".key"; }
  std::string abis_gallery() const { return abis_prefix_ + ".snap"; }
  std::string card_key_file() const { return abis_prefix_ + "-card.key"; }
  pid_t pid() const { return pid_; }
  // Stops the server with SIGTERM and returns its exit status (for the shutdown test).
  int Stop();

 private:
  std::unique_ptr<TestDatabase> db_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
  std::string abis_prefix_;  // the server's template key and gallery snapshot: <prefix>.key, <prefix>.snap
  std::string ca_file_;
  std::map<std::string, std::string> tokens_;
};

// A person body for POST /api/v1/persons, living in `village`, with overrides merged in.
Json PersonBody(const std::string& nama, const std::string& born, int sex, const std::string& village = "32.73.01.1001",
                const Json& overrides = Json::object());

// A test against the shared server of one backend (the parameter); skips where PostgreSQL is
// absent unless SIAK_REQUIRE_PG is set, and fails when even SQLite cannot serve.
class ApiBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string skip;
    s_ = ApiServer::For(GetParam(), &skip);
    if (!s_) {
      if (GetParam() == "sqlite" || std::getenv("SIAK_REQUIRE_PG")) FAIL() << skip;
      GTEST_SKIP() << skip;
    }
  }
  ApiServer* s_ = nullptr;
};

// "irises": both eyes of SYNTHETIC identity `identity`, capture `capture` (base64 templates).
Json IrisesJson(uint64_t identity, uint64_t capture);
// Submits a recording of `identity` for `nik` as `user` and waits (up to 30 s) for the ABIS
// worker's outcome; returns the finished job (status 0 in the result on timeout).
HttpResult RecordAndWait(ApiServer& s, const std::string& user, const std::string& nik, uint64_t identity,
                         uint64_t capture, const std::string& recording_id);
// Submits `body` to POST /api/v1/abis/jobs and waits for the job's outcome.
HttpResult SubmitAndWait(ApiServer& s, const std::string& user, const Json& body);
// A birth declaration (a daughter born a week before the test clock's day) to family `kk`, with
// `father` (a man on that KK) as the father and the mother by name.
Json BirthBody(const std::string& kk, const std::string& father);
// The UTC date `days` ago, YYYY-MM-DD.
std::string DaysAgo(int days);
// Ten SYNTHETIC fingers of `identity` (impression `capture`) as the job API's "fingers".
Json FingersJson(uint64_t identity, uint64_t capture);
// A new adult in 32.73 (Kota Bandung), BELUM_REKAM; returns its NIK.
std::string NewAdult(ApiServer& s, const std::string& name);

// e-KTP fixtures: a Dinas site, a mobile team that records for it (with a recording kit), and
// a second Dinas with no blanks (for Suket). Codes carry `suffix` so fixtures never collide.
struct EktpSites {
  int64_t dinas = 0, mobile = 0, empty_dinas = 0;
  std::string kit;
};
EktpSites MakeEktpSites(ApiServer& s, const std::string& suffix);
// UTC time `seconds` ago, as the API writes it: 2026-11-28T08:00:00Z.
std::string NowUtcMinus(int64_t seconds);
// A complete recording body (SYNTHETIC photo, signature, nine fingers and one bandaged, both irises),
// captured now on the sites' kit: later than anything the test made before it, even across midnight.
Json EktpRecordingBody(const EktpSites& sites, const std::string& id, const std::string& nik, uint64_t identity);
// Records a new adult at the mobile team and waits for the UNIQUE outcome; returns the NIK ("" on failure).
std::string RecordUniqueAdult(ApiServer& s, const EktpSites& sites, const std::string& name, uint64_t identity);
// Blanks from the centre down to `site` (procured, delivered to kab:3273, allocated).
void GiveBlanks(ApiServer& s, int64_t site, int64_t n);
// Prints the head of the site's queue; returns the card serial ("" on failure).
std::string PrintNext(ApiServer& s, int64_t site);

}  // namespace siak::testing
