// Tests for Family (one KK and its members): ValidateFamily and head().
#include "domain/family.h"

#include <gtest/gtest.h>

#include <string>

namespace siak {
namespace {

Nik N(std::string_view digits) { return *Nik::ParseStructure(digits); }

Family ValidFamily() {
  return Family{
      .kk_number = *KkNumber::ParseStructure("3273011503240007"),
      .wilayah = *RegionCode::Parse("32.73.01.1001"),
      .alamat = "Jl. Merdeka No. 10",
      .rt = 1,
      .rw = 12,
      .tanggal_terbit = *Date::FromYmd(2024, 3, 15),
      .members =
          {
              {.nik = N("3273010512900001"), .shdk = Shdk::kKepalaKeluarga},
              {.nik = N("3273014512920001"), .shdk = Shdk::kIstri},
              {.nik = N("3273010101150001"), .shdk = Shdk::kAnak},
              {.nik = N("3273015106180001"), .shdk = Shdk::kAnak},
          },
  };
}

void ExpectInvalid(const Family& f, const std::string& field, const std::string& rule_part) {
  Status s = ValidateFamily(f);
  ASSERT_FALSE(s.ok()) << "accepted; expected a rule on " << field;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), field) << s.ToString();
  EXPECT_NE(s.rule().find(rule_part), std::string::npos) << s.ToString();
}

TEST(ValidateFamilyTest, AcceptsAValidFamily) {
  Family f = ValidFamily();
  Status s = ValidateFamily(f);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(f.head(), N("3273010512900001"));
}

TEST(ValidateFamilyTest, HeadNeedNotBeFirst) {
  Family f = ValidFamily();
  std::swap(f.members[0], f.members[2]);
  EXPECT_TRUE(ValidateFamily(f).ok());
  EXPECT_EQ(f.head(), N("3273010512900001"));
}

TEST(ValidateFamilyTest, ALoneHeadIsAFamily) {
  Family f = ValidFamily();
  f.members.erase(f.members.begin() + 1, f.members.end());
  EXPECT_TRUE(ValidateFamily(f).ok());
}

TEST(ValidateFamilyTest, ExactlyOneHead) {
  Family none = ValidFamily();
  none.members[0].shdk = Shdk::kSuami;
  ExpectInvalid(none, "members", "exactly one Kepala keluarga");
  EXPECT_EQ(ValidateFamily(none).value(), "0 heads");

  Family two = ValidFamily();
  two.members[2].shdk = Shdk::kKepalaKeluarga;
  ExpectInvalid(two, "members", "exactly one Kepala keluarga");
  EXPECT_EQ(ValidateFamily(two).value(), "2 heads");

  Family empty = ValidFamily();
  empty.members.clear();
  ExpectInvalid(empty, "members", "exactly one Kepala keluarga");
}

TEST(ValidateFamilyTest, NikAppearsOnce) {
  Family f = ValidFamily();
  f.members.push_back({.nik = N("3273014512920001"), .shdk = Shdk::kFamiliLain});
  ExpectInvalid(f, "members[4].nik", "twice");
  EXPECT_EQ(ValidateFamily(f).value(), "3273014512920001");
}

TEST(ValidateFamilyTest, AddressMustBeAVillageWithRtRw) {
  for (const char* code : {"32", "32.73", "32.73.01", "11.01.40001"}) {
    Family f = ValidFamily();
    f.wilayah = *RegionCode::Parse(code);
    ExpectInvalid(f, "wilayah", "desa/kelurahan");
  }
  for (int v : {0, 1000}) {
    Family f = ValidFamily();
    f.rt = v;
    ExpectInvalid(f, "rt", "001-999");
    f = ValidFamily();
    f.rw = v;
    ExpectInvalid(f, "rw", "001-999");
  }
  Family edge = ValidFamily();
  edge.rt = 999;
  edge.rw = 999;
  EXPECT_TRUE(ValidateFamily(edge).ok());
}

}  // namespace
}  // namespace siak
