#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/server.h"

namespace siak::api {
namespace {

// Every environment variable LoadServerConfig reads.
const std::vector<std::string>& ConfigEnvNames() {
  static const std::vector<std::string> names = {
      "SIAK_ADDRESS",         "SIAK_PORT",          "SIAK_STORE",         "SIAK_TLS_CERT",        "SIAK_TLS_KEY",
      "SIAK_BODY_LIMIT",      "SIAK_READ_TIMEOUT",  "SIAK_WRITE_TIMEOUT", "SIAK_HANDLER_TIMEOUT", "SIAK_WORKERS",
      "SIAK_NETWORK_THREADS", "SIAK_SESSION_HOURS", "SIAK_ACCESS_LOG",    "SIAK_OPENAPI"};
  return names;
}

// Clears the SIAK_* settings for the test and restores whatever the environment held before.
class ServerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const std::string& name : ConfigEnvNames()) {
      const char* v = std::getenv(name.c_str());
      saved_[name] = v ? std::optional<std::string>(v) : std::nullopt;
      unsetenv(name.c_str());
    }
    std::string tmpl = (std::filesystem::temp_directory_path() / "siak-config-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }

  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::string WriteToml(const std::string& content, const std::string& name = "siak.toml") {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << content;
    return path;
  }

  std::map<std::string, std::optional<std::string>> saved_;
  std::string dir_;
};

TEST_F(ServerConfigTest, Defaults) {
  auto c = LoadServerConfig("", {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->address, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->store, "sqlite:var/siak.db");
  EXPECT_EQ(c->tls_cert, "");
  EXPECT_EQ(c->tls_key, "");
  EXPECT_EQ(c->body_limit, 2u << 20);
  EXPECT_EQ(c->read_timeout_seconds, 15);
  EXPECT_EQ(c->write_timeout_seconds, 15);
  EXPECT_EQ(c->handler_timeout_seconds, 30);
  EXPECT_EQ(c->workers, 0);
  EXPECT_EQ(c->network_threads, 0) << "0: one network thread per core";
  EXPECT_EQ(c->session_hours, 8);
  EXPECT_EQ(c->access_log, "stderr");
  EXPECT_EQ(c->openapi, "docs/openapi.json");
}

TEST_F(ServerConfigTest, TomlServerTableSetsValues) {
  const std::string path = WriteToml(R"(# OpenSIAK server
[server]
address = "0.0.0.0"
port = 8443
store = "postgres:host=/tmp/pg dbname=siak"
tls_cert = "/etc/siak/cert.pem"
tls_key = "/etc/siak/key.pem"
body_limit = 65536
read_timeout = 20
write_timeout = 25
handler_timeout = 60
workers = 4
network_threads = 2
session_hours = 12
access_log = "off"
openapi = "/usr/share/siak/openapi.json"
)");
  auto c = LoadServerConfig(path, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->address, "0.0.0.0");
  EXPECT_EQ(c->port, 8443);
  EXPECT_EQ(c->store, "postgres:host=/tmp/pg dbname=siak");
  EXPECT_EQ(c->tls_cert, "/etc/siak/cert.pem");
  EXPECT_EQ(c->tls_key, "/etc/siak/key.pem");
  EXPECT_EQ(c->body_limit, 65536u);
  EXPECT_EQ(c->read_timeout_seconds, 20);
  EXPECT_EQ(c->write_timeout_seconds, 25);
  EXPECT_EQ(c->handler_timeout_seconds, 60);
  EXPECT_EQ(c->workers, 4);
  EXPECT_EQ(c->network_threads, 2);
  EXPECT_EQ(c->session_hours, 12);
  EXPECT_EQ(c->access_log, "off");
  EXPECT_EQ(c->openapi, "/usr/share/siak/openapi.json");
}

TEST_F(ServerConfigTest, TomlLeavesUnsetKeysAtTheirDefaults) {
  const std::string path = WriteToml("[server]\nport = 8081\n");
  auto c = LoadServerConfig(path, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 8081);
  EXPECT_EQ(c->address, "127.0.0.1");
  EXPECT_EQ(c->store, "sqlite:var/siak.db");
  EXPECT_EQ(c->session_hours, 8);
}

TEST_F(ServerConfigTest, EnvironmentOverridesTheFile) {
  const std::string path = WriteToml("[server]\nport = 8081\naddress = \"10.1.2.3\"\nworkers = 3\n");
  setenv("SIAK_PORT", "8082", 1);
  setenv("SIAK_WORKERS", "6", 1);
  auto c = LoadServerConfig(path, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 8082);
  EXPECT_EQ(c->workers, 6);
  EXPECT_EQ(c->address, "10.1.2.3") << "settings the environment does not name come from the file";
}

TEST_F(ServerConfigTest, EnvironmentAloneSetsValues) {
  setenv("SIAK_STORE", "sqlite:/srv/siak.db", 1);
  setenv("SIAK_READ_TIMEOUT", "40", 1);
  setenv("SIAK_ACCESS_LOG", "/var/log/siak.log", 1);
  auto c = LoadServerConfig("", {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->store, "sqlite:/srv/siak.db");
  EXPECT_EQ(c->read_timeout_seconds, 40);
  EXPECT_EQ(c->access_log, "/var/log/siak.log");
}

TEST_F(ServerConfigTest, EmptyEnvironmentVariableIsIgnored) {
  setenv("SIAK_PORT", "", 1);
  auto c = LoadServerConfig("", {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 8080);
}

TEST_F(ServerConfigTest, FlagOverridesFileAndEnvironment) {
  const std::string path = WriteToml("[server]\nport = 8081\nsession_hours = 4\n");
  setenv("SIAK_PORT", "8082", 1);
  auto c = LoadServerConfig(path, {{"port", "9000"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->session_hours, 4);
}

TEST_F(ServerConfigTest, FlagsWithDashesAndTheConfigFlag) {
  const std::string path = WriteToml("[server]\nread_timeout = 30\n");
  auto c =
      LoadServerConfig(path, {{"read-timeout", "45"}, {"tls-cert", "c.pem"}, {"tls-key", "k.pem"}, {"config", path}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->read_timeout_seconds, 45);
  EXPECT_EQ(c->tls_cert, "c.pem");
  EXPECT_EQ(c->tls_key, "k.pem");
}

TEST_F(ServerConfigTest, UnknownKeyInTheFileIsAnErrorNamingIt) {
  const std::string path = WriteToml("[server]\nport = 8081\nprot = 8082\n");
  auto c = LoadServerConfig(path, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().field(), "prot");
  EXPECT_NE(c.status().ToString().find("prot"), std::string::npos);
}

TEST_F(ServerConfigTest, UnknownFlagIsAnErrorNamingIt) {
  auto c = LoadServerConfig("", {{"workerz", "3"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().field(), "workerz");
}

TEST_F(ServerConfigTest, BadNumbersAreErrorsNamingTheKey) {
  struct Case {
    std::string toml;
    std::string key;
  };
  for (const Case& c : {Case{"port = \"80x\"", "port"}, Case{"port = 70000", "port"}, Case{"port = 0", "port"},
                        Case{"port = -1", "port"}, Case{"workers = \"many\"", "workers"},
                        Case{"workers = 1000", "workers"}, Case{"body_limit = 10", "body_limit"},
                        Case{"session_hours = 0", "session_hours"}, Case{"read_timeout = \"\"", "read_timeout"},
                        Case{"network_threads = -1", "network_threads"}, Case{"port = 80.5", "port"}}) {
    const std::string path = WriteToml("[server]\n" + c.toml + "\n");
    auto r = LoadServerConfig(path, {});
    ASSERT_FALSE(r.ok()) << c.toml << " was accepted";
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.toml;
    EXPECT_EQ(r.status().field(), c.key) << c.toml << ": " << r.status().ToString();
  }
}

TEST_F(ServerConfigTest, BadNumberInTheEnvironmentOrAFlagNamesTheKey) {
  setenv("SIAK_PORT", "eighty", 1);
  auto env = LoadServerConfig("", {});
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().field(), "port");
  EXPECT_NE(env.status().ToString().find("SIAK_PORT"), std::string::npos) << env.status().ToString();
  unsetenv("SIAK_PORT");

  auto flag = LoadServerConfig("", {{"session_hours", "12h"}});
  ASSERT_FALSE(flag.ok());
  EXPECT_EQ(flag.status().field(), "session_hours");
  auto big = LoadServerConfig("", {{"port", "99999999999999999999999"}});
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().field(), "port");
}

TEST_F(ServerConfigTest, TlsCertWithoutKeyIsAnError) {
  auto cert_only = LoadServerConfig(WriteToml("[server]\ntls_cert = \"/etc/siak/cert.pem\"\n"), {});
  ASSERT_FALSE(cert_only.ok());
  EXPECT_EQ(cert_only.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(cert_only.status().field(), "tls_key");

  auto key_only = LoadServerConfig("", {{"tls_key", "/etc/siak/key.pem"}});
  ASSERT_FALSE(key_only.ok());
  EXPECT_EQ(key_only.status().field(), "tls_cert");

  // The missing half given by another source completes the pair.
  setenv("SIAK_TLS_KEY", "/etc/siak/key.pem", 1);
  auto both = LoadServerConfig(WriteToml("[server]\ntls_cert = \"/etc/siak/cert.pem\"\n", "both.toml"), {});
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_EQ(both->tls_key, "/etc/siak/key.pem");
}

TEST_F(ServerConfigTest, TomlSyntaxErrorNamesTheLine) {
  const std::string path = WriteToml("[server]\nport = 8081\naddress = \"unterminated\nworkers = 2\n");
  auto c = LoadServerConfig(path, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().field(), "config");
  EXPECT_NE(c.status().rule().find("line 3"), std::string::npos) << c.status().ToString();

  const std::string other = WriteToml("# comment\n\n\n\n[server\nport = 1\n", "other.toml");
  auto d = LoadServerConfig(other, {});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().rule().find("line 5"), std::string::npos) << d.status().ToString();
}

TEST_F(ServerConfigTest, MissingFileIsAnError) {
  auto c = LoadServerConfig(dir_ + "/does-not-exist.toml", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "config");
}

TEST_F(ServerConfigTest, BooleanIsNotANumberOrAString) {
  for (const std::string& line :
       {std::string("port = true"), std::string("workers = false"), std::string("access_log = true")}) {
    auto c = LoadServerConfig(WriteToml("[server]\n" + line + "\n"), {});
    ASSERT_FALSE(c.ok()) << line << " was accepted";
    EXPECT_EQ(c.status().field(), line.substr(0, line.find(' '))) << line;
  }
}

TEST_F(ServerConfigTest, UnknownTableBesideTheServerTableIsAnError) {
  // "Unknown keys are errors naming the key" (server.h): a misspelt table must not be ignored.
  const std::string path = WriteToml("[server]\nport = 8081\n\n[sever]\nworkers = 4\n");
  auto c = LoadServerConfig(path, {});
  ASSERT_FALSE(c.ok()) << "workers stayed " << c->workers;
  EXPECT_EQ(c.status().field(), "sever");
}

}  // namespace
}  // namespace siak::api
