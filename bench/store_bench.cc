// Store throughput, each beside the raw engine doing the same work in the same run:
//  - bulk insert of persons: the store (validation-free path, one transaction) vs a bare
//    prepared INSERT loop (SQLite) / a bare COPY of pre-rendered rows (PostgreSQL);
//  - lookup by NIK: the store (decode into a Person) vs a bare prepared SELECT by key.
// Same schema (migrated by the store), same rows, same durability settings.
#include <benchmark/benchmark.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>

#include "bench/bench_util.h"
#include "store/codec.h"
#include "store/sql_text.h"
#include "store/store.h"

namespace siak::bench {
namespace {

constexpr int kRows = 100000;

const std::vector<Person>& Persons() {
  static const std::vector<Person> persons = SyntheticPersons(kRows);
  return persons;
}

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = [] {
    std::vector<Row> out;
    for (const auto& p : Persons()) out.push_back(PersonToRow(p));
    return out;
  }();
  return rows;
}

void StoreInsert(benchmark::State& state, const std::string& backend) {
  for (auto _ : state) {
    state.PauseTiming();
    FreshDb db = FreshDb::Make(backend);
    if (!db.error.empty()) {
      state.SkipWithError(db.error.c_str());
      return;
    }
    auto store = OpenStore(db.url);
    state.ResumeTiming();
    Status st = (*store)->InsertPersons(Persons());
    state.PauseTiming();
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
    store->reset();
    db.Drop();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRows);
}

void BM_SqliteStoreInsert(benchmark::State& state) { StoreInsert(state, "sqlite"); }
void BM_PostgresStoreInsert(benchmark::State& state) { StoreInsert(state, "postgresql"); }

void BM_Baseline_SqliteRawInsert(benchmark::State& state) {
  const auto& rows = Rows();
  const std::string sql = "INSERT INTO person (" + JoinColumns(kPersonColumns) + ") VALUES (" +
                          Placeholders(kPersonColumns.size(), false) + ")";
  for (auto _ : state) {
    state.PauseTiming();
    FreshDb db = FreshDb::Make("sqlite");
    sqlite3* h = nullptr;
    sqlite3_open(db.sqlite_path.c_str(), &h);
    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536", nullptr, nullptr,
                 nullptr);
    state.ResumeTiming();
    sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr);
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (row[i]) {
          sqlite3_bind_text(st, static_cast<int>(i) + 1, row[i]->data(), static_cast<int>(row[i]->size()),
                            SQLITE_STATIC);
        } else {
          sqlite3_bind_null(st, static_cast<int>(i) + 1);
        }
      }
      if (sqlite3_step(st) != SQLITE_DONE) state.SkipWithError("raw insert failed");
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
    state.PauseTiming();
    sqlite3_close(h);
    db.Drop();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRows);
}

void BM_Baseline_PostgresRawCopy(benchmark::State& state) {
  // The rows pre-rendered in COPY text format: the engine's own ceiling for loading them.
  static const std::string payload = [] {
    std::string out;
    for (const auto& row : Rows()) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) out += '\t';
        out += row[i] ? *row[i] : "\\N";
      }
      out += '\n';
    }
    return out;
  }();
  for (auto _ : state) {
    state.PauseTiming();
    FreshDb db = FreshDb::Make("postgresql");
    if (!db.error.empty()) {
      state.SkipWithError(db.error.c_str());
      return;
    }
    PGconn* c = PQconnectdb(db.pg_conninfo.c_str());
    state.ResumeTiming();
    PQclear(PQexec(c, "BEGIN"));
    PQclear(PQexec(c, ("COPY person (" + JoinColumns(kPersonColumns) + ") FROM STDIN").c_str()));
    for (size_t off = 0; off < payload.size(); off += 1 << 20) {
      PQputCopyData(c, payload.data() + off, static_cast<int>(std::min<size_t>(1 << 20, payload.size() - off)));
    }
    PQputCopyEnd(c, nullptr);
    while (PGresult* r = PQgetResult(c)) {
      if (PQresultStatus(r) != PGRES_COMMAND_OK) state.SkipWithError(PQresultErrorMessage(r));
      PQclear(r);
    }
    PQclear(PQexec(c, "COMMIT"));
    state.PauseTiming();
    PQfinish(c);
    db.Drop();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRows);
}

// A loaded database shared by the lookup benchmarks of one backend.
FreshDb& Loaded(const std::string& backend) {
  static std::map<std::string, FreshDb> dbs;
  auto it = dbs.find(backend);
  if (it == dbs.end()) {
    FreshDb db = FreshDb::Make(backend);
    if (db.error.empty()) {
      auto store = OpenStore(db.url);
      Status st = (*store)->InsertPersons(Persons());
      if (!st.ok()) db.error = st.ToString();
    }
    it = dbs.emplace(backend, db).first;
  }
  return it->second;
}

