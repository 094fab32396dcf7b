// Tests for Nik (and KnownDistricts). The bulk of the NIK structure cases are data-driven in
// tests/rules/nik_cases.txt; here: issuing, century resolution helpers and accessors.
#include "domain/nik.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "domain/known_districts.h"

namespace siak {

// Readable Dates in failure messages (the same inline definition in every test file).
inline void PrintTo(const Date& d, std::ostream* os) { *os << d.ToString(); }

namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }
RegionCode R(std::string_view text) { return *RegionCode::Parse(text); }

TEST(KnownDistrictsTest, AddAndContains) {
  KnownDistricts districts;
  EXPECT_EQ(districts.size(), 0u);
  EXPECT_FALSE(districts.Contains("327301"));
  districts.Add("327301");
  districts.Add("327301");  // counted once
  districts.Add("110101");
  districts.Add("999999");
  districts.Add("000000");
  EXPECT_EQ(districts.size(), 4u);
  EXPECT_TRUE(districts.Contains("327301"));
  EXPECT_TRUE(districts.Contains("110101"));
  EXPECT_TRUE(districts.Contains("999999"));
  EXPECT_TRUE(districts.Contains("000000"));
  EXPECT_FALSE(districts.Contains("327302"));
  EXPECT_FALSE(districts.Contains("327300"));
  EXPECT_FALSE(districts.Contains("32.73.01"));  // only bare 6-digit codes
  EXPECT_FALSE(districts.Contains("3273"));
}

TEST(KnownDistrictsTest, IgnoresMalformedCodes) {
  KnownDistricts districts;
  districts.Add("32.73.01");
  districts.Add("3273");
  districts.Add("32730a");
  districts.Add("");
  EXPECT_EQ(districts.size(), 0u);
  EXPECT_FALSE(districts.Contains(""));
}

TEST(NikTest, ParseStructureDecodes) {
  auto nik = Nik::ParseStructure("3273014512900123");
  ASSERT_TRUE(nik.ok()) << nik.status().ToString();
  EXPECT_EQ(nik->kind(), NikKind::kNik);
  EXPECT_EQ(nik->digits(), "3273014512900123");
  EXPECT_EQ(nik->ToString(), "3273014512900123");
  EXPECT_EQ(nik->district_code(), "32.73.01");
  EXPECT_EQ(nik->district_digits(), "327301");
  EXPECT_EQ(nik->province_digits(), "32");
  EXPECT_EQ(nik->serial_prefix(), "327301451290");
  EXPECT_EQ(nik->sex(), JenisKelamin::kPerempuan);
  EXPECT_EQ(nik->birth_day(), 5);
  EXPECT_EQ(nik->birth_month(), 12);
  EXPECT_EQ(nik->birth_year_2d(), 90);
  EXPECT_EQ(nik->serial(), 123);
  EXPECT_EQ(nik->nit_country(), 0);
  EXPECT_EQ(nik->nit_mission(), 0);
}

TEST(NikTest, ParseNamesTheFieldAndEchoesTheValue) {
  auto r = Nik::ParseStructure("123", "anggota.nik");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "anggota.nik");
  EXPECT_EQ(r.status().value(), "123");
  EXPECT_NE(r.status().rule().find("16 digits"), std::string::npos) << r.status().rule();
}

TEST(NikTest, ParseChecksDistrictOnlyForNik) {
  KnownDistricts districts;
  districts.Add("327301");
  EXPECT_TRUE(Nik::Parse("3273010512900001", districts).ok());
  auto unknown = Nik::Parse("3273020512900001", districts);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().rule().find("32.73.02"), std::string::npos) << unknown.status().rule();
  EXPECT_TRUE(Nik::ParseStructure("3273020512900001").ok());
  // A NIT belongs to no district.
  auto nit = Nik::Parse("9912340512900001", districts);
  ASSERT_TRUE(nit.ok()) << nit.status().ToString();
  EXPECT_EQ(nit->kind(), NikKind::kNit);
  EXPECT_EQ(nit->district_code(), "");
  EXPECT_EQ(nit->nit_country(), 123);
  EXPECT_EQ(nit->nit_mission(), 4);
}

