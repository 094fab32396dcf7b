// e-KTP benchmarks (make bench; figures in docs/benchmarks.md).
//
//   siak_ektp_bench coverage [--residents 10000000] [--dir D]
//       The coverage query (counters kept by the person triggers) against a full scan of person
//       at national, province and regency scope, on an SQLite store of N residents spread over
//       all 83,762 villages; also what the triggers cost a bulk insert (same rows, no triggers).
//   siak_ektp_bench api --port P --password X [--persons 2000] [--connections 8]
//       Recordings accepted per second through the HTTP API of a running `siak serve` (user
//       "bench", admin, national), against the same server's POST /api/v1/persons in the same
//       run; then how long the de-duplication worker takes to give them all an outcome.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "abis/iris_code.h"
#include "abis/synthetic_iris.h"
#include "app/clock.h"
#include "app/ektp_service.h"
#include "app/import_regions.h"
#include "common/crypto.h"
#include "store/ektp_store.h"
#include "store/store.h"
#include "tests/support/synthetic_capture.h"

namespace siak {
namespace {

using Json = nlohmann::json;
using Clk = std::chrono::steady_clock;
double Since(Clk::time_point t) { return std::chrono::duration<double>(Clk::now() - t).count(); }

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 2; i + 1 < argc; ++i) {
    if (argv[i] == "--" + name) return argv[i + 1];
  }
  return fallback;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "siak_ektp_bench: %s\n", what.c_str());
  std::exit(1);
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}

// ---- coverage ----

// Fills person with `n` synthetic rows in one statement (a recursive CTE), villages round robin;
// e-KTP statuses roughly as in 2025 (25% not yet wajib, 2.5% unrecorded, 3% print-ready, ...).
double FillPersons(Store& store, int64_t n) {
  const auto t = Clk::now();
  Check(store.Begin(), "begin");
  store.PrepareForBulkLoad();
  // The villages numbered 0..V-1, keyed for the join below.
  Check(store.Sql("CREATE TEMP TABLE v (k INTEGER PRIMARY KEY, code TEXT NOT NULL)", {}).status(), "villages");
  Check(store.Sql("INSERT INTO v SELECT ROW_NUMBER() OVER (ORDER BY code) - 1, code FROM region WHERE level = 4", {})
            .status(),
        "villages");
  auto count = store.Sql("SELECT COUNT(*) FROM v", {});
  if (!count.ok()) Die(count.status().ToString());
  const std::string villages = count->rows.at(0)[0].value_or("1");
  Check(store
            .Sql("INSERT INTO person (nik, province_code, region_code, kk_number, nama, nama_fold, tempat_lahir, "
                 "tanggal_lahir, tanggal_lahir_presisi, jenis_kelamin, golongan_darah, agama, status_perkawinan, "
                 "perkawinan_tercatat, pendidikan, pekerjaan, kewarganegaraan, kitap, penyandang_cacat, status_dasar, "
                 "nama_ayah, nama_ibu, alamat, rt, rw, ektp_status, version) "
                 "WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x + 1 < " + std::to_string(n) + ") "
                 "SELECT printf('%016d', x), substr(code, 1, 2), code, NULL, 'Bench', 'bench', 'Bandung', "
                 "'1990-01-01', 0, 1 + x % 2, 13, 1, 2, 1, 5, 15, 1, 0, NULL, CASE WHEN x % 97 = 0 THEN 2 ELSE 1 END, "
                 "'A', 'B', 'Jl', 1, 1, "
                 "CASE WHEN x % 1000 < 250 THEN 0 WHEN x % 1000 < 275 THEN 1 WHEN x % 1000 < 305 THEN 6 "
                 "WHEN x % 1000 < 310 THEN 2 ELSE 10 END, 1 "
                 "FROM (SELECT x, (SELECT code FROM v WHERE k = x % " + villages + ") AS code FROM c)",
                 {})
            .status(),
        "insert persons");
  Check(store.Sql("DROP TABLE v", {}).status(), "villages");
  Check(store.Commit(), "commit");
  return Since(t);
}

template <typename F>
double BestOf(int runs, F f) {
  double best = 1e9;
  for (int i = 0; i < runs; ++i) {
    const auto t = Clk::now();
    f();
    best = std::min(best, Since(t));
  }
  return best;
}

