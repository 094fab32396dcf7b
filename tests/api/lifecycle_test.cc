// The server's own lifecycle: graceful shutdown with a request in flight, and TLS.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "tests/api/api_server.h"

namespace siak::testing {
namespace {

TEST(ServerLifecycle, SigtermLetsTheRequestInFlightFinish) {
  std::string skip;
  auto s = ApiServer::StartFresh("sqlite", {}, &skip);
  ASSERT_TRUE(s) << skip;
  // A login hashes with argon2id (a tenth of a second or more): it is still running when
  // SIGTERM arrives.
  HttpResult login;
  std::thread client([&] {
    login = s->Call("POST", "/api/v1/auth/login", Json{{"username", "admin"}, {"password", kPassword}}.dump());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const int status = s->Stop();
  client.join();
  EXPECT_EQ(login.status, 200) << "the in-flight request must complete: " << login.body;
  EXPECT_FALSE(login.json().value("token", "").empty());
  EXPECT_TRUE(WIFEXITED(status)) << "the server must exit, not be killed";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const std::string log = s->Log();
  EXPECT_NE(log.find("shutting down"), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
}

TEST(ServerLifecycle, ServesHttpsWithTheGivenCertificate) {
  const std::string dir = (std::filesystem::temp_directory_path() / ("siak-tls-" + std::to_string(getpid()))).string();
  std::filesystem::create_directories(dir);
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + dir + "/key.pem -out " + dir +
                          "/cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
  std::string skip;
  auto s = ApiServer::StartFresh("sqlite", {"--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"}, &skip);
  ASSERT_TRUE(s) << skip;
  s->UseTls(dir + "/cert.pem");
  int status = 0;
  for (int i = 0; i < 200 && status != 200; ++i) {
    status = static_cast<int>(s->Call("GET", "/readyz").status);
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200) << s->Log();
  EXPECT_EQ(s->As("admin", "GET", "/api/v1/auth/me").json()["username"], "admin");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace siak::testing
