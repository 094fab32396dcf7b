// Jemput bola at province scale (make bench; figures in docs/benchmarks.md): the "who is missing"
// queries on a SYNTHETIC province of 5 M residents, each against a full scan of the province's
// persons measured in the same run.
//
//   siak_outreach_bench [--region 32] [--residents 5000000] [--seed 7] [--dir /tmp] [--runs 5]
//                       [--regency 3204] [--regions DIR]
//
// The population is made once by the demo generator (`siak demo generate`, register date
// 2026-01-01) into an SQLite store under --dir, named by region, size and seed, and reused when
// present with that many living residents (the generation time is kept next to it). The
// queries, through OutreachService as the API calls them (an admin with national scope, the
// clock at 2026-01-01):
//   (1) UnrecordedCounts for the province (by village, RW and RT);
//   (2) the unrecorded list: the first page (100) and a page at a cursor in the middle;
//   (3) Priority: every village of the province ranked, and every village of one regency;
//   (4) Upcoming for a date 180 days ahead: the count alone, and the count with the first page;
//   and the WithoutCard totals with the first page.
// Baseline: `SELECT COUNT(*) FROM person WHERE province_code = ? AND status_dasar = 1` (no index
// holds province_code: every person row is read). Each line prints scan time / query time.
//
// With $SIAK_BENCH_PG (a conninfo to the server's admin database, as scripts/bench.sh sets it)
// the same is measured on PostgreSQL, in a database named after the population (kept for the
// next run on a long-lived server), of $SIAK_OUTREACH_PG_RESIDENTS residents (default: the same
// as SQLite). Without it the PostgreSQL part is skipped with a printed reason.
// $SIAK_OUTREACH_RESIDENTS lowers the default size for a quick run.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/clock.h"
#include "app/import_regions.h"
#include "app/outreach_service.h"
#include "demo/load.h"
#include "domain/region_index.h"
#include "store/ektp_store.h"
#include "store/outreach_store.h"
#include "store/sql_text.h"
#include "store/store.h"

namespace siak {
namespace {

using Clk = std::chrono::steady_clock;
double Since(Clk::time_point t) { return std::chrono::duration<double>(Clk::now() - t).count(); }

std::string Arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == "--" + name) return argv[i + 1];
  }
  return fallback;
}

std::string Env(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "siak_outreach_bench: %s\n", what.c_str());
  std::exit(1);
}
void Check(const Status& s, const char* what) {
  if (!s.ok()) Die(std::string(what) + ": " + s.ToString());
}
template <typename T>
T Must(Result<T> r, const char* what) {
  if (!r.ok()) Die(std::string(what) + ": " + r.status().ToString());
  return std::move(r).value();
}

// 2026-01-01, the demo register's "today"; the clock stands there so that every run asks the same.
constexpr int64_t kReferenceDays = 20454;

struct Config {
  std::string region, regency, regions_dir;
  int64_t residents = 0;
  uint64_t seed = 7;
  int runs = 5;
};

// Best and median of `runs` timed calls after one untimed warm-up call, in seconds.
struct Timing {
  double best = 0, median = 0;
};
Timing Measure(int runs, const std::function<void()>& f) {
  f();
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clk::now();
    f();
    t.push_back(Since(start));
  }
  std::sort(t.begin(), t.end());
  return {t.front(), t[t.size() / 2]};
}

int64_t Count(Store& store, const std::string& sql, const Row& params) {
  auto r = Must(store.Sql(sql, params), sql.c_str());
  return r.rows.empty() ? 0 : CellInt(r.rows[0][0]);
}

int64_t LivingIn(Store& store, const std::string& region) {
  return Count(store, "SELECT COUNT(*) FROM person WHERE region_code >= ? AND region_code < ? AND status_dasar = 1",
               {region, DigitPrefixEnd(region)});
}

