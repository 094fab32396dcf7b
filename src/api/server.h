// `siak serve`: the HTTP/1.1 server (RESTinio) in front of the pipeline.
//
// Network threads only parse and write; every request runs on a worker thread that owns its
// own store connection and services (so argon2id hashing never blocks the network thread).
// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (bounded wait), close stores.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "common/result.h"

namespace siak::api {

struct ServerConfig {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;
  std::string store = "sqlite:var/siak.db";
  std::string tls_cert;                  // PEM paths; both set = HTTPS only
  std::string tls_key;
  uint64_t body_limit = 2 << 20;         // bytes; larger bodies get 413 (a recording with photo is ~1 MB)
  int read_timeout_seconds = 15;         // to read a request's header and body
  int write_timeout_seconds = 15;
  int handler_timeout_seconds = 30;
  int workers = 0;                       // 0: one per core
  int network_threads = 0;               // 0: one per core; reads are answered on these threads
  int64_t session_hours = 8;
  std::string access_log = "stderr";     // "stderr", "stdout", "off", or a file path
  std::string openapi = "docs/openapi.json";
  std::string web_root = "web/dist";     // the operator UI's built files; "off" serves none
  // ABIS: the engine runs inside the server with its own de-duplication worker thread.
  bool abis = true;                              // "on" / "off"
  std::string abis_key_file = "var/abis.key";    // template key (64 hex); made on first start
  std::string abis_gallery = "var/abis-gallery.snap";  // encrypted gallery snapshot
  std::string card_key_file = "var/card-signing.key";  // Ed25519 key for chip payloads and Suket; made on first start
  int abis_batch = 32;                           // recordings searched together
  int abis_threads = 0;                          // matcher threads; 0: one per core
  int abis_max_shift = 8;                        // probe rotations searched: -8..+8 columns
};

// Settings from, in increasing precedence: the TOML file (if given), SIAK_* environment
// variables, and command-line flags (--port 8081 ...). Unknown keys are errors naming the key.
Result<ServerConfig> LoadServerConfig(const std::string& toml_path, const std::map<std::string, std::string>& flags);

// Runs until SIGTERM or SIGINT. Returns the process exit code.
int RunServer(const ServerConfig& config);

}  // namespace siak::api
