#include <toml++/toml.h>

#include <cstdlib>
#include <set>

#include "api/server.h"

namespace siak::api {
namespace {

const std::set<std::string>& Keys() {
  static const std::set<std::string> keys = {
      "address",          "port",          "store",           "tls_cert",      "tls_key",
      "body_limit",       "read_timeout",  "write_timeout",   "handler_timeout", "workers",
      "network_threads",  "session_hours", "access_log",      "openapi",       "abis",
      "abis_key_file",    "abis_gallery",  "abis_batch",      "abis_threads",  "abis_max_shift",
      "card_key_file",    "web_root"};
  return keys;
}

Result<int64_t> Number(const std::string& key, const std::string& text, int64_t min, int64_t max) {
  try {
    size_t used = 0;
    int64_t v = std::stoll(text, &used);
    if (used != text.size() || v < min || v > max) throw std::out_of_range(key);
    return v;
  } catch (const std::exception&) {
    return Status::Invalid(key, text, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
}

Status Set(ServerConfig& c, const std::string& key, const std::string& value) {
  if (!Keys().contains(key)) return Status::Invalid(key, value, "is not a server setting");
  if (key == "address") c.address = value;
  if (key == "store") c.store = value;
  if (key == "tls_cert") c.tls_cert = value;
  if (key == "tls_key") c.tls_key = value;
  if (key == "access_log") c.access_log = value;
  if (key == "openapi") c.openapi = value;
  if (key == "web_root") c.web_root = value;
  if (key == "abis_key_file") c.abis_key_file = value;
  if (key == "abis_gallery") c.abis_gallery = value;
  if (key == "card_key_file") c.card_key_file = value;
  if (key == "abis") {
    if (value != "on" && value != "off") return Status::Invalid(key, value, "must be on or off");
    c.abis = value == "on";
  }
  if (key == "abis_batch") {
    SIAK_ASSIGN_OR_RETURN(c.abis_batch, Number(key, value, 1, 1024));
  }
  if (key == "abis_max_shift") {
    SIAK_ASSIGN_OR_RETURN(c.abis_max_shift, Number(key, value, 0, 32));
  }
  if (key == "abis_threads") {
    SIAK_ASSIGN_OR_RETURN(c.abis_threads, Number(key, value, 0, 256));
  }
  if (key == "port") {
    SIAK_ASSIGN_OR_RETURN(c.port, Number(key, value, 1, 65535));
  }
  if (key == "body_limit") {
    SIAK_ASSIGN_OR_RETURN(c.body_limit, Number(key, value, 1024, int64_t{1} << 30));
  }
  if (key == "read_timeout") {
    SIAK_ASSIGN_OR_RETURN(c.read_timeout_seconds, Number(key, value, 1, 3600));
  }
  if (key == "write_timeout") {
    SIAK_ASSIGN_OR_RETURN(c.write_timeout_seconds, Number(key, value, 1, 3600));
  }
  if (key == "handler_timeout") {
    SIAK_ASSIGN_OR_RETURN(c.handler_timeout_seconds, Number(key, value, 1, 3600));
  }
  if (key == "workers") {
    SIAK_ASSIGN_OR_RETURN(c.workers, Number(key, value, 0, 256));
  }
  if (key == "network_threads") {
    SIAK_ASSIGN_OR_RETURN(c.network_threads, Number(key, value, 0, 64));
  }
  if (key == "session_hours") {
    SIAK_ASSIGN_OR_RETURN(c.session_hours, Number(key, value, 1, 24 * 30));
  }
  return Status::Ok();
}

}  // namespace

Result<ServerConfig> LoadServerConfig(const std::string& toml_path, const std::map<std::string, std::string>& flags) {
  ServerConfig c;
  if (!toml_path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(toml_path);
    } catch (const toml::parse_error& err) {
      return Status::Invalid("config", toml_path,
                             std::string(err.description()) + " at line " + std::to_string(err.source().begin.line));
    }
    const toml::table* server = table["server"].as_table();
    if (server) {
      for (const auto& [key, node] : table) {
        if (key.str() != "server") {
          return Status::Invalid(std::string(key.str()), "", "is not a setting: put settings in the [server] table")
              .WithLocation(toml_path);
        }
      }
    } else {
      server = &table;
    }
    for (const auto& [key, node] : *server) {
      std::string value;
      if (node.is_string()) {
        value = *node.value<std::string>();
      } else if (node.is_integer()) {
        value = std::to_string(*node.value<int64_t>());
      } else {
        return Status::Invalid(std::string(key.str()), "", "must be a string or an integer").WithLocation(toml_path);
      }
      SIAK_RETURN_IF_ERROR(Set(c, std::string(key.str()), value).WithLocation(toml_path));
    }
  }
  for (const auto& key : Keys()) {
    std::string env = "SIAK_";
    for (char ch : key) env += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (const char* v = std::getenv(env.c_str()); v && *v) SIAK_RETURN_IF_ERROR(Set(c, key, v).WithLocation(env));
  }
  for (const auto& [key, value] : flags) {
    std::string k = key;
    for (char& ch : k) ch = ch == '-' ? '_' : ch;
    if (k == "config") continue;
    SIAK_RETURN_IF_ERROR(Set(c, k, value).WithLocation("--" + key));
  }
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return Status::Invalid(c.tls_cert.empty() ? "tls_cert" : "tls_key", "", "TLS needs both a certificate and a key");
  }
  return c;
}

}  // namespace siak::api