// Fills an empty, migrated store with the regions and the demo population; returns a line for
// the record (also kept in `note_path`).
std::string Generate(Store& store, const Config& c, const std::string& note_path) {
  auto regions = Must(ReadRegionCsvs(c.regions_dir), "regions");
  Check(store.ReplaceRegions(regions), "import regions");
  RegionIndex index(Must(store.LoadRegions(), "load regions"));
  demo::DemoConfig config;
  config.regions = {c.region};
  config.residents = c.residents;
  config.seed = c.seed;
  config.reference = Date::FromDays(kReferenceDays);
  std::printf("  generating %lld residents in region %s (seed %llu) ...\n", static_cast<long long>(c.residents),
              c.region.c_str(), static_cast<unsigned long long>(c.seed));
  std::fflush(stdout);
  const auto start = Clk::now();
  int64_t next_report = c.residents / 10;
  auto summary = Must(demo::GenerateInto(store, index, config,
                                         [&](int64_t done) {
                                           if (done < next_report) return;
                                           std::printf("    %lld stored, %.0f s\n", static_cast<long long>(done),
                                                       Since(start));
                                           std::fflush(stdout);
                                           next_report += c.residents / 10;
                                         }),
                      "demo generate");
  const double seconds = Since(start);
  char line[512];
  std::snprintf(line, sizeof line,
                "%lld living residents (+%lld deceased, %lld KK, %lld events) generated and stored in %.1f s "
                "(%.0f residents/s)",
                static_cast<long long>(summary.living), static_cast<long long>(summary.deceased),
                static_cast<long long>(summary.families), static_cast<long long>(summary.events), seconds,
                summary.living / seconds);
  std::ofstream(note_path) << line << "\n";
  return line;
}

std::string ReadNote(const std::string& path) {
  std::ifstream f(path);
  std::string line;
  std::getline(f, line);
  return line.empty() ? "(generation time not recorded)" : line;
}

// A few region flags, so that the ranking has reasons to weigh: a district of the first regency
// "tertinggal", a regency "perbatasan" (invented for the benchmark; not the official lists).
void PutFlags(Store& store, const RegionIndex& index, const std::string& region) {
  std::vector<std::string> regencies, districts;
  for (const Region& r : index.regions()) {
    const std::string d = r.code.digits();
    if (d.rfind(region, 0) != 0) continue;
    if (d.size() == 4) regencies.push_back(d);
    if (d.size() == 6) districts.push_back(d);
  }
  std::sort(regencies.begin(), regencies.end());
  std::sort(districts.begin(), districts.end());
  OutreachStore os(store);
  const std::string at = "2026-01-01T00:00:00Z";
  for (size_t i = 0; i < districts.size(); i += std::max<size_t>(1, districts.size() / 20)) {
    Check(os.PutFlag({districts[i], "tertinggal", "bench", "", "bench", at}), "flag");
  }
  if (regencies.size() > 1) Check(os.PutFlag({regencies.back(), "perbatasan", "bench", "", "bench", at}), "flag");
}