std::vector<std::string> LookupKeys() {
  std::vector<std::string> keys;
  std::mt19937 rng(7);
  for (int i = 0; i < 4096; ++i) keys.push_back(Persons()[rng() % kRows].nik.ToString());
  return keys;
}

void StoreLookup(benchmark::State& state, const std::string& backend) {
  FreshDb& db = Loaded(backend);
  if (!db.error.empty()) {
    state.SkipWithError(db.error.c_str());
    return;
  }
  auto store = OpenStore(db.url);
  const auto keys = LookupKeys();
  std::vector<Nik> niks;
  for (const auto& k : keys) niks.push_back(*Nik::ParseStructure(k));
  size_t i = 0;
  for (auto _ : state) {
    auto p = (*store)->GetPerson(niks[i++ & 4095]);
    if (!p.ok()) state.SkipWithError(p.status().ToString().c_str());
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
void BM_SqliteStoreGetByNik(benchmark::State& state) { StoreLookup(state, "sqlite"); }
void BM_PostgresStoreGetByNik(benchmark::State& state) { StoreLookup(state, "postgresql"); }

void BM_Baseline_SqliteRawSelect(benchmark::State& state) {
  FreshDb& db = Loaded("sqlite");
  sqlite3* h = nullptr;
  sqlite3_open(db.sqlite_path.c_str(), &h);
  sqlite3_exec(h, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, ("SELECT " + JoinColumns(kPersonColumns) + ", version FROM person WHERE nik = ?").c_str(), -1,
                     &st, nullptr);
  const auto keys = LookupKeys();
  size_t i = 0;
  for (auto _ : state) {
    const std::string& k = keys[i++ & 4095];
    sqlite3_bind_text(st, 1, k.data(), static_cast<int>(k.size()), SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) state.SkipWithError("raw select found nothing");
    for (int c = 0; c <= static_cast<int>(kPersonColumns.size()); ++c) benchmark::DoNotOptimize(sqlite3_column_text(st, c));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_Baseline_PostgresRawSelect(benchmark::State& state) {
  FreshDb& db = Loaded("postgresql");
  if (!db.error.empty()) {
    state.SkipWithError(db.error.c_str());
    return;
  }
  PGconn* c = PQconnectdb(db.pg_conninfo.c_str());
  PQclear(PQexec(c, "SET plan_cache_mode = force_generic_plan"));  // as the store does
  PQclear(PQprepare(c, "q", ("SELECT " + JoinColumns(kPersonColumns) + ", version FROM person WHERE nik = $1").c_str(),
                    1, nullptr));
  const auto keys = LookupKeys();
  size_t i = 0;
  for (auto _ : state) {
    const char* v = keys[i++ & 4095].c_str();
    PGresult* r = PQexecPrepared(c, "q", 1, &v, nullptr, nullptr, 0);
    if (PQntuples(r) != 1) state.SkipWithError("raw select found nothing");
    PQclear(r);
  }
  PQfinish(c);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

BENCHMARK(BM_SqliteStoreInsert)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_Baseline_SqliteRawInsert)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_PostgresStoreInsert)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_Baseline_PostgresRawCopy)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_SqliteStoreGetByNik)->UseRealTime();
BENCHMARK(BM_Baseline_SqliteRawSelect)->UseRealTime();
BENCHMARK(BM_PostgresStoreGetByNik)->UseRealTime();
BENCHMARK(BM_Baseline_PostgresRawSelect)->UseRealTime();

const bool kRatios[] = {
    RegisterRatio("BM_SqliteStoreInsert/iterations:3/real_time", "BM_Baseline_SqliteRawInsert/iterations:3/real_time",
                  "store bulk insert vs bare prepared INSERT loop"),
    RegisterRatio("BM_PostgresStoreInsert/iterations:3/real_time", "BM_Baseline_PostgresRawCopy/iterations:3/real_time",
                  "store bulk insert vs bare COPY of the same rows"),
    RegisterRatio("BM_SqliteStoreGetByNik/real_time", "BM_Baseline_SqliteRawSelect/real_time",
                  "store lookup by NIK vs bare prepared SELECT"),
    RegisterRatio("BM_PostgresStoreGetByNik/real_time", "BM_Baseline_PostgresRawSelect/real_time",
                  "store lookup by NIK vs bare prepared SELECT"),
};

}  // namespace
}  // namespace siak::bench