TEST(NikTest, IssueNextSerialAfterTheLargestUsed) {
  const RegionCode district = R("32.73.01");
  const Date born = D(1990, 12, 5);
  auto first = Nik::Issue(district, born, JenisKelamin::kLakiLaki, {});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->digits(), "3273010512900001");

  const std::vector<int> used = {1, 5, 3};
  auto next = Nik::Issue(district, born, JenisKelamin::kLakiLaki, used);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->digits(), "3273010512900006");
  EXPECT_EQ(next->serial(), 6);

  // Gaps are never refilled: a deactivated NIK keeps its serial.
  const std::vector<int> gaps = {2, 7};
  EXPECT_EQ(Nik::Issue(district, born, JenisKelamin::kLakiLaki, gaps)->serial(), 8);
}

TEST(NikTest, IssueAddsFortyToTheDayForWomen) {
  auto nik = Nik::Issue(R("32.73.01"), D(1990, 12, 5), JenisKelamin::kPerempuan, {});
  ASSERT_TRUE(nik.ok());
  EXPECT_EQ(nik->digits(), "3273014512900001");
  EXPECT_EQ(nik->sex(), JenisKelamin::kPerempuan);
  EXPECT_EQ(nik->birth_day(), 5);

  auto leap = Nik::Issue(R("32.73.01"), D(2000, 2, 29), JenisKelamin::kPerempuan, {});
  ASSERT_TRUE(leap.ok()) << leap.status().ToString();
  EXPECT_EQ(leap->digits(), "3273016902000001");
  auto last = Nik::Issue(R("32.73.01"), D(2001, 1, 31), JenisKelamin::kPerempuan, {});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->digits(), "3273017101010001");
}

TEST(NikTest, IssueUpTo9999ThenExhausted) {
  const RegionCode district = R("32.73.01");
  const std::vector<int> almost = {9998};
  auto last = Nik::Issue(district, D(1990, 12, 5), JenisKelamin::kLakiLaki, almost);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_EQ(last->digits(), "3273010512909999");

  const std::vector<int> full = {1, 9999};
  auto none = Nik::Issue(district, D(1990, 12, 5), JenisKelamin::kLakiLaki, full);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(none.status().field(), "nik");
  EXPECT_NE(none.status().rule().find("327301051290"), std::string::npos) << none.status().rule();
}

