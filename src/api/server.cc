// The only translation unit that includes RESTinio (it is slow to compile).
#include "api/server.h"

#include <restinio/all.hpp>
#include <restinio/tls.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "api/handlers/handlers.h"
#include "api/pipeline.h"
#include "api/static_site.h"
#include "api/problem.h"
#include "api/write_batcher.h"
#include "common/json_text.h"
#include "abis/iris_engine.h"
#include "app/dedup_service.h"
#include "app/civil_service.h"
#include "app/outreach_service.h"
#include "app/ektp_service.h"
#include "store/ektp_store.h"
#include "card/signing_key.h"
#include "common/crypto.h"
#include "store/store.h"

namespace siak::api {
namespace {

// One worker: its own store connection and services.
struct Worker {
  std::unique_ptr<Store> store;
  std::unique_ptr<AuthService> auth;
  std::unique_ptr<RegisterService> reg;
  std::unique_ptr<CivilService> civil;
  std::unique_ptr<OutreachService> outreach;
  std::unique_ptr<Services> services;
};

class WorkQueue {
 public:
  void Push(std::function<void(Services&)> job) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }
  // Blocks for the next job; false once closed and drained.
  bool Pop(std::function<void(Services&)>* job) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
    if (jobs_.empty()) return false;
    *job = std::move(jobs_.front());
    jobs_.pop_front();
    return true;
  }
  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void(Services&)>> jobs_;
  bool closed_ = false;
};

// Structured access log: one JSON line per request. No query strings, bodies or tokens: a
// query can hold a name, a body personal data, a header a secret.
class AccessLog {
 public:
  explicit AccessLog(const std::string& target) {
    if (target == "off") return;
    if (target == "stdout") {
      out_ = stdout;
    } else if (target == "stderr") {
      out_ = stderr;
    } else {
      out_ = std::fopen(target.c_str(), "a");
      owned_ = out_ != nullptr;
    }
  }
  ~AccessLog() {
    if (owned_) std::fclose(out_);
  }
  void Write(const std::string& remote, const std::string& method, const std::string& path, int status,
             int64_t micros) {
    if (!out_) return;
    const std::string line = "{\"ts\":" + std::to_string(std::time(nullptr)) + ",\"remote\":" + JsonQuote(remote) +
                             ",\"method\":" + JsonQuote(method) + ",\"path\":" + JsonQuote(path) +
                             ",\"status\":" + std::to_string(status) + ",\"us\":" + std::to_string(micros) + "}\n";
    std::lock_guard lock(mutex_);
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fflush(out_);
  }

 private:
  std::FILE* out_ = nullptr;
  bool owned_ = false;
  std::mutex mutex_;
};

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status < 400 ? "OK" : "Error";
  }
}

// A store connection of its own and the services over it.
Result<std::unique_ptr<Worker>> MakeWorker(const ServerConfig& config, const Clock& clock,
                                           const AuthOptions& auth_options, const RegionIndex& index,
                                           const KnownDistricts& districts, DedupService* dedup, EktpService* ektp,
                                           SessionCache* sessions) {
  auto store = OpenStore(config.store);
  if (!store.ok()) return store.status();
  auto w = std::make_unique<Worker>();
  w->store = std::move(store).value();
  w->auth = std::make_unique<AuthService>(*w->store, clock, auth_options, sessions);
  w->reg = std::make_unique<RegisterService>(*w->store, clock, districts);
  w->civil = std::make_unique<CivilService>(*w->store, clock, *w->reg, ektp ? &ektp->signing_key() : nullptr, &index);
  w->services = std::make_unique<Services>(
      Services{*w->store, *w->auth, *w->reg, clock, index, districts, dedup, ektp, w->civil.get()});
  w->outreach = std::make_unique<OutreachService>(*w->store, clock, index);
  w->services->outreach = w->outreach.get();
  return w;
}

// The services of the thread that calls it (a network thread), made on first use. Reads are
// answered on the network threads: no hand-off to a worker.
Services& ThreadServices(const ServerConfig& config, const Clock& clock, const AuthOptions& auth_options,
                         const RegionIndex& index, const KnownDistricts& districts, DedupService* dedup,
                         EktpService* ektp, SessionCache* sessions) {
  thread_local std::unique_ptr<Worker> local;
  if (!local) {
    auto w = MakeWorker(config, clock, auth_options, index, districts, dedup, ektp, sessions);
    if (!w.ok()) throw std::runtime_error(w.status().ToString());
    local = std::move(w).value();
  }
  return *local->services;
}