int RunCoverage(int argc, char** argv) {
  const int64_t n = std::stoll(Arg(argc, argv, "residents", "10000000"));
  const std::string data = Arg(argc, argv, "regions", std::getenv("SIAK_REGION_DATA") ? std::getenv("SIAK_REGION_DATA") : "");
  if (data.empty()) Die("--regions DIR or $SIAK_REGION_DATA: the region CSVs");
  const std::string dir = Arg(argc, argv, "dir", "/tmp");
  auto open = [&](const std::string& name, bool triggers) {
    const std::string path = dir + "/siak-ektp-bench-" + name + ".db";
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    auto store = OpenStore("sqlite:" + path);
    if (!store.ok()) Die(store.status().ToString());
    Check((*store)->Migrate(Store::LatestSchemaVersion()), "migrate");
    auto regions = ReadRegionCsvs(data);
    if (!regions.ok()) Die(regions.status().ToString());
    Check((*store)->ReplaceRegions(*regions), "regions");
    if (!triggers) {
      for (const char* t : {"person_coverage_insert", "person_coverage_update", "person_coverage_delete"}) {
        Check((*store)->Sql(std::string("DROP TRIGGER ") + t, {}).status(), "drop trigger");
      }
    }
    return std::move(store).value();
  };
  std::printf("e-KTP coverage, SQLite, %lld residents over every village (SYNTHETIC rows)\n", static_cast<long long>(n));
  // What the counters cost a bulk load: the same rows without the triggers.
  double bare = 0;
  {
    auto store = open("bare", false);
    bare = FillPersons(*store, n);
  }
  std::filesystem::remove(dir + "/siak-ektp-bench-bare.db");
  auto store = open("coverage", true);
  const double with = FillPersons(*store, n);
  std::printf("  bulk insert: %.0f rows/s with the coverage triggers, %.0f rows/s without (ratio %.2f)\n", n / with,
              n / bare, bare / with);

  auto regions = store->LoadRegions();
  if (!regions.ok()) Die(regions.status().ToString());
  RegionIndex index(std::move(regions).value());
  SystemClock clock;
  card::SigningKey key = card::SigningKey::Generate();
  EktpService ektp(NewSecretKey(), key, clock, index, nullptr);
  const Principal national{"bench", Role::kAdmin, ""};
  EktpStore es(*store);
  for (const auto& [scope, label] : {std::pair<std::string, std::string>{"", "national (38 provinces)"},
                                     {"32", "province 32 (27 regencies)"},
                                     {"3204", "regency 32.04 (districts)"}}) {
    Coverage result;
    const double counters = BestOf(5, [&] {
      auto c = ektp.GetCoverage(*store, national, scope);
      if (!c.ok()) Die(c.status().ToString());
      result = *c;
    });
    const double scan = BestOf(2, [&] {
      auto c = es.CoverageCountsByScan(scope, scope.empty() ? 2 : static_cast<int>(scope.size()) + 2);
      if (!c.ok()) Die(c.status().ToString());
    });
    std::printf("  %-28s coverage %8.1f ms (%zu rows, %lld wajib KTP, %.2f%% recorded); full scan %8.1f ms; "
                "scan / counters = %.0fx\n",
                label.c_str(), counters * 1e3, result.children.size(), static_cast<long long>(result.total.wajib_ktp),
                100 * result.total.recording_rate, scan * 1e3, scan / counters);
  }
  std::filesystem::remove(dir + "/siak-ektp-bench-coverage.db");
  std::filesystem::remove(dir + "/siak-ektp-bench-coverage.db-wal");
  std::filesystem::remove(dir + "/siak-ektp-bench-coverage.db-shm");
  return 0;
}

// ---- recordings through the API ----

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

struct Client {
  std::string base, token;
  CURL* curl = curl_easy_init();
  ~Client() { curl_easy_cleanup(curl); }
  long Call(const std::string& method, const std::string& path, const std::string& body, std::string* out) {
    out->clear();
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, (base + path).c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (!body.empty()) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, out);
    long status = 0;
    if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    return status;
  }
};

