// Tests for Date (and for Status / Result, which every Date error goes through).
#include "common/date.h"

#include <gtest/gtest.h>

#include <ostream>

#include "common/result.h"
#include "common/status.h"

namespace siak {

// Readable Dates in failure messages (the same inline definition in every test file).
inline void PrintTo(const Date& d, std::ostream* os) { *os << d.ToString(); }

namespace {

Date D(int y, int m, int d) {
  auto r = Date::FromYmd(y, m, d);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Date::FromDays(0);
}

// ---------------------------------------------------------------------------------------------
// Status

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, InvalidNamesFieldValueAndRule) {
  Status s = Status::Invalid("nik", "123", "must have 16 digits");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "nik");
  EXPECT_EQ(s.value(), "123");
  EXPECT_EQ(s.rule(), "must have 16 digits");
  EXPECT_EQ(s.ToString(), "field 'nik' = \"123\": must have 16 digits");
}

TEST(StatusTest, NotFoundAndAlreadyExistsEchoTheValue) {
  EXPECT_EQ(Status::NotFound("nik", "3273010101900001").ToString(),
            "field 'nik' = \"3273010101900001\": does not exist");
  EXPECT_EQ(Status::NotFound("nik", "x").code(), StatusCode::kNotFound);
  EXPECT_EQ(Status::AlreadyExists("kk_number", "1").ToString(), "field 'kk_number' = \"1\": already exists");
  EXPECT_EQ(Status::AlreadyExists("kk_number", "1").code(), StatusCode::kAlreadyExists);
}

TEST(StatusTest, ResourceExhaustedNamesFieldButNoValue) {
  Status s = Status::ResourceExhausted("nik", "all serials used");
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(s.ToString(), "field 'nik': all serials used");
}

TEST(StatusTest, MessageOnlyStatuses) {
  EXPECT_EQ(Status::FailedPrecondition("card already issued").ToString(), "card already issued");
  EXPECT_EQ(Status::FailedPrecondition("x").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Status::Unavailable("db down").code(), StatusCode::kUnavailable);
  EXPECT_EQ(Status::Internal("bug").code(), StatusCode::kInternal);
  EXPECT_EQ(Status::Internal("bug").ToString(), "bug");
}

TEST(StatusTest, FieldPrefixAndLocation) {
  Status s = Status::Invalid("nik", "1", "bad").WithFieldPrefix("members[2]");
  EXPECT_EQ(s.field(), "members[2].nik");
  Status no_field = Status::FailedPrecondition("x").WithFieldPrefix("villages.csv");
  EXPECT_EQ(no_field.field(), "villages.csv");
  Status located = Status::Invalid("csv", "x", "no text may follow a closing quote").WithLocation("line 12");
  EXPECT_EQ(located.location(), "line 12");
  EXPECT_EQ(located.ToString(), "line 12: field 'csv' = \"x\": no text may follow a closing quote");
  // The original is not modified.
  Status orig = Status::Invalid("a", "b", "c");
  (void)orig.WithLocation("line 1");
  EXPECT_EQ(orig.location(), "");
}

TEST(StatusTest, CodeNames) {
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kConflict), "conflict");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
}

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::Invalid("v", std::to_string(v), "must be even");
  return v / 2;
}

Result<int> Quarter(int v) {
  SIAK_ASSIGN_OR_RETURN(int h, Half(v));
  SIAK_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int v) {
  SIAK_RETURN_IF_ERROR(Half(v).status());
  return Status::Ok();
}

TEST(ResultTest, ValueOrStatusAndMacros) {
  auto ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(static_cast<bool>(ok));
  EXPECT_EQ(*ok, 4);
  EXPECT_TRUE(ok.status().ok());
  auto bad = Half(3);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().rule(), "must be even");
  EXPECT_EQ(*Quarter(8), 2);
  auto q = Quarter(6);  // 6 -> 3 -> odd
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().value(), "3");
  EXPECT_TRUE(CheckEven(2).ok());
  EXPECT_EQ(CheckEven(5).field(), "v");
}