struct Shared {
  const ServerConfig* config;
  const Clock* clock = nullptr;
  AuthOptions auth_options;
  Router router;
  WriteBatcher* writer = nullptr;
  RegionIndex* regions;
  KnownDistricts* districts;
  DedupService* dedup = nullptr;
  EktpService* ektp = nullptr;
  WorkQueue queue;
  AccessLog* log;
  const StaticSite* site = nullptr;  // the operator UI; null when not built
  SessionCache* sessions = nullptr;  // authenticated sessions, shared by every connection
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> draining{false};
};

template <typename RequestHandle>
restinio::request_handling_status_t Accept(Shared& shared, RequestHandle req) {
  const auto started = std::chrono::steady_clock::now();
  auto http = std::make_shared<HttpRequest>();
  http->method = std::string(req->header().method().c_str());
  ParseTarget(std::string(req->header().request_target()), &http->path, &http->query);
  req->header().for_each_field([&](const restinio::http_header_field_t& f) {
    http->headers.emplace_back(std::string(f.name()), std::string(f.value()));
  });
  http->remote = req->remote_endpoint().address().to_string();

  auto respond = [&shared, req, http, started](const HttpResponse& r) {
    auto builder = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(r.status)}, std::string(Reason(r.status))});
    const bool has_body = r.status != 204 && r.status != 304;
    if (has_body) builder.append_header(restinio::http_field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) builder.append_header(name, value);
    if (r.Header("Cache-Control").empty()) builder.append_header(restinio::http_field::cache_control, "no-store");
    if (has_body) builder.set_body(r.body);
    builder.done();
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    shared.log->Write(http->remote, http->method, http->path, r.status, micros);
  };

  if (shared.draining.load()) {
    respond(Problem(503, "shutting_down", "", "the server is shutting down; try again shortly"));
    return restinio::request_accepted();
  }
  if (req->body().size() > shared.config->body_limit) {
    respond(Problem(413, "payload_too_large", "", "the body has " + std::to_string(req->body().size()) +
                                                      " bytes; the limit is " +
                                                      std::to_string(shared.config->body_limit)));
    return restinio::request_accepted();
  }
  // The operator UI's files, straight from memory on this thread, for paths no route has (the API
  // always wins, and its requests pay nothing for the UI).
  Router::Match match = shared.router.Find(http->method, http->path);
  if (!match.route && !match.path_known && shared.site) {
    if (auto file = shared.site->Serve(*http)) {
      respond(*file);
      return restinio::request_accepted();
    }
  }
  http->body = std::string(req->body());
  ++shared.in_flight;
  auto finish_inline = [&shared, respond](HttpResponse r) {
    respond(r);
    --shared.in_flight;
  };
  // Slow work (password hashing, checking a recording's captures) goes to the worker pool;
  // everything else is handled here:
  // reads on this thread's own connection, changes handed straight to the writer.
  if (!match.route || match.route->mode == Route::Mode::kAuto) {
    try {
      Services& svc = ThreadServices(*shared.config, *shared.clock, shared.auth_options, *shared.regions,
                                     *shared.districts, shared.dedup, shared.ektp, shared.sessions);
      HandleAsync(std::move(match), svc, *shared.writer, http, finish_inline);
    } catch (const std::exception& e) {
      finish_inline(ProblemFromStatus(Status::Internal(std::string("unhandled exception: ") + e.what())));
    }
    return restinio::request_accepted();
  }
  shared.queue.Push([&shared, http, respond, match = std::move(match)](Services& svc) mutable {
    auto finish = [&shared, respond](HttpResponse r) {
      respond(r);
      --shared.in_flight;
    };
    try {
      HandleAsync(std::move(match), svc, *shared.writer, http, finish);
    } catch (const std::exception& e) {
      finish(ProblemFromStatus(Status::Internal(std::string("unhandled exception: ") + e.what())));
    }
  });
  return restinio::request_accepted();
}

