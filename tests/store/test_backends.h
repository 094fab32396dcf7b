// The backends every store conformance test runs against, and test data builders.
//
// SQLite runs everywhere. PostgreSQL runs where SIAK_TEST_PG holds a libpq connection string
// to a server where we may create databases (scripts/test.sh starts one); without it the
// PostgreSQL cases skip with a printed reason, unless SIAK_REQUIRE_PG=1, when they fail.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"
#include "tests/support/synthetic_person.h"

namespace siak::testing {

// A fresh, empty database of one backend, removed at destruction.
class TestDatabase {
 public:
  // Creates it; sets *skip_reason (and returns null) when the backend is not available here.
  static std::unique_ptr<TestDatabase> Create(const std::string& backend, std::string* skip_reason);
  // A copy of the template database `name` (made with MakeTemplate and filled by the caller): the
  // SQLite file copied, or a PostgreSQL database created WITH TEMPLATE. Much faster than filling
  // a fresh one again in every test process.
  static std::unique_ptr<TestDatabase> CloneOf(const std::string& backend, const std::string& name,
                                               std::string* skip_reason);
  // The URL of the template database `name` (created empty when `create`); it outlives this process.
  static std::string TemplateUrl(const std::string& backend, const std::string& name, bool create,
                                 std::string* error);
  ~TestDatabase();

  const std::string& url() const { return url_; }
  Result<std::unique_ptr<Store>> Open() const { return OpenStore(url_); }
  // Runs SQL on a separate raw engine connection; returns false (with the engine's message
  // in *error) when the engine refuses it. For checking rules the schema itself enforces.
  bool ExecRaw(const std::string& sql, std::string* error) const;
  // One integer from a raw query (e.g. SELECT count(*)).
  int64_t QueryInt(const std::string& sql) const;

 private:
  std::string backend_;
  std::string url_;
  std::string dir_;       // sqlite: temp folder
  std::string pg_admin_;  // postgres: admin conninfo
  std::string pg_db_;     // postgres: database name
};

std::vector<std::string> AllBackends();

// A test over one backend (the parameter): a fresh database, migrated to the latest schema,
// with a store open on it. PostgreSQL cases skip with the reason where no server is
// configured, and fail instead when SIAK_REQUIRE_PG is set (as scripts/test.sh does).
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Store> store_;
};

// A valid person, numbered i (distinct NIK), living in `village_digits`.
inline Person MakePerson(int i, const std::string& village_digits = "3273011001") {
  return SyntheticPerson(i, village_digits);
}
// Regions for tests: a province 32, regency 32.73, district 32.73.01, two villages, and
// province 11 with regency 11.01, district 11.01.01, a village and an island.
std::vector<Region> SampleRegions();

// Fails the test when `expr` (a Status or Result) is not ok, printing the error.
#define ASSERT_OK(expr)                                            \
  do {                                                             \
    const auto& siak_r_ = (expr);                                  \
    ASSERT_TRUE(siak_r_.ok()) << ::siak::testing::Describe(siak_r_); \
  } while (0)
#define EXPECT_OK(expr)                                            \
  do {                                                             \
    const auto& siak_r_ = (expr);                                  \
    EXPECT_TRUE(siak_r_.ok()) << ::siak::testing::Describe(siak_r_); \
  } while (0)

inline std::string Describe(const Status& s) { return s.ToString(); }
template <typename T>
std::string Describe(const Result<T>& r) {
  return r.status().ToString();
}

}  // namespace siak::testing