TEST(NikTest, IssueOnlyInADistrict) {
  for (const char* code : {"32", "32.73", "32.73.01.1001", "11.01.40001"}) {
    auto r = Nik::Issue(R(code), D(1990, 12, 5), JenisKelamin::kLakiLaki, {});
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.status().field(), "district") << code;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(NikTest, IssueNit) {
  auto nit = Nik::IssueNit(123, 4, D(1990, 12, 5), JenisKelamin::kLakiLaki, {});
  ASSERT_TRUE(nit.ok()) << nit.status().ToString();
  EXPECT_EQ(nit->digits(), "9912340512900001");
  EXPECT_EQ(nit->kind(), NikKind::kNit);
  EXPECT_EQ(nit->nit_country(), 123);
  EXPECT_EQ(nit->nit_mission(), 4);

  const std::vector<int> used = {41};
  auto woman = Nik::IssueNit(7, 0, D(1985, 1, 20), JenisKelamin::kPerempuan, used);
  ASSERT_TRUE(woman.ok());
  EXPECT_EQ(woman->digits(), "9900706001850042");
  EXPECT_EQ(woman->nit_country(), 7);
  EXPECT_EQ(woman->nit_mission(), 0);

  const std::vector<int> full = {9999};
  auto none = Nik::IssueNit(123, 4, D(1990, 12, 5), JenisKelamin::kLakiLaki, full);
  EXPECT_EQ(none.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(none.status().field(), "nit");

  EXPECT_EQ(Nik::IssueNit(0, 1, D(1990, 1, 1), JenisKelamin::kLakiLaki, {}).status().field(), "country_code");
  EXPECT_EQ(Nik::IssueNit(1000, 1, D(1990, 1, 1), JenisKelamin::kLakiLaki, {}).status().field(), "country_code");
  EXPECT_EQ(Nik::IssueNit(1, -1, D(1990, 1, 1), JenisKelamin::kLakiLaki, {}).status().field(), "mission_code");
  EXPECT_EQ(Nik::IssueNit(1, 10, D(1990, 1, 1), JenisKelamin::kLakiLaki, {}).status().field(), "mission_code");
}

TEST(NikTest, IssuedNikDecodesBackToTheBirthDate) {
  // Everyone born in the 100 years before the reference date gets their date back.
  const Date reference = D(2025, 6, 30);
  int checked = 0;
  for (Date born = D(1925, 7, 1); born <= reference; born = born.AddDays(37)) {
    for (JenisKelamin sex : {JenisKelamin::kLakiLaki, JenisKelamin::kPerempuan}) {
      auto nik = Nik::Issue(R("11.01.01"), born, sex, {});
      ASSERT_TRUE(nik.ok()) << born.ToString();
      EXPECT_EQ(nik->sex(), sex);
      auto decoded = nik->BirthDate(reference);
      ASSERT_TRUE(decoded.ok()) << born.ToString();
      EXPECT_EQ(*decoded, born);
      EXPECT_TRUE(nik->CheckAgainst(born, sex).empty()) << born.ToString();
      ++checked;
    }
  }
  EXPECT_GT(checked, 1900);
}

TEST(NikTest, BirthDateResolvesTheCenturyAgainstTheReference) {
  auto nik = *Nik::ParseStructure("3273011508260001");  // 15 Aug '26
  EXPECT_EQ(*nik.BirthDate(D(2026, 7, 1)), D(1926, 8, 15));  // not born yet in 2026: 1926
  EXPECT_EQ(*nik.BirthDate(D(2026, 8, 15)), D(2026, 8, 15));  // the day itself counts
  EXPECT_EQ(*nik.BirthDate(D(2026, 9, 1)), D(2026, 8, 15));
  EXPECT_EQ(*nik.BirthDate(D(2100, 1, 1)), D(2026, 8, 15));

  auto leap00 = *Nik::ParseStructure("3273016902000001");  // 29 Feb '00, a woman
  EXPECT_EQ(*leap00.BirthDate(D(2025, 1, 1)), D(2000, 2, 29));
  // Before 2000 the only candidates are 1900 and 1800, neither of them leap.
  auto none = leap00.BirthDate(D(1999, 12, 31));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().field(), "nik");
}

TEST(NikTest, BirthDateNearUsesTheRecordedCentury) {
  auto nik = *Nik::ParseStructure("3273011508260001");  // 15 Aug '26
  EXPECT_EQ(*nik.BirthDateNear(D(1926, 8, 14)), D(1926, 8, 15));
  EXPECT_EQ(*nik.BirthDateNear(D(2026, 1, 1)), D(2026, 8, 15));  // same '26: its century, even if later
  // The two-digit years disagree: resolved as BirthDate(recorded).
  EXPECT_EQ(*nik.BirthDateNear(D(2027, 1, 1)), D(2026, 8, 15));
  EXPECT_EQ(*nik.BirthDateNear(D(1990, 1, 1)), D(1926, 8, 15));
}

TEST(NikTest, CheckAgainstWarnsButNeverFails) {
  auto man = *Nik::ParseStructure("3273010512900001");  // man, 5 Dec '90
  EXPECT_TRUE(man.CheckAgainst(D(1990, 12, 5), JenisKelamin::kLakiLaki).empty());
  EXPECT_TRUE(man.CheckAgainst(D(1890, 12, 5), JenisKelamin::kLakiLaki).empty());  // century is not encoded

  auto sex = man.CheckAgainst(D(1990, 12, 5), JenisKelamin::kPerempuan);
  ASSERT_EQ(sex.size(), 1u);
  EXPECT_EQ(sex[0].field, "sex");
  EXPECT_NE(sex[0].message.find("stays as issued"), std::string::npos) << sex[0].message;
  EXPECT_NE(sex[0].message.find("Laki-laki"), std::string::npos) << sex[0].message;

  for (const Date& other : {D(1990, 12, 6), D(1990, 11, 5), D(1991, 12, 5)}) {
    auto w = man.CheckAgainst(other, JenisKelamin::kLakiLaki);
    ASSERT_EQ(w.size(), 1u) << other.ToString();
    EXPECT_EQ(w[0].field, "birth_date");
    EXPECT_NE(w[0].message.find(other.ToString()), std::string::npos) << w[0].message;
  }

  auto both = man.CheckAgainst(D(1991, 1, 1), JenisKelamin::kPerempuan);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].field, "sex");
  EXPECT_EQ(both[1].field, "birth_date");
}

TEST(NikTest, ComparesByDigits) {
  auto a = *Nik::ParseStructure("3273010512900001");
  auto b = *Nik::ParseStructure("3273010512900002");
  auto a2 = *Nik::ParseStructure("3273010512900001");
  EXPECT_EQ(a, a2);
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
}

}  // namespace
}  // namespace siak