template <typename Traits>
int Serve(Shared& shared, restinio::server_settings_t<Traits> settings, asio::io_context& io) {
  using server_t = restinio::http_server_t<Traits>;
  const ServerConfig& c = *shared.config;
  settings.address(c.address)
      .port(c.port)
      .read_next_http_message_timelimit(std::chrono::seconds(c.read_timeout_seconds))
      .write_http_response_timelimit(std::chrono::seconds(c.write_timeout_seconds))
      .handle_request_timeout(std::chrono::seconds(c.handler_timeout_seconds))
      // Bodies up to 16x the limit are read and answered with 413; beyond that the connection
      // is closed without reading on.
      .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(c.body_limit * 16))
      .request_handler([&shared](auto req) { return Accept(shared, std::move(req)); });
  server_t server{restinio::external_io_context(io), std::move(settings)};
  try {
    server.open_sync();
  } catch (const std::exception& e) {
    std::cerr << "siak serve: cannot listen on " << c.address << ":" << c.port << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "siak serve: listening on " << (c.tls_cert.empty() ? "http" : "https") << "://" << c.address << ":"
            << c.port << " (store " << (c.store.starts_with("sqlite:") ? c.store : std::string("postgresql")) << ")\n";
  if (shared.site) {
    std::cerr << "siak serve: operator UI: " << (c.tls_cert.empty() ? "http" : "https") << "://" << c.address << ":"
              << c.port << "/\n";
  }

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    std::cerr << "siak serve: shutting down; waiting for " << shared.in_flight.load() << " request(s)\n";
    shared.draining = true;
    // Drain on another thread so the network thread keeps writing responses meanwhile.
    std::thread([&] {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(c.handler_timeout_seconds);
      while (shared.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      asio::post(io, [&] {
        server.close_async([&] { io.stop(); }, [&](std::exception_ptr) { io.stop(); });
      });
    }).detach();
  });

  std::vector<std::thread> network;
  const int network_threads =
      c.network_threads > 0 ? c.network_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 1; i < network_threads; ++i) network.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : network) t.join();
  return 0;
}

}  // namespace