// The measurements on one store.
void Run(Store& store, const Config& c, const std::string& backend, const std::string& population) {
  RegionIndex index(Must(store.LoadRegions(), "load regions"));
  if (index.size() == 0) Die("no regions in the store");
  PutFlags(store, index, c.region);
  ManualClock clock(kReferenceDays * 86400 + 8 * 3600);
  OutreachService service(store, clock, index);
  const Principal admin{"bench", Role::kAdmin, ""};
  const int runs = c.runs;

  const int64_t living = LivingIn(store, c.region);
  std::printf("\n%s: region %s, %s\n", backend.c_str(), c.region.c_str(), population.c_str());
  std::printf("  living residents in the region: %lld\n", static_cast<long long>(living));

  // The baseline: every person row of the province read.
  int64_t scanned = 0;
  const Timing scan = Measure(std::max(2, runs / 2), [&] {
    scanned = Count(store, "SELECT COUNT(*) FROM person WHERE province_code = ? AND status_dasar = 1",
                    {c.region.substr(0, 2)});
  });
  std::printf("  baseline, full scan of person (COUNT(*) WHERE province_code = ? AND status_dasar = 1): "
              "%.1f ms best, %.1f ms median (%lld rows)\n",
              scan.best * 1e3, scan.median * 1e3, static_cast<long long>(scanned));
  std::printf("  %-58s %10s %10s %12s  %s\n", "query", "best ms", "median ms", "scan/query", "result");
  auto report = [&](const std::string& what, const Timing& t, const std::string& result) {
    const double ratio = scan.best / t.best;
    std::printf("  %-58s %10.2f %10.2f %11.*fx  %s\n", what.c_str(), t.best * 1e3, t.median * 1e3,
                ratio < 10 ? 2 : 0, ratio, result.c_str());
    std::fflush(stdout);
  };

  // (1) Unrecorded counts by village, RW and RT. (Each timing is taken in its own statement,
  // before the result text is made from what the last call returned.)
  std::vector<MissingCount> counts;
  Timing t = Measure(runs, [&] { counts = Must(service.UnrecordedCounts(admin, c.region), "counts"); });
  int64_t persons = 0;
  for (const auto& m : counts) persons += m.persons;
  report("UnrecordedCounts, province", t,
         std::to_string(counts.size()) + " RT rows, " + std::to_string(persons) + " persons");

  // (2) The unrecorded list: the first page, and a page from a cursor in the middle.
  std::vector<MissingPerson> page;
  t = Measure(runs, [&] { page = Must(service.Unrecorded(admin, c.region, std::nullopt, 100), "page"); });
  report("Unrecorded, province, first page (100)", t,
         std::to_string(page.size()) + " persons, first " + (page.empty() ? "-" : page.front().nik));
  // The cursor in the middle: the first person of the RT where the counts pass half of the list.
  if (counts.empty()) Die("nobody is unrecorded");
  OutreachStore::Cursor cursor;
  int64_t seen = 0;
  for (const auto& m : counts) {
    seen += m.persons;
    cursor = {m.region_code, m.rw, m.rt, ""};
    if (seen >= persons / 2) break;
  }
  t = Measure(runs, [&] { page = Must(service.Unrecorded(admin, c.region, cursor, 100), "deep page"); });
  if (page.empty() || page.front().region_code != cursor.region_code) Die("the deep page does not start at its cursor");
  report("Unrecorded, province, page at the middle cursor (100)", t,
         std::to_string(page.size()) + " persons from village/RW/RT " + cursor.region_code + "/" + std::to_string(cursor.rw) + "/" +
             std::to_string(cursor.rt));

  // (3) The priority ranking.
  std::vector<RankedVillage> ranked;
  t = Measure(runs, [&] { ranked = Must(service.Priority(admin, c.region), "priority"); });
  report("Priority, province (every village ranked)", t,
         std::to_string(ranked.size()) + " villages, top " +
             (ranked.empty() ? "-" : ranked.front().priority.code + " (" + ranked.front().name + ")"));
  if (!c.regency.empty()) {
    t = Measure(runs, [&] { ranked = Must(service.Priority(admin, c.regency), "priority"); });
    report("Priority, regency " + c.regency, t, std::to_string(ranked.size()) + " villages");
  }

  // (4) Upcoming wajib KTP (17 by a date 180 days ahead).
  const Date by = clock.Today().AddDays(180);
  const Date born_by = *Date::FromYmd(by.year() - 17, by.month(), by.day());  // 2009-06-30: no 29 February
  int64_t upcoming = 0;
  t = Measure(runs, [&] {
    upcoming = Must(OutreachStore(store).CountUpcomingWajib(c.region, born_by.ToString()), "upcoming");
  });
  report("CountUpcomingWajib, province, 180 days ahead", t,
         std::to_string(upcoming) + " persons (born by " + born_by.ToString() + ")");
  t = Measure(runs, [&] { page = Must(service.Upcoming(admin, c.region, by, "", 100, &upcoming), "upcoming"); });
  report("Upcoming, province, 180 days ahead (count + first page)", t,
         std::to_string(upcoming) + " persons, page of " + std::to_string(page.size()));

  // And the third list: recorded, no card yet.
  std::map<int, int64_t> totals;
  t = Measure(runs, [&] { page = Must(service.WithoutCard(admin, c.region, "", "", 100, &totals), "without card"); });
  int64_t without = 0;
  for (const auto& [status, n] : totals) without += n;
  report("WithoutCard, province (totals + first page)", t,
         std::to_string(without) + " persons, page of " + std::to_string(page.size()));
}

// ---- SQLite ----

void RunSqlite(const Config& c, const std::string& dir) {
  const std::string base = dir + "/siak-outreach-bench-" + c.region + "-" + std::to_string(c.residents) + "-s" +
                           std::to_string(c.seed);
  const std::string path = base + ".db", note = base + ".txt";
  std::string population;
  bool reuse = false;
  if (std::filesystem::exists(path)) {
    auto store = Must(OpenStore("sqlite:" + path), "open");
    Check(store->Migrate(Store::LatestSchemaVersion()), "migrate");
    const int64_t living = LivingIn(*store, c.region);
    if (living == c.residents) {
      reuse = true;
      population = ReadNote(note) + " (reused from " + path + ")";
    } else {
      std::printf("  %s holds %lld living residents, not %lld: made again\n", path.c_str(),
                  static_cast<long long>(living), static_cast<long long>(c.residents));
    }
  }
  if (!reuse) {
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
    std::filesystem::create_directories(dir);
    auto store = Must(OpenStore("sqlite:" + path), "open");
    Check(store->Migrate(Store::LatestSchemaVersion()), "migrate");
    population = Generate(*store, c, note) + " into " + path;
  }
  auto store = Must(OpenStore("sqlite:" + path), "open");
  Run(*store, c, "SQLite", population);
}