// ---------------------------------------------------------------------------------------------
// Date

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(Date::IsLeapYear(2000));
  EXPECT_TRUE(Date::IsLeapYear(2024));
  EXPECT_TRUE(Date::IsLeapYear(1600));
  EXPECT_TRUE(Date::IsLeapYear(2400));
  EXPECT_FALSE(Date::IsLeapYear(1900));
  EXPECT_FALSE(Date::IsLeapYear(2100));
  EXPECT_FALSE(Date::IsLeapYear(2023));
  EXPECT_FALSE(Date::IsLeapYear(2026));
}

TEST(DateTest, DaysInMonth) {
  const int common[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    EXPECT_EQ(Date::DaysInMonth(2023, m), common[m - 1]) << "month " << m;
    EXPECT_EQ(Date::DaysInMonth(2024, m), m == 2 ? 29 : common[m - 1]) << "month " << m;
  }
  EXPECT_EQ(Date::DaysInMonth(1900, 2), 28);
  EXPECT_EQ(Date::DaysInMonth(2000, 2), 29);
  EXPECT_EQ(Date::DaysInMonth(2024, 0), 0);
  EXPECT_EQ(Date::DaysInMonth(2024, 13), 0);
}

TEST(DateTest, FromYmdValidates) {
  auto d = Date::FromYmd(2024, 2, 29);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
  EXPECT_TRUE(Date::FromYmd(1, 1, 1).ok());
  EXPECT_TRUE(Date::FromYmd(9999, 12, 31).ok());

  EXPECT_FALSE(Date::FromYmd(2023, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(1900, 2, 29).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 4, 31).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 1, 0).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 1, 32).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 0, 1).ok());
  EXPECT_FALSE(Date::FromYmd(2024, 13, 1).ok());
  EXPECT_FALSE(Date::FromYmd(0, 1, 1).ok());
  EXPECT_FALSE(Date::FromYmd(10000, 1, 1).ok());

  auto bad = Date::FromYmd(2023, 2, 29, "tanggal_lahir");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "tanggal_lahir");
  EXPECT_EQ(bad.status().rule(), "day does not exist in that month");
  EXPECT_EQ(Date::FromYmd(2024, 13, 1).status().rule(), "month must be between 01 and 12");
}

TEST(DateTest, ParseIso) {
  auto d = Date::Parse("1990-12-05");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, D(1990, 12, 5));
  EXPECT_TRUE(Date::Parse("2000-02-29").ok());
  EXPECT_TRUE(Date::Parse("0001-01-01").ok());
}

TEST(DateTest, ParseRejectsBadForms) {
  for (const char* text : {"", "1990-1-05", "1990-12-5", "90-12-05", "1990/12/05", "19901205", "1990-12-05 ",
                           " 1990-12-05", "1990-12-0x", "199O-12-05", "1990-12--5", "+990-12-05", "1990-12-05T00"}) {
    auto r = Date::Parse(text, "tanggal_lahir");
    EXPECT_FALSE(r.ok()) << "accepted '" << text << "'";
    EXPECT_EQ(r.status().field(), "tanggal_lahir");
    EXPECT_EQ(r.status().value(), text);
    EXPECT_EQ(r.status().rule(), "must be a date written YYYY-MM-DD");
  }
}

TEST(DateTest, ParseRejectsDaysThatDoNotExistAndEchoesTheText) {
  for (const char* text : {"2023-02-29", "1900-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-01-00",
                           "0000-01-01"}) {
    auto r = Date::Parse(text);
    EXPECT_FALSE(r.ok()) << "accepted " << text;
    EXPECT_EQ(r.status().value(), text);
    EXPECT_EQ(r.status().field(), "date");
  }
}

TEST(DateTest, ToStringPads) {
  EXPECT_EQ(D(1990, 12, 5).ToString(), "1990-12-05");
  EXPECT_EQ(D(5, 1, 9).ToString(), "0005-01-09");
  EXPECT_EQ(D(9999, 12, 31).ToString(), "9999-12-31");
}

