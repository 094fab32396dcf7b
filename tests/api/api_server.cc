#include "tests/api/api_server.h"

#include <chrono>
#include <thread>

#include "abis/synthetic_iris.h"
#include "common/crypto.h"
#include "tests/support/synthetic_capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

namespace siak::testing {
namespace {

std::map<std::string, std::unique_ptr<ApiServer>>& Servers() {
  static std::map<std::string, std::unique_ptr<ApiServer>> servers;
  return servers;
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

size_t CollectHeader(char* data, size_t size, size_t n, void* out) {
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(value.begin());
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * n;
}

class Environment : public ::testing::Environment {
 public:
  void TearDown() override { ApiServer::StopAll(); }
};
const auto* kEnvironment = ::testing::AddGlobalTestEnvironment(new Environment);

// Runs `siak args` on the store at `url` (with `env`, "NAME='value' ..." ), feeding it `stdin_text`.
int CliOn(const std::string& url, const std::string& args, std::string* out, const std::string& stdin_text = "",
          const std::string& env = "") {
  const std::string input = "/tmp/siak-cli-in-" + std::to_string(getpid());
  {
    std::ofstream f(input);
    f << stdin_text;
  }
  const std::string cmd = "ASAN_OPTIONS=detect_leaks=0 SIAK_STORE='" + url + "' " + env + SIAK_BINARY + " " + args +
                          " < " + input + " 2>&1";
  out->clear();
  std::FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  int status = pclose(p);
  std::remove(input.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The database every test server starts from — the schema, the official regions, the test
// users — made once per test run (per ctest, whose tests share a parent; per build of siak and
// PostgreSQL cluster) and copied for each server: filling it anew took about 10 s of every API
// test (the import of 108,972 regions, nine password hashes). Removed by scripts/test.sh.
std::unique_ptr<TestDatabase> PreparedDatabase(const std::string& backend, std::string* skip) {
  struct stat st {};
  stat(SIAK_BINARY, &st);
  const char* pg = std::getenv("SIAK_TEST_PG");
  const std::string name = "siak_api_tmpl_" + backend.substr(0, 2) + "_" + std::to_string(Store::LatestSchemaVersion()) +
                           "_" + std::to_string(st.st_mtime) + "_" + std::to_string(getppid()) + "_" +
                           std::to_string(std::hash<std::string>{}(pg ? pg : "") % 1000000);
  const std::string lock_path = "/tmp/" + name + ".lock", ready = "/tmp/" + name + ".ready";
  const int fd = open(lock_path.c_str(), O_CREAT | O_RDWR, 0600);
  if (fd < 0 || flock(fd, LOCK_EX) != 0) {
    *skip = "cannot lock " + lock_path;
    if (fd >= 0) close(fd);
    return nullptr;
  }
  auto fail = [&](const std::string& why) -> std::unique_ptr<TestDatabase> {
    *skip = why;
    flock(fd, LOCK_UN);
    close(fd);
    return nullptr;
  };
  if (!std::filesystem::exists(ready)) {
    std::string error, out;
    const std::string url = TestDatabase::TemplateUrl(backend, name, true, &error);
    if (url.empty()) return fail("cannot make the template database: " + error);
    if (CliOn(url, "init", &out) != 0) return fail("siak init failed: " + out);
    if (CliOn(url, std::string("regions import --from ") + SIAK_REGION_DATA_DIR, &out) != 0) {
      return fail("region import failed (run scripts/setup.sh): " + out);
    }
    for (const auto& u : TestUsers()) {
      if (CliOn(url, "user add " + u.name + " --role " + u.role + " --scope " + u.scope, &out,
                std::string(kPassword) + "\n") != 0) {
        return fail("user add failed: " + out);
      }
    }
    std::ofstream(ready) << name << "\n";
  }
  auto db = TestDatabase::CloneOf(backend, name, skip);
  flock(fd, LOCK_UN);
  close(fd);
  return db;
}

}  // namespace

const std::vector<TestUser>& TestUsers() {
  static const std::vector<TestUser> users = {
      {"admin", "admin", "national"},
      {"supervisor", "supervisor", "32.73"},
      {"registrar", "registrar", "32.73"},
      {"recorder", "recording_officer", "32.73"},
      {"printer", "print_officer", "32.73"},
      {"auditor", "auditor", "national"},
      {"partner", "partner", "national"},
      {"registrar.aceh", "registrar", "11.01"},
      {"supervisor.aceh", "supervisor", "11.01"},
  };
  return users;
}

ApiServer* ApiServer::For(const std::string& backend, std::string* skip) {
  auto& servers = Servers();
  if (auto it = servers.find(backend); it != servers.end()) return it->second.get();
  auto server = StartFresh(backend, {}, skip);
  if (!server) return nullptr;
  ApiServer* raw = server.get();
  servers[backend] = std::move(server);
  return raw;
}

std::unique_ptr<ApiServer> ApiServer::StartFresh(const std::string& backend, const std::vector<std::string>& extra,
                                                 std::string* skip) {
  static int counter = 0;
  auto server = std::make_unique<ApiServer>();
  server->db_ = PreparedDatabase(backend, skip);
  if (!server->db_) return nullptr;
  server->port_ = FreePort();
  const std::string base = "/tmp/siak-api-test-" + std::to_string(getpid()) + "-" + backend + "-" +
                           std::to_string(counter++);
  server->log_path_ = base + ".log";
  server->abis_prefix_ = base + "-abis";
  const std::string port = std::to_string(server->port_);
  std::vector<std::string> args = {SIAK_BINARY, "serve", "--port", port, "--store", server->db_->url(),
                                   "--access-log", "off", "--workers", "4", "--openapi", SIAK_OPENAPI_PATH,
                                   "--abis-key-file", server->abis_key_file(), "--abis-gallery", server->abis_gallery(),
                                   "--card-key-file", server->card_key_file()};
  bool tls = false;
  for (const auto& a : extra) {
    args.push_back(a);
    tls |= a == "--tls-cert";
  }
  pid_t pid = fork();
  if (pid == 0) {
    std::FILE* log = std::fopen(server->log_path_.c_str(), "w");
    if (log) {
      dup2(fileno(log), 1);
      dup2(fileno(log), 2);
    }
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(SIAK_BINARY, argv.data());
    _exit(127);
  }
  server->pid_ = pid;
  if (tls) return server;  // the caller sets the CA and waits itself
  for (int i = 0; i < 200; ++i) {
    if (server->Call("GET", "/readyz").status == 200) return server;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  *skip = "the server did not become ready: " + server->Log();
  return nullptr;
}

ApiServer::~ApiServer() {
  Stop();
  std::remove(abis_key_file().c_str());
  std::remove(abis_gallery().c_str());
  std::remove(card_key_file().c_str());
}

std::string ApiServer::Log() const {
  std::ifstream log(log_path_);
  return std::string((std::istreambuf_iterator<char>(log)), {});
}

void ApiServer::StopAll() {
  for (auto& [backend, server] : Servers()) server->Stop();
  Servers().clear();
}

int ApiServer::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

HttpResult ApiServer::Call(const std::string& method, const std::string& path, const std::string& body,
                           const std::vector<std::string>& headers) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  const std::string url = (ca_file_.empty() ? "http://127.0.0.1:" : "https://localhost:") + std::to_string(port_) + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  if (!body.empty() || method == "POST" || method == "PATCH") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, CollectHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return result;
}

std::string ApiServer::Token(const std::string& user) {
  if (auto it = tokens_.find(user); it != tokens_.end()) return it->second;
  HttpResult r = Call("POST", "/api/v1/auth/login", Json{{"username", user}, {"password", kPassword}}.dump());
  std::string token = r.status == 200 ? r.json().value("token", "") : "";
  if (!token.empty()) tokens_[user] = token;
  return token;
}

HttpResult ApiServer::As(const std::string& user, const std::string& method, const std::string& path,
                         const std::string& body, std::vector<std::string> headers) {
  headers.push_back("Authorization: Bearer " + Token(user));
  return Call(method, path, body, headers);
}

int ApiServer::Cli(const std::string& args, std::string* out, const std::string& stdin_text) {
  return CliOn(db_->url(), args, out, stdin_text,
               "SIAK_ABIS_KEY_FILE='" + abis_key_file() + "' SIAK_ABIS_GALLERY='" + abis_gallery() +
                   "' SIAK_CARD_KEY_FILE='" + card_key_file() + "' ");
}

Json PersonBody(const std::string& nama, const std::string& born, int sex, const std::string& village,
                const Json& overrides) {
  Json j{{"nama", nama},        {"tempat_lahir", "Bandung"}, {"tanggal_lahir", born}, {"jenis_kelamin", sex},
         {"agama", 1},          {"status_perkawinan", 1},    {"pendidikan", 5},       {"pekerjaan", 15},
         {"wilayah", village}, {"alamat", "Jl. Merdeka 1"}, {"rt", 1},               {"rw", 2}};
  for (const auto& [k, v] : overrides.items()) j[k] = v;
  return j;
}

Json IrisesJson(uint64_t identity, uint64_t capture) {
  static const abis::SyntheticIrises irises(77);
  Json list = Json::array();
  for (abis::Eye eye : {abis::Eye::kRight, abis::Eye::kLeft}) {
    const std::string bytes = abis::SerializeIris(abis::IrisTemplate{eye, 90, irises.Capture(identity, eye, capture)});
    list.push_back({{"eye", std::string(abis::EyeName(eye))}, {"template", ToBase64(bytes)}});
  }
  return list;
}

HttpResult RecordAndWait(ApiServer& s, const std::string& user, const std::string& nik, uint64_t identity,
                         uint64_t capture, const std::string& recording_id) {
  return SubmitAndWait(s, user,
                       Json{{"recording_id", recording_id}, {"nik", nik}, {"irises", IrisesJson(identity, capture)}});
}

HttpResult SubmitAndWait(ApiServer& s, const std::string& user, const Json& body) {
  HttpResult submitted = s.As(user, "POST", "/api/v1/abis/jobs", body.dump());
  if (submitted.status != 202 && submitted.status != 200) return submitted;
  const std::string path = "/api/v1/abis/jobs/" + std::to_string(submitted.json()["id"].get<int64_t>());
  for (int i = 0; i < 600; ++i) {
    HttpResult job = s.As("admin", "GET", path);
    if (job.status == 200 && job.json()["state"] == "done") return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return HttpResult{};
}

std::string DaysAgo(int days) {
  const std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&t));
  return day;
}

Json BirthBody(const std::string& kk, const std::string& father) {
  const std::string day = DaysAgo(7);
  return Json{{"kk_number", kk},        {"nama", "Bayi Uji"},         {"jenis_kelamin", 2},
              {"tanggal_lahir", day},   {"waktu_lahir", "05:30"},     {"tempat_lahir", "Bandung"},
              {"tempat_dilahirkan", "rumah_sakit"}, {"penolong", "dokter"}, {"ayah", father},
              {"nama_ibu", "Ibu Uji"},  {"saksi", {"Saksi Satu", "Saksi Dua"}}};
}

Json FingersJson(uint64_t identity, uint64_t capture) {
  Json fingers = Json::array();
  for (int pos = 1; pos <= 10; ++pos) {
    fingers.push_back({{"position", pos}, {"template", ToBase64(SyntheticFingerCapture(pos, identity, capture))}});
  }
  return fingers;
}

std::string NewAdult(ApiServer& s, const std::string& name) {
  HttpResult r = s.As("admin", "POST", "/api/v1/persons", PersonBody(name, "1990-05-05", 1).dump());
  return r.status == 201 ? r.json()["nik"].get<std::string>() : "";
}

std::string NowUtcMinus(int64_t seconds) {
  const std::time_t t = std::time(nullptr) - seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

EktpSites MakeEktpSites(ApiServer& s, const std::string& suffix_text) {
  std::string suffix = suffix_text;  // site codes are upper case
  for (char& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EktpSites out;
  auto site = [&](const Json& body) -> int64_t {
    HttpResult r = s.As("admin", "POST", "/api/v1/sites", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json()["id"].get<int64_t>() : 0;
  };
  out.dinas = site({{"code", "3273-DINAS-" + suffix}, {"kind", "dinas"}, {"name", "Disdukcapil Kota Bandung"},
                    {"region_code", "32.73"}});
  out.empty_dinas = site({{"code", "3273-KOSONG-" + suffix}, {"kind", "dinas"}, {"name", "Loket tanpa blangko"},
                          {"region_code", "32.73"}});
  out.mobile = site({{"code", "3273-MOBIL-" + suffix}, {"kind", "mobile"}, {"name", "Tim jemput bola Sukasari"},
                     {"region_code", "32.73.01"}, {"print_site_id", out.dinas}});
  out.kit = "KIT-" + suffix;
  HttpResult k = s.As("admin", "POST", "/api/v1/sites/" + std::to_string(out.mobile) + "/devices",
                      Json{{"serial", out.kit}, {"kind", "kit"}, {"model", "Perekam KTP-el"}}.dump());
  EXPECT_EQ(k.status, 201) << k.body;
  return out;
}

Json EktpRecordingBody(const EktpSites& sites, const std::string& id, const std::string& nik, uint64_t identity) {
  Json fingers = Json::array();
  for (int pos = 1; pos <= 10; ++pos) {
    if (pos == 10) {
      fingers.push_back({{"position", pos}, {"missing", "bandaged"}});
    } else {
      fingers.push_back({{"position", pos}, {"template", ToBase64(SyntheticFingerCapture(pos, identity, 1))}});
    }
  }
  return Json{{"recording_id", id},
              {"nik", nik},
              {"site_id", sites.mobile},
              {"device_serial", sites.kit},
              {"captured_at", NowUtcMinus(0)},
              {"photo", ToBase64(SyntheticFacePng(identity))},
              {"signature", ToBase64(SyntheticSignaturePng(identity))},
              {"fingers", fingers},
              {"irises", IrisesJson(identity, 0)}};
}

std::string RecordUniqueAdult(ApiServer& s, const EktpSites& sites, const std::string& name, uint64_t identity) {
  const std::string nik = NewAdult(s, name);
  if (nik.empty()) return "";
  const std::string id = "rekam-" + nik;
  HttpResult r = s.As("recorder", "POST", "/api/v1/recordings", EktpRecordingBody(sites, id, nik, identity).dump());
  EXPECT_EQ(r.status, 201) << r.body;
  for (int i = 0; i < 600; ++i) {
    HttpResult g = s.As("recorder", "GET", "/api/v1/recordings/" + id);
    if (g.status == 200 && g.json()["abis_job"].is_object() && g.json()["abis_job"]["state"] == "done") {
      EXPECT_EQ(g.json()["abis_job"]["outcome"], "UNIQUE") << g.body;
      return g.json()["abis_job"]["outcome"] == "UNIQUE" ? nik : "";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "no de-duplication outcome for " << id;
  return "";
}

void GiveBlanks(ApiServer& s, int64_t site, int64_t n) {
  for (const Json& move : {Json{{"kind", "procured"}, {"to", "pusat"}, {"quantity", n}, {"reason", "uji"}},
                           Json{{"kind", "delivered"}, {"from", "pusat"}, {"to", "kab:3273"}, {"quantity", n}},
                           Json{{"kind", "allocated"}, {"from", "kab:3273"}, {"to", "site:" + std::to_string(site)},
                                {"quantity", n}}}) {
    HttpResult r = s.As("admin", "POST", "/api/v1/stock/movements", move.dump());
    EXPECT_EQ(r.status, 201) << r.body;
  }
}

std::string PrintNext(ApiServer& s, int64_t site) {
  HttpResult r = s.As("printer", "POST", "/api/v1/sites/" + std::to_string(site) + "/print", "{}");
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json()["serial"].get<std::string>() : "";
}

}  // namespace siak::testing
