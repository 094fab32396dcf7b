#include "tests/store/test_backends.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

namespace siak::testing {
namespace {

std::atomic<int> counter{0};

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

bool PgExec(const std::string& conninfo, const std::string& sql, std::string* error) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    if (error) *error = PQerrorMessage(conn);
    PQfinish(conn);
    return false;
  }
  PGresult* r = PQexec(conn, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  if (!ok && error) *error = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(conn);
  return ok;
}

}  // namespace

std::vector<std::string> AllBackends() { return {"sqlite", "postgresql"}; }

void BackendTest::SetUp() {
  std::string reason;
  db_ = TestDatabase::Create(GetParam(), &reason);
  if (!db_) {
    if (std::getenv("SIAK_REQUIRE_PG")) FAIL() << reason;
    GTEST_SKIP() << reason;
  }
  auto store = db_->Open();
  ASSERT_OK(store);
  store_ = std::move(store).value();
  ASSERT_OK(store_->Migrate(Store::LatestSchemaVersion()));
}

std::unique_ptr<TestDatabase> TestDatabase::Create(const std::string& backend, std::string* skip_reason) {
  auto db = std::unique_ptr<TestDatabase>(new TestDatabase());
  db->backend_ = backend;
  const std::string id = std::to_string(getpid()) + "_" + std::to_string(counter++);
  if (backend == "sqlite") {
    auto dir = std::filesystem::temp_directory_path() / ("siak-test-" + id);
    std::filesystem::create_directories(dir);
    db->dir_ = dir.string();
    db->url_ = "sqlite:" + db->dir_ + "/siak.db";
    return db;
  }
  const std::string admin = Env("SIAK_TEST_PG");
  if (admin.empty()) {
    *skip_reason = "SIAK_TEST_PG is not set: no PostgreSQL server for this run (scripts/test.sh starts one)";
    return nullptr;
  }
  db->pg_admin_ = admin;
  db->pg_db_ = "siak_test_" + id;
  std::string error;
  if (!PgExec(admin, "CREATE DATABASE " + db->pg_db_, &error)) {
    *skip_reason = "cannot create a PostgreSQL test database: " + error;
    db->pg_db_.clear();
    return nullptr;
  }
  db->url_ = "postgres:" + admin + " dbname=" + db->pg_db_;  // the later dbname wins
  return db;
}

namespace {
std::string TemplateSqlitePath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / (name + ".db")).string();
}
}  // namespace

std::string TestDatabase::TemplateUrl(const std::string& backend, const std::string& name, bool create,
                                      std::string* error) {
  if (backend == "sqlite") {
    if (create) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(TemplateSqlitePath(name) + suffix, ec);
    }
    return "sqlite:" + TemplateSqlitePath(name);
  }
  const std::string admin = Env("SIAK_TEST_PG");
  if (admin.empty()) {
    if (error) *error = "SIAK_TEST_PG is not set";
    return "";
  }
  if (create) {
    PgExec(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", nullptr);
    if (!PgExec(admin, "CREATE DATABASE " + name, error)) return "";
  }
  return "postgres:" + admin + " dbname=" + name;
}

std::unique_ptr<TestDatabase> TestDatabase::CloneOf(const std::string& backend, const std::string& name,
                                                    std::string* skip_reason) {
  if (backend == "sqlite") {
    auto db = Create(backend, skip_reason);
    if (!db) return nullptr;
    std::error_code ec;
    std::filesystem::copy_file(TemplateSqlitePath(name), db->dir_ + "/siak.db", ec);
    if (ec) {
      *skip_reason = "cannot copy the template database: " + ec.message();
      return nullptr;
    }
    return db;
  }
  auto db = std::unique_ptr<TestDatabase>(new TestDatabase());
  db->backend_ = backend;
  db->pg_admin_ = Env("SIAK_TEST_PG");
  if (db->pg_admin_.empty()) {
    *skip_reason = "SIAK_TEST_PG is not set: no PostgreSQL server for this run (scripts/test.sh starts one)";
    return nullptr;
  }
  db->pg_db_ = "siak_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  std::string error;
  if (!PgExec(db->pg_admin_, "CREATE DATABASE " + db->pg_db_ + " TEMPLATE " + name, &error)) {
    *skip_reason = "cannot create a PostgreSQL test database from the template: " + error;
    db->pg_db_.clear();
    return nullptr;
  }
  db->url_ = "postgres:" + db->pg_admin_ + " dbname=" + db->pg_db_;
  return db;
}

TestDatabase::~TestDatabase() {
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!pg_db_.empty()) PgExec(pg_admin_, "DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)", nullptr);
}

bool TestDatabase::ExecRaw(const std::string& sql, std::string* error) const {
  if (backend_ == "sqlite") {
    sqlite3* db = nullptr;
    sqlite3_open((dir_ + "/siak.db").c_str(), &db);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK && error) *error = err ? err : "error";
    sqlite3_free(err);
    sqlite3_close(db);
    return rc == SQLITE_OK;
  }
  return PgExec(pg_admin_ + " dbname=" + pg_db_, sql, error);
}

int64_t TestDatabase::QueryInt(const std::string& sql) const {
  if (backend_ == "sqlite") {
    sqlite3* db = nullptr;
    sqlite3_open((dir_ + "/siak.db").c_str(), &db);
    sqlite3_stmt* st = nullptr;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
  }
  PGconn* conn = PQconnectdb((pg_admin_ + " dbname=" + pg_db_).c_str());
  PGresult* r = PQexec(conn, sql.c_str());
  int64_t v = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 ? std::atoll(PQgetvalue(r, 0, 0)) : -1;
  PQclear(r);
  PQfinish(conn);
  return v;
}

std::vector<Region> SampleRegions() {
  auto region = [](const char* code, const char* name) {
    return Region{.code = *RegionCode::Parse(code), .name = name, .is_populated = false,
                  .is_outermost_small = false, .coordinate = ""};
  };
  std::vector<Region> out = {
      region("32", "Jawa Barat"),
      region("32.73", "Kota Bandung"),
      region("32.73.01", "Sukasari"),
      region("32.73.01.1001", "Sukarasa"),
      region("32.73.01.1002", "Gegerkalong"),
      region("11", "Aceh"),
      region("11.01", "Kabupaten Aceh Selatan"),
      region("11.01.01", "Bakongan"),
      region("11.01.01.2001", "Keude Bakongan"),
  };
  Region island = region("11.01.40001", "Pulau Batukapal");
  island.is_populated = true;
  island.is_outermost_small = true;
  island.coordinate = "03°19'03.44\" N 097°07'41.73\" E";
  out.push_back(island);
  return out;
}

}  // namespace siak::testing