TEST(DateTest, ToDaysKnownValues) {
  EXPECT_EQ(D(1970, 1, 1).ToDays(), 0);
  EXPECT_EQ(D(1970, 1, 2).ToDays(), 1);
  EXPECT_EQ(D(1969, 12, 31).ToDays(), -1);
  EXPECT_EQ(D(2000, 1, 1).ToDays(), 10957);
  EXPECT_EQ(D(2000, 3, 1).ToDays(), 11017);  // 2000 is leap: 31 + 29 days later
  EXPECT_EQ(D(1900, 1, 1).ToDays(), -25567);
  EXPECT_EQ(D(1, 1, 1).ToDays(), -719162);
  EXPECT_EQ(Date::FromDays(0), D(1970, 1, 1));
  EXPECT_EQ(Date::FromDays(-1), D(1969, 12, 31));
  EXPECT_EQ(Date::FromDays(11016), D(2000, 2, 29));
}

TEST(DateTest, ToDaysRoundTripsAndCountsEveryDay) {
  // Walk every day from 1599-12-01 to 2401-03-01 by Y/M/D and check ToDays is consecutive
  // and FromDays inverts it.
  int64_t expected = D(1599, 12, 1).ToDays();
  int checked = 0;
  for (int y = 1599; y <= 2401; ++y) {
    for (int m = 1; m <= 12; ++m) {
      if (y == 1599 && m < 12) continue;
      for (int d = 1; d <= Date::DaysInMonth(y, m); ++d) {
        Date date = D(y, m, d);
        ASSERT_EQ(date.ToDays(), expected) << date.ToString();
        ASSERT_EQ(Date::FromDays(expected), date) << expected;
        ++expected;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 290000);
}

TEST(DateTest, AddDaysCrossesMonthsAndLeapDays) {
  EXPECT_EQ(D(2024, 2, 28).AddDays(1), D(2024, 2, 29));
  EXPECT_EQ(D(2023, 2, 28).AddDays(1), D(2023, 3, 1));
  EXPECT_EQ(D(2024, 12, 31).AddDays(1), D(2025, 1, 1));
  EXPECT_EQ(D(2025, 1, 1).AddDays(-1), D(2024, 12, 31));
  EXPECT_EQ(D(2024, 1, 1).AddDays(366), D(2025, 1, 1));
  EXPECT_EQ(D(2024, 3, 1).AddDays(-1), D(2024, 2, 29));
  EXPECT_EQ(D(2024, 3, 1).AddDays(0), D(2024, 3, 1));
}

TEST(DateTest, Ordering) {
  EXPECT_LT(D(2024, 1, 31), D(2024, 2, 1));
  EXPECT_LT(D(2023, 12, 31), D(2024, 1, 1));
  EXPECT_LT(D(2024, 2, 1), D(2024, 2, 2));
  EXPECT_EQ(D(2024, 2, 2), D(2024, 2, 2));
  EXPECT_NE(D(2024, 2, 2), D(2024, 2, 3));
  EXPECT_GT(D(2025, 1, 1), D(2024, 12, 31));
}

TEST(DateTest, YearsUntil) {
  const Date born = D(2008, 3, 15);
  EXPECT_EQ(born.YearsUntil(D(2025, 3, 15)), 17);
  EXPECT_EQ(born.YearsUntil(D(2025, 3, 14)), 16);
  EXPECT_EQ(born.YearsUntil(D(2025, 2, 28)), 16);
  EXPECT_EQ(born.YearsUntil(D(2025, 4, 1)), 17);
  EXPECT_EQ(born.YearsUntil(born), 0);
  EXPECT_EQ(born.YearsUntil(D(2008, 12, 31)), 0);
  EXPECT_EQ(born.YearsUntil(D(2008, 3, 14)), -1);
  EXPECT_EQ(born.YearsUntil(D(2007, 3, 15)), -1);
  EXPECT_EQ(born.YearsUntil(D(2007, 3, 14)), -2);
}

TEST(DateTest, YearsUntilForLeapDayBirths) {
  const Date born = D(2008, 2, 29);
  EXPECT_EQ(born.YearsUntil(D(2025, 2, 28)), 16);  // common year: older on 1 March
  EXPECT_EQ(born.YearsUntil(D(2025, 3, 1)), 17);
  EXPECT_EQ(born.YearsUntil(D(2024, 2, 28)), 15);
  EXPECT_EQ(born.YearsUntil(D(2024, 2, 29)), 16);  // leap year: on the day itself
}

}  // namespace
}  // namespace siak