int RunServer(const ServerConfig& config) {
  // Regions are shared, read-only, by every worker.
  auto first = OpenStore(config.store);
  if (!first.ok()) {
    std::cerr << "siak serve: " << first.status().ToString() << "\n";
    return 1;
  }
  auto version = (*first)->SchemaVersion();
  if (!version.ok() || *version != Store::LatestSchemaVersion()) {
    std::cerr << "siak serve: the store is not at schema version " << Store::LatestSchemaVersion()
              << "; run 'siak init'\n";
    return 1;
  }
  auto regions = (*first)->LoadRegions();
  if (!regions.ok()) {
    std::cerr << "siak serve: " << regions.status().ToString() << "\n";
    return 1;
  }
  KnownDistricts districts = KnownDistricts::Of(*regions);
  RegionIndex index(std::move(regions).value());
  first->reset();

  if (std::ifstream in(config.openapi); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    SetOpenApiDocument(ss.str());
  } else {
    std::cerr << "siak serve: warning: no OpenAPI document at " << config.openapi << "\n";
  }

  SystemClock clock;
  AccessLog log(config.access_log);
  AuthOptions auth_options;
  auth_options.session_seconds = config.session_hours * 3600;
  // ABIS: the engine, its galleries (snapshot or rebuild) and the de-duplication worker.
  std::unique_ptr<abis::IrisEngine> engine;
  std::unique_ptr<DedupService> dedup;
  std::unique_ptr<Store> dedup_store;
  // The template key seals biometrics, photos and signatures at rest (ABIS and e-KTP recordings).
  auto key = ReadSecretKeyFile(config.abis_key_file);
  if (!key.ok() && key.status().code() == StatusCode::kNotFound) {
    key = CreateSecretKeyFile(config.abis_key_file);
    if (key.ok()) std::cerr << "siak serve: made a new template key at " << config.abis_key_file << "\n";
  }
  if (!key.ok()) {
    std::cerr << "siak serve: " << key.status().ToString() << "\n";
    return 1;
  }
  // The card signing key (Ed25519): chip payloads and Suket references.
  bool made_signing_key = false;
  auto signing_key = card::SigningKey::OpenOrCreate(config.card_key_file, &made_signing_key);
  if (!signing_key.ok()) {
    std::cerr << "siak serve: " << signing_key.status().ToString() << "\n";
    return 1;
  }
  if (made_signing_key) std::cerr << "siak serve: made a new card signing key at " << config.card_key_file << "\n";
  if (config.abis) {
    const int threads = config.abis_threads > 0 ? config.abis_threads
                                                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    abis::IrisPolicy policy;
    policy.max_shift = config.abis_max_shift;
    engine = std::make_unique<abis::IrisEngine>(policy,
                                                abis::IrisSearchOptions{abis::BestIrisKernel(), true, threads});
    auto ds = OpenStore(config.store);
    if (!ds.ok()) {
      std::cerr << "siak serve: " << ds.status().ToString() << "\n";
      return 1;
    }
    dedup_store = std::move(ds).value();
    dedup = std::make_unique<DedupService>(*engine, *key, clock);
    std::string how;
    const auto opened_at = std::chrono::steady_clock::now();
    if (Status st = dedup->OpenGallery(*dedup_store, config.abis_gallery, &how); !st.ok()) {
      std::cerr << "siak serve: abis: " << st.ToString() << "\n";
      return 1;
    }
    std::cerr << "siak serve: abis: " << engine->persons() << " persons enrolled (" << how << ", "
              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - opened_at)
                     .count()
              << " ms); kernel " << abis::IrisKernelName(engine->options().kernel) << ", " << threads
              << " matcher threads\n";
  }
  EktpService ektp(*key, *signing_key, clock, index, dedup.get());
  if (dedup) ektp.Attach(*dedup);
  {
    // Residents who turned 17 since the last start become wajib KTP (and again each day, below).
    auto sweep_store = OpenStore(config.store);
    if (!sweep_store.ok()) {
      std::cerr << "siak serve: " << sweep_store.status().ToString() << "\n";
      return 1;
    }
    auto swept = ektp.SweepWajib(**sweep_store, "siak");
    if (!swept.ok()) {
      std::cerr << "siak serve: wajib KTP sweep: " << swept.status().ToString() << "\n";
      return 1;
    }
    if (*swept > 0) std::cerr << "siak serve: " << *swept << " residents became wajib KTP\n";
    if (auto folded = EktpStore(**sweep_store).CompactCoverage(); !folded.ok()) {
      std::cerr << "siak serve: coverage counters: " << folded.status().ToString() << "\n";
      return 1;
    }
    // Today's coverage per village joins the history the target projection is fitted on
    // (docs/outreach.md); taken again each new day, below.
    if (auto snap = OutreachService(**sweep_store, clock, index).Snapshot(clock.Today()); !snap.ok()) {
      std::cerr << "siak serve: coverage snapshot: " << snap.status().ToString() << "\n";
    }
  }
  Shared shared{&config, &clock, auth_options, BuildRouter(), nullptr, &index, &districts, dedup.get(), &ektp, {},
                &log};
  // Sessions changed by another process (the CLI, another server) are seen within a second.
  SessionCache sessions(/*max_age_ms=*/1000);
  shared.sessions = &sessions;
  std::optional<StaticSite> site;
  if (!config.web_root.empty() && config.web_root != "off") {
    auto loaded = StaticSite::Load(config.web_root);
    if (loaded.ok()) {
      site = std::move(loaded).value();
      shared.site = &*site;
      std::cerr << "siak serve: operator UI from " << config.web_root << " (" << site->files() << " files)\n";
    } else {
      std::cerr << "siak serve: no operator UI: " << loaded.status().ToString() << "\n";
    }
  }
  const int workers = config.workers > 0 ? config.workers : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<Worker>> pool;
  // The workers (password checks), then the writer: one more connection, used only by the
  // group-commit thread.
  for (int i = 0; i <= workers; ++i) {
    auto w = MakeWorker(config, clock, auth_options, index, districts, dedup.get(), &ektp, &sessions);
    if (!w.ok()) {
      std::cerr << "siak serve: " << w.status().ToString() << "\n";
      return 1;
    }
    pool.push_back(std::move(w).value());
  }
  std::unique_ptr<Worker> writer = std::move(pool.back());
  pool.pop_back();
  WriteBatcher batcher(*writer->services);
  shared.writer = &batcher;

  std::vector<std::thread> threads;
  for (auto& w : pool) {
    threads.emplace_back([&shared, worker = w.get()] {
      std::function<void(Services&)> job;
      while (shared.queue.Pop(&job)) job(*worker->services);
    });
  }

  // The de-duplication worker: batches from the queue, a snapshot every 10,000 enrolments.
  std::atomic<bool> dedup_stop{false};
  std::mutex dedup_mu;
  std::condition_variable dedup_cv;
  std::thread dedup_thread;
  if (dedup) {
    dedup_thread = std::thread([&] {
      int64_t since_save = 0;
      Date swept_on = clock.Today();  // swept at start, above
      auto compacted_at = std::chrono::steady_clock::now();
      while (!dedup_stop.load()) {
        if (std::chrono::steady_clock::now() - compacted_at > std::chrono::seconds(60)) {
          // Fold the coverage deltas the PostgreSQL triggers append (a no-op on SQLite).
          auto folded = EktpStore(*dedup_store).CompactCoverage();
          if (!folded.ok()) std::cerr << "siak serve: coverage counters: " << folded.status().ToString() << "\n";
          compacted_at = std::chrono::steady_clock::now();
        }
        if (clock.Today() != swept_on) {
          // A new day: those who turned 17 today become wajib KTP.
          auto swept = ektp.SweepWajib(*dedup_store, "siak");
          if (!swept.ok()) std::cerr << "siak serve: wajib KTP sweep: " << swept.status().ToString() << "\n";
          if (swept.ok()) swept_on = clock.Today();
          auto snap = OutreachService(*dedup_store, clock, index).Snapshot(clock.Today());
          if (!snap.ok()) std::cerr << "siak serve: coverage snapshot: " << snap.status().ToString() << "\n";
        }
        auto done = dedup->ProcessQueue(*dedup_store, config.abis_batch);
        if (!done.ok()) std::cerr << "siak serve: abis: " << done.status().ToString() << "\n";
        if (done.ok() && *done > 0) {
          since_save += *done;
          if (since_save >= 10000) {
            if (Status st = dedup->SaveGallery(config.abis_gallery); !st.ok()) {
              std::cerr << "siak serve: abis: " << st.ToString() << "\n";
            }
            since_save = 0;
          }
          continue;
        }
        std::unique_lock lock(dedup_mu);
        dedup_cv.wait_for(lock, std::chrono::milliseconds(done.ok() ? 200 : 2000), [&] { return dedup_stop.load(); });
      }
    });
  }

  auto stop_dedup = [&] {
    if (!dedup_thread.joinable()) return;
    {
      std::lock_guard lock(dedup_mu);
      dedup_stop = true;
    }
    dedup_cv.notify_all();
    dedup_thread.join();
    if (Status st = dedup->SaveGallery(config.abis_gallery); !st.ok()) {
      std::cerr << "siak serve: abis: " << st.ToString() << "\n";
    }
  };

  asio::io_context io;
  int rc;
  if (config.tls_cert.empty()) {
    using traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
    rc = Serve(shared, restinio::server_settings_t<traits>{}, io);
  } else {
    using traits = restinio::tls_traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;
    asio::ssl::context tls(asio::ssl::context::tls_server);
    tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                    asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    try {
      tls.use_certificate_chain_file(config.tls_cert);
      tls.use_private_key_file(config.tls_key, asio::ssl::context::pem);
    } catch (const std::exception& e) {
      std::cerr << "siak serve: cannot load the TLS certificate or key: " << e.what() << "\n";
      shared.queue.Close();
      for (auto& t : threads) t.join();
      batcher.Stop();
      stop_dedup();
      return 1;
    }
    restinio::server_settings_t<traits> settings;
    settings.tls_context(std::move(tls));
    rc = Serve(shared, std::move(settings), io);
  }
  shared.queue.Close();
  for (auto& t : threads) t.join();
  batcher.Stop();
  stop_dedup();
  pool.clear();  // stores close cleanly
  writer.reset();
  std::cerr << "siak serve: stopped\n";
  return rc;
}

}  // namespace siak::api
