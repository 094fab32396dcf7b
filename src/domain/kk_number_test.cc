// Tests for KkNumber (Nomor Kartu Keluarga).
#include "domain/kk_number.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace siak {

// Readable Dates in failure messages (the same inline definition in every test file).
inline void PrintTo(const Date& d, std::ostream* os) { *os << d.ToString(); }

namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }
RegionCode R(std::string_view text) { return *RegionCode::Parse(text); }

TEST(KkNumberTest, ParseStructureAccepts) {
  auto kk = KkNumber::ParseStructure("3273011503240007");
  ASSERT_TRUE(kk.ok()) << kk.status().ToString();
  EXPECT_EQ(kk->digits(), "3273011503240007");
  EXPECT_EQ(kk->ToString(), "3273011503240007");
  EXPECT_EQ(kk->district_digits(), "327301");
  EXPECT_EQ(kk->province_digits(), "32");
  EXPECT_EQ(kk->serial_prefix(), "327301150324");
  EXPECT_EQ(kk->serial(), 7);
  EXPECT_TRUE(KkNumber::ParseStructure("3273013112999999").ok());
  EXPECT_TRUE(KkNumber::ParseStructure("3273012902240001").ok());  // 29 Feb '24
  EXPECT_TRUE(KkNumber::ParseStructure("3273012902000001").ok());  // 29 Feb '00
}

TEST(KkNumberTest, ParseStructureRejects) {
  struct Case {
    const char* text;
    const char* rule_part;
  } cases[] = {
      {"327301150324000", "16 digits"},
      {"32730115032400071", "16 digits"},
      {"", "16 digits"},
      {"327301150324000A", "digits only"},
      {"3273 11503240007", "digits only"},
      {"1073011503240007", "kecamatan code"},
      {"3200011503240007", "kecamatan code"},
      {"3273001503240007", "kecamatan code"},
      {"3273011500240007", "month"},
      {"3273011513240007", "month"},
      {"3273010003240007", "day"},
      {"3273013204240007", "day"},
      {"3273013104240007", "day"},  // 31 April
      {"3273014503240007", "day"},  // no +40 on a KK
      {"3273012902230001", "day"},  // 29 Feb '23
      {"3273011503240000", "serial"},
  };
  for (const auto& c : cases) {
    auto r = KkNumber::ParseStructure(c.text, "kk");
    ASSERT_FALSE(r.ok()) << "accepted '" << c.text << "'";
    EXPECT_EQ(r.status().field(), "kk") << c.text;
    EXPECT_EQ(r.status().value(), c.text);
    EXPECT_NE(r.status().rule().find(c.rule_part), std::string::npos)
        << c.text << ": rule '" << r.status().rule() << "' lacks '" << c.rule_part << "'";
  }
}

TEST(KkNumberTest, ParseChecksTheDistrictExists) {
  KnownDistricts districts;
  districts.Add("327301");
  EXPECT_TRUE(KkNumber::Parse("3273011503240007", districts).ok());
  auto unknown = KkNumber::Parse("3273021503240007", districts);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "kk_number");
  EXPECT_NE(unknown.status().rule().find("32.73.02"), std::string::npos) << unknown.status().rule();
  // Structure errors still come first.
  EXPECT_NE(KkNumber::Parse("32730215032400", districts).status().rule().find("16 digits"), std::string::npos);
}

TEST(KkNumberTest, IssueNextSerial) {
  const RegionCode district = R("32.73.01");
  auto first = KkNumber::Issue(district, D(2024, 3, 15), {});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->digits(), "3273011503240001");

  const std::vector<int> used = {4, 2, 9};
  auto next = KkNumber::Issue(district, D(2024, 3, 15), used);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->digits(), "3273011503240010");

  auto leap = KkNumber::Issue(district, D(2000, 2, 29), {});
  ASSERT_TRUE(leap.ok()) << leap.status().ToString();
  EXPECT_EQ(leap->digits(), "3273012902000001");

  const std::vector<int> almost = {9998};
  EXPECT_EQ(KkNumber::Issue(district, D(2024, 3, 15), almost)->serial(), 9999);
}

TEST(KkNumberTest, IssueExhausted) {
  const std::vector<int> full = {9999};
  auto none = KkNumber::Issue(R("32.73.01"), D(2024, 3, 15), full);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(none.status().field(), "kk_number");
}

TEST(KkNumberTest, IssueOnlyInADistrict) {
  for (const char* code : {"32", "32.73", "32.73.01.1001"}) {
    auto r = KkNumber::Issue(R(code), D(2024, 3, 15), {});
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.status().field(), "district");
  }
}

TEST(KkNumberTest, RegistrationDateResolvesTheCentury) {
  auto kk = *KkNumber::ParseStructure("3273011503240007");  // 15 Mar '24
  EXPECT_EQ(*kk.RegistrationDate(D(2025, 1, 1)), D(2024, 3, 15));
  EXPECT_EQ(*kk.RegistrationDate(D(2024, 3, 15)), D(2024, 3, 15));
  EXPECT_EQ(*kk.RegistrationDate(D(2024, 3, 14)), D(1924, 3, 15));

  auto leap = *KkNumber::ParseStructure("3273012902000001");
  EXPECT_EQ(*leap.RegistrationDate(D(2010, 1, 1)), D(2000, 2, 29));
  EXPECT_FALSE(leap.RegistrationDate(D(1999, 1, 1)).ok());
}

TEST(KkNumberTest, Compares) {
  auto a = *KkNumber::ParseStructure("3273011503240007");
  auto b = *KkNumber::ParseStructure("3273011503240008");
  EXPECT_EQ(a, *KkNumber::ParseStructure("3273011503240007"));
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
}

}  // namespace
}  // namespace siak