// ---- PostgreSQL ----

void RunPostgres(const Config& base_config) {
  const char* admin = std::getenv("SIAK_BENCH_PG");
  if (!admin || !*admin) {
    std::printf("\nPostgreSQL: skipped (SIAK_BENCH_PG not set; scripts/bench.sh starts a server and sets it)\n");
    return;
  }
  Config c = base_config;
  c.residents = std::stoll(Env("SIAK_OUTREACH_PG_RESIDENTS", std::to_string(c.residents)));
  const std::string name =
      "siak_outreach_bench_" + c.region + "_" + std::to_string(c.residents) + "_s" + std::to_string(c.seed);
  PGconn* conn = PQconnectdb(admin);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::printf("\nPostgreSQL: skipped (cannot connect: %s)\n", PQerrorMessage(conn));
    PQfinish(conn);
    return;
  }
  PGresult* r = PQexec(conn, ("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").c_str());
  const bool exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
  PQclear(r);
  const std::string conninfo = std::string(admin) + " dbname=" + name;
  std::string population;
  bool reuse = false;
  if (exists) {
    auto store = Must(OpenStore("postgres:" + conninfo), "open");
    Check(store->Migrate(Store::LatestSchemaVersion()), "migrate");
    const int64_t living = LivingIn(*store, c.region);
    auto note = Must(store->Sql("SELECT note FROM bench_note", {}), "bench note");
    if (living == c.residents && !note.rows.empty()) {
      reuse = true;
      population = CellText(note.rows[0][0]) + " (reused, database " + name + ")";
    }
  }
  if (!reuse) {
    PQclear(PQexec(conn, ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
    r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) Die(std::string("CREATE DATABASE: ") + PQerrorMessage(conn));
    PQclear(r);
    auto store = Must(OpenStore("postgres:" + conninfo), "open");
    Check(store->Migrate(Store::LatestSchemaVersion()), "migrate");
    const std::string tmp_note = (std::filesystem::temp_directory_path() / (name + ".txt")).string();
    population = Generate(*store, c, tmp_note);
    std::filesystem::remove(tmp_note);
    // What `siak serve` does in the background: fold the coverage deltas, and autovacuum's ANALYZE.
    Must(EktpStore(*store).CompactCoverage(), "compact coverage");
    Check(store->Sql("ANALYZE", {}).status(), "analyze");
    Check(store->Sql("CREATE TABLE bench_note (note TEXT NOT NULL)", {}).status(), "bench note");
    Check(store->Sql("INSERT INTO bench_note VALUES (?)", {population}).status(), "bench note");
    population += " into database " + name;
  }
  PQfinish(conn);
  auto store = Must(OpenStore("postgres:" + conninfo), "open");
  Run(*store, c, "PostgreSQL", population);
}

}  // namespace
}  // namespace siak

int main(int argc, char** argv) {
  using namespace siak;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::printf("usage: siak_outreach_bench [--region 32] [--residents 5000000] [--seed 7] [--dir /tmp] [--runs 5] "
                  "[--regency 3204] [--regions DIR]\n");
      return 0;
    }
  }
  Config c;
  c.region = Arg(argc, argv, "region", "32");
  c.regency = Arg(argc, argv, "regency", c.region == "32" ? "3204" : "");
  c.residents = std::stoll(Arg(argc, argv, "residents", Env("SIAK_OUTREACH_RESIDENTS", "5000000")));
  c.seed = std::stoull(Arg(argc, argv, "seed", "7"));
  c.runs = std::max(1, std::stoi(Arg(argc, argv, "runs", "5")));
  c.regions_dir = Arg(argc, argv, "regions", Env("SIAK_REGION_DATA", "third_party/regions/node_modules/idn-area-data/data"));
  const std::string dir = Arg(argc, argv, "dir", "/tmp");
  std::printf("Jemput bola at province scale: the who-is-missing queries against a full scan of person "
              "(SYNTHETIC residents)\n");
  RunSqlite(c, dir);
  RunPostgres(c);
  return 0;
}