// Runs `count` requests over `connections` threads; returns seconds. `make(i)` gives request i.
template <typename Make, typename Done>
double Drive(const std::string& base, const std::string& token, int connections, size_t count, Make make,
             long want, std::atomic<int64_t>* failures, Done done) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  const auto t = Clk::now();
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      Client client{base, token};
      std::string out;
      for (size_t i = next++; i < count; i = next++) {
        auto [method, path, body] = make(i);
        if (client.Call(method, path, body, &out) != want) {
          if ((*failures)++ == 0) std::fprintf(stderr, "first failure: %s\n", out.substr(0, 400).c_str());
        } else {
          done(i, out);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  return Since(t);
}

int RunApi(int argc, char** argv) {
  const std::string base = "http://127.0.0.1:" + Arg(argc, argv, "port", "8080");
  const std::string password = Arg(argc, argv, "password", "");
  const size_t persons = std::stoul(Arg(argc, argv, "persons", "2000"));
  const int connections = std::stoi(Arg(argc, argv, "connections", "8"));
  curl_global_init(CURL_GLOBAL_ALL);
  Client admin{base, ""};
  std::string out;
  if (admin.Call("POST", "/api/v1/auth/login", Json{{"username", "bench"}, {"password", password}}.dump(), &out) != 200) {
    Die("login: " + out);
  }
  admin.token = Json::parse(out)["token"];
  auto must = [&](const std::string& method, const std::string& path, const Json& body, long want) {
    if (admin.Call(method, path, body.dump(), &out) != want) Die(method + " " + path + ": " + out);
    return Json::parse(out);
  };
  const int64_t dinas = must("POST", "/api/v1/sites",
                             {{"code", "BENCH-DINAS"}, {"kind", "dinas"}, {"name", "Bench"}, {"region_code", "32.73"}},
                             201)["id"];
  const int64_t mobile = must("POST", "/api/v1/sites",
                              {{"code", "BENCH-MOBIL"}, {"kind", "mobile"}, {"name", "Bench"}, {"region_code", "32.73"},
                               {"print_site_id", dinas}},
                              201)["id"];
  must("POST", "/api/v1/sites/" + std::to_string(mobile) + "/devices",
       {{"serial", "BENCH-KIT"}, {"kind", "kit"}, {"model", "bench"}}, 201);

  // The baseline in the same run: the register's own write path.
  std::atomic<int64_t> failures{0};
  std::vector<std::string> niks(persons);
  const double t_persons = Drive(
      base, admin.token, connections, persons,
      [&](size_t i) {
        const int day = 1 + static_cast<int>(i % 28), month = 1 + static_cast<int>((i / 28) % 12);
        char born[16];
        std::snprintf(born, sizeof born, "%04d-%02d-%02d", 1960 + static_cast<int>(i % 40), month, day);
        return std::tuple<std::string, std::string, std::string>{
            "POST", "/api/v1/persons",
            Json{{"nama", "Rekam Bench"}, {"tempat_lahir", "Bandung"}, {"tanggal_lahir", born},
                 {"jenis_kelamin", 1 + static_cast<int>(i % 2)}, {"agama", 1}, {"status_perkawinan", 1},
                 {"pendidikan", 5}, {"pekerjaan", 15}, {"wilayah", "32.73.01.1001"}, {"alamat", "Jl. Bench"},
                 {"rt", 1}, {"rw", 1}}
                .dump()};
      },
      201, &failures, [&](size_t i, const std::string& body) { niks[i] = Json::parse(body)["nik"]; });
  if (failures) Die("POST /persons failed " + std::to_string(failures.load()) + " times");

  // Bodies made before the clock starts (SYNTHETIC photo, signature, 10 fingers, 2 irises).
  abis::SyntheticIrises irises(99);
  std::vector<std::string> bodies(persons);
  size_t bytes = 0;
  for (size_t i = 0; i < persons; ++i) {
    Json fingers = Json::array();
    for (int pos = 1; pos <= 10; ++pos) {
      fingers.push_back({{"position", pos}, {"template", ToBase64(testing::SyntheticFingerIso(pos, i))}});
    }
    Json eyes = Json::array();
    for (abis::Eye eye : {abis::Eye::kRight, abis::Eye::kLeft}) {
      eyes.push_back({{"eye", abis::EyeName(eye)},
                      {"template", ToBase64(abis::SerializeIris(abis::IrisTemplate{eye, 90, irises.Capture(i, eye, 0)}))}});
    }
    bodies[i] = Json{{"recording_id", "bench-" + niks[i]}, {"nik", niks[i]}, {"site_id", mobile},
                     {"device_serial", "BENCH-KIT"}, {"captured_at", SystemClock().NowIso()},
                     {"photo", ToBase64(testing::SyntheticFacePng(i, 480, 640))},
                     {"signature", ToBase64(testing::SyntheticSignaturePng(i))}, {"fingers", fingers},
                     {"irises", eyes}}
                    .dump();
    bytes += bodies[i].size();
  }
  // The ceiling in this run: the checks every recording needs (gates, template decoding) alone,
  // in this process on every core, on the same captures.
  double ceiling = 0;
  {
    std::vector<RecordingInput> inputs(persons);
    for (size_t i = 0; i < persons; ++i) {
      Json b = Json::parse(bodies[i]);
      RecordingInput& in = inputs[i];
      in.photo = *FromBase64(b["photo"].get<std::string>());
      in.signature = *FromBase64(b["signature"].get<std::string>());
      for (const auto& f : b["fingers"]) {
        in.fingers.push_back(FingerInput{f["position"].get<int>(), *FromBase64(f["template"].get<std::string>()), ""});
      }
      for (const auto& e : b["irises"]) {
        auto t = abis::ParseIris(*FromBase64(e["template"].get<std::string>()), "iris");
        if (!t.ok()) Die(t.status().ToString());
        in.irises.push_back(IrisInput{t->eye, *t, ""});
      }
    }
    RegionIndex no_regions(std::vector<Region>{});
    SystemClock clock;
    card::SigningKey key = card::SigningKey::Generate();
    EktpService checker(NewSecretKey(), key, clock, no_regions, nullptr);
    std::atomic<size_t> next{0};
    std::atomic<int64_t> bad{0};
    std::vector<std::thread> threads;
    const auto t = Clk::now();
    for (unsigned c = 0; c < std::max(1u, std::thread::hardware_concurrency()); ++c) {
      threads.emplace_back([&] {
        for (size_t i = next++; i < persons; i = next++) bad += !checker.CheckCaptures(inputs[i]).ok();
      });
    }
    for (auto& th : threads) th.join();
    ceiling = persons / Since(t);
    if (bad) Die("CheckCaptures refused " + std::to_string(bad.load()) + " bench recordings");
  }
  const double t_rec = Drive(
      base, admin.token, connections, persons,
      [&](size_t i) { return std::tuple<std::string, std::string, std::string>{"POST", "/api/v1/recordings", bodies[i]}; },
      201, &failures, [](size_t, const std::string&) {});
  if (failures) Die("POST /recordings failed " + std::to_string(failures.load()) + " times");
  // The de-duplication worker catches up.
  const auto t0 = Clk::now();
  for (;;) {
    Json stats = must("GET", "/api/v1/abis/stats", Json(), 200);
    if (stats["jobs"]["queued"].get<int64_t>() == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double t_dedup = Since(t0);
  const double p_rate = persons / t_persons, r_rate = persons / t_rec;
  std::printf("e-KTP API, %zu recordings over %d connections (mean body %.0f KB: 480x640 PNG photo, signature, 10 "
              "fingers, 2 irises)\n",
              persons, connections, bytes / 1024.0 / persons);
  std::printf("  POST /api/v1/persons     %8.0f /s (baseline in this run)\n", p_rate);
  std::printf("  POST /api/v1/recordings  %8.0f /s (ratio to the baseline %.2f)\n", r_rate, r_rate / p_rate);
  std::printf("  the captures' checks alone, in-process on every core: %.0f /s (recordings / that ceiling = %.2f)\n",
              ceiling, r_rate / ceiling);
  std::printf("  de-duplication queue drained %.1f s after the last recording\n", t_dedup);
  return 0;
}

}  // namespace
}  // namespace siak

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "coverage") return siak::RunCoverage(argc, argv);
  if (mode == "api") return siak::RunApi(argc, argv);
  std::fprintf(stderr, "usage: siak_ektp_bench coverage [--residents N] | api --port P --password X\n");
  return 2;
}
