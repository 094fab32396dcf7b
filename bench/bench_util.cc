#include "bench/bench_util.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/import_regions.h"
#include "store/store.h"
#include "tests/support/synthetic_person.h"

namespace siak::bench {

std::vector<RatioPair>& RatioPairs() {
  static std::vector<RatioPair> pairs;
  return pairs;
}

bool RegisterRatio(std::string name, std::string baseline, std::string meaning) {
  RatioPairs().push_back({std::move(name), std::move(baseline), std::move(meaning)});
  return true;
}

std::vector<Person> SyntheticPersons(int count) {
  static const char* kVillages[] = {"3273011001", "3273011002", "1101012001", "3204052003", "7371011004"};
  std::vector<Person> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) out.push_back(testing::SyntheticPerson(i, kVillages[i % 5]));
  return out;
}

const std::vector<Region>& OfficialRegions() {
  static const std::vector<Region> regions = [] {
    const char* dir = std::getenv("SIAK_REGION_DATA");
    std::string path = dir ? dir : "third_party/regions/node_modules/idn-area-data/data";
    auto r = ReadRegionCsvs(path);
    if (!r.ok()) {
      std::fprintf(stderr, "region benchmarks skipped: %s\n", r.status().ToString().c_str());
      return std::vector<Region>{};
    }
    return std::move(r).value();
  }();
  return regions;
}

FreshDb FreshDb::Make(const std::string& backend) {
  static int counter = 0;
  FreshDb db;
  const std::string id = std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (backend == "sqlite") {
    db.dir = (std::filesystem::temp_directory_path() / ("siak-bench-" + id)).string();
    std::filesystem::create_directories(db.dir);
    db.sqlite_path = db.dir + "/bench.db";
    db.url = "sqlite:" + db.sqlite_path;
  } else {
    const char* admin = std::getenv("SIAK_BENCH_PG");
    if (!admin) {
      db.error = "SIAK_BENCH_PG not set (scripts/bench.sh starts a server)";
      return db;
    }
    db.pg_admin = admin;
    db.pg_name = "siak_bench_" + id;
    PGconn* c = PQconnectdb(admin);
    PQclear(PQexec(c, ("CREATE DATABASE " + db.pg_name).c_str()));
    PQfinish(c);
    db.pg_conninfo = db.pg_admin + " dbname=" + db.pg_name;
    db.url = "postgres:" + db.pg_conninfo;
  }
  auto store = OpenStore(db.url);
  if (!store.ok() || !(*store)->Migrate(Store::LatestSchemaVersion()).ok()) db.error = "cannot prepare " + backend;
  return db;
}

void FreshDb::Drop() {
  if (!dir.empty()) std::filesystem::remove_all(dir);
  if (!pg_name.empty()) {
    PGconn* c = PQconnectdb(pg_admin.c_str());
    PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + pg_name + " WITH (FORCE)").c_str()));
    PQfinish(c);
  }
}

}  // namespace siak::bench
