// Tests for RegionCode (kode wilayah) and RegionStats.
#include "domain/region_code.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/region.h"

namespace siak {
namespace {

RegionCode C(std::string_view text) {
  auto r = RegionCode::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : *RegionCode::Parse("11");
}

TEST(RegionCodeTest, ParsesEachLevelDotted) {
  struct Case {
    const char* text;
    RegionLevel level;
    const char* digits;
  } cases[] = {
      {"32", RegionLevel::kProvince, "32"},
      {"32.73", RegionLevel::kRegency, "3273"},
      {"32.73.01", RegionLevel::kDistrict, "327301"},
      {"32.73.01.1001", RegionLevel::kVillage, "3273011001"},
      {"11.01.40001", RegionLevel::kIsland, "110140001"},
      {"11.00.40001", RegionLevel::kIsland, "110040001"},  // an island held by the province
  };
  for (const auto& c : cases) {
    auto r = RegionCode::Parse(c.text);
    ASSERT_TRUE(r.ok()) << c.text << ": " << r.status().ToString();
    EXPECT_EQ(r->level(), c.level) << c.text;
    EXPECT_EQ(r->digits(), c.digits) << c.text;
    EXPECT_EQ(r->ToString(), c.text);
    EXPECT_EQ(r->province_digits(), std::string(c.digits).substr(0, 2));
  }
}

TEST(RegionCodeTest, ParsesBareDigitsToTheSameValue) {
  for (const char* dotted : {"32", "32.73", "32.73.01", "32.73.01.1001", "11.01.40001"}) {
    std::string bare;
    for (const char* p = dotted; *p; ++p) {
      if (*p != '.') bare += *p;
    }
    auto a = RegionCode::Parse(dotted);
    auto b = RegionCode::Parse(bare);
    ASSERT_TRUE(a.ok() && b.ok()) << dotted;
    EXPECT_EQ(*a, *b) << dotted;
    EXPECT_EQ(b->ToString(), dotted);
  }
  // Dots may be left out at some boundaries and kept at others.
  EXPECT_EQ(C("3273.01").digits(), "327301");
  EXPECT_EQ(C("32.7301.1001").digits(), "3273011001");
}

TEST(RegionCodeTest, RejectsBadForms) {
  for (const char* text : {"", "3", "327", "32731", "3273011", "32730110", "32730110011", "32.73.01.10011",
                           ".32", "32.", "32..73", "3.273", "327.3", "32.73.01.10.01", "32-73", "32 73",
                           "32.73.0a", "١٢"}) {
    auto r = RegionCode::Parse(text, "wilayah");
    EXPECT_FALSE(r.ok()) << "accepted '" << text << "'";
    EXPECT_EQ(r.status().field(), "wilayah") << text;
    EXPECT_EQ(r.status().value(), text);
  }
}

TEST(RegionCodeTest, RejectsZeroOrSmallParts) {
  EXPECT_FALSE(RegionCode::Parse("00").ok());
  EXPECT_FALSE(RegionCode::Parse("10").ok());  // provinces start at 11
  EXPECT_TRUE(RegionCode::Parse("11").ok());
  EXPECT_TRUE(RegionCode::Parse("99").ok());
  EXPECT_FALSE(RegionCode::Parse("32.00").ok());
  EXPECT_FALSE(RegionCode::Parse("32.73.00").ok());
  EXPECT_FALSE(RegionCode::Parse("32.00.01").ok());
  EXPECT_FALSE(RegionCode::Parse("32.73.01.1000").ok());  // village serial 000
  EXPECT_FALSE(RegionCode::Parse("32.73.01.0001").ok());  // kind 0
  EXPECT_FALSE(RegionCode::Parse("32.73.01.4001").ok());  // kind 4
  EXPECT_TRUE(RegionCode::Parse("32.73.01.3001").ok());   // desa adat
  EXPECT_FALSE(RegionCode::Parse("11.01.30001").ok());    // island codes have 4 as fifth digit
  EXPECT_FALSE(RegionCode::Parse("11.01.40000").ok());    // island serial 0000
  EXPECT_FALSE(RegionCode::Parse("10.01.40001").ok());
  EXPECT_EQ(RegionCode::Parse("32.00").status().rule(), "regency code must not be 00");
  EXPECT_EQ(RegionCode::Parse("32.73.00").status().rule(), "district code must not be 00");
}

TEST(RegionCodeTest, Parent) {
  EXPECT_EQ(C("32.73.01.1001").Parent(), C("32.73.01"));
  EXPECT_EQ(C("32.73.01").Parent(), C("32.73"));
  EXPECT_EQ(C("32.73").Parent(), C("32"));
  EXPECT_EQ(C("32").Parent(), C("32"));  // a province has none: itself
  EXPECT_FALSE(C("32").HasParent());
  EXPECT_TRUE(C("32.73").HasParent());
  EXPECT_TRUE(C("11.01.40001").HasParent());
  EXPECT_EQ(C("11.01.40001").Parent(), C("11.01"));
  EXPECT_EQ(C("11.00.40001").Parent(), C("11"));
  EXPECT_EQ(C("32.73.01.1001").Parent().level(), RegionLevel::kDistrict);
  EXPECT_EQ(C("11.00.40001").Parent().level(), RegionLevel::kProvince);
}

TEST(RegionCodeTest, Contains) {
  const RegionCode prov = C("32"), reg = C("32.73"), dist = C("32.73.01"), vil = C("32.73.01.1001");
  EXPECT_TRUE(prov.Contains(reg));
  EXPECT_TRUE(prov.Contains(dist));
  EXPECT_TRUE(prov.Contains(vil));
  EXPECT_TRUE(reg.Contains(vil));
  EXPECT_TRUE(dist.Contains(vil));
  EXPECT_TRUE(vil.Contains(vil));
  EXPECT_TRUE(prov.Contains(prov));
  EXPECT_FALSE(vil.Contains(dist));
  EXPECT_FALSE(dist.Contains(reg));
  EXPECT_FALSE(reg.Contains(prov));
  EXPECT_FALSE(C("32.73.02").Contains(vil));
  EXPECT_FALSE(C("33").Contains(vil));
  EXPECT_FALSE(C("32.73.01.1002").Contains(vil));
  // Islands: inside their regency and province, never inside a district or village, even when
  // the digits look like a prefix (11.01.40 would be district "40").
  const RegionCode island = C("11.01.40001");
  EXPECT_TRUE(C("11").Contains(island));
  EXPECT_TRUE(C("11.01").Contains(island));
  EXPECT_FALSE(C("11.01.40").Contains(island));
  EXPECT_FALSE(C("11.02").Contains(island));
  EXPECT_TRUE(island.Contains(island));
  EXPECT_FALSE(island.Contains(C("11.01.40002")));
  EXPECT_FALSE(island.Contains(C("11.01")));
  EXPECT_TRUE(C("11").Contains(C("11.00.40001")));
}

TEST(RegionCodeTest, VillageKind) {
  EXPECT_EQ(C("32.73.01.1001").village_kind(), VillageKind::kKelurahan);
  EXPECT_EQ(C("32.04.01.2001").village_kind(), VillageKind::kDesa);
  EXPECT_EQ(C("51.01.01.3001").village_kind(), VillageKind::kDesaAdat);
  EXPECT_EQ(C("32.73.01").village_kind(), VillageKind::kNotAVillage);
  EXPECT_EQ(C("32").village_kind(), VillageKind::kNotAVillage);
  EXPECT_EQ(C("11.01.40001").village_kind(), VillageKind::kNotAVillage);
  EXPECT_EQ(VillageKindLabel(VillageKind::kKelurahan), "Kelurahan");
  EXPECT_EQ(VillageKindLabel(VillageKind::kDesa), "Desa");
  EXPECT_EQ(VillageKindLabel(VillageKind::kDesaAdat), "Desa Adat");
  EXPECT_EQ(VillageKindLabel(VillageKind::kNotAVillage), "");
}

TEST(RegionCodeTest, KabupatenOrKota) {
  EXPECT_EQ(C("32.04").regency_kind(), RegencyKind::kKabupaten);
  EXPECT_EQ(C("32.01").regency_kind(), RegencyKind::kKabupaten);
  EXPECT_EQ(C("32.69").regency_kind(), RegencyKind::kKabupaten);
  EXPECT_EQ(C("32.71").regency_kind(), RegencyKind::kKota);
  EXPECT_EQ(C("32.73").regency_kind(), RegencyKind::kKota);
  EXPECT_EQ(C("32.99").regency_kind(), RegencyKind::kKota);
  EXPECT_EQ(C("32.73.01").regency_kind(), RegencyKind::kKota);  // that of its regency
  EXPECT_EQ(C("32.04.01.2001").regency_kind(), RegencyKind::kKabupaten);
  EXPECT_EQ(C("32").regency_kind(), RegencyKind::kNotARegency);
  EXPECT_EQ(C("11.01.40001").regency_kind(), RegencyKind::kNotARegency);
}

TEST(RegionCodeTest, LevelNamesAndLabels) {
  EXPECT_EQ(RegionLevelName(RegionLevel::kProvince), "province");
  EXPECT_EQ(RegionLevelName(RegionLevel::kRegency), "regency");
  EXPECT_EQ(RegionLevelName(RegionLevel::kDistrict), "district");
  EXPECT_EQ(RegionLevelName(RegionLevel::kVillage), "village");
  EXPECT_EQ(RegionLevelName(RegionLevel::kIsland), "island");
  EXPECT_EQ(RegionLevelLabel(RegionLevel::kProvince), "Provinsi");
  EXPECT_EQ(RegionLevelLabel(RegionLevel::kRegency), "Kabupaten/Kota");
  EXPECT_EQ(RegionLevelLabel(RegionLevel::kDistrict), "Kecamatan");
  EXPECT_EQ(RegionLevelLabel(RegionLevel::kVillage), "Desa/Kelurahan");
  EXPECT_EQ(RegionLevelLabel(RegionLevel::kIsland), "Pulau");
}

TEST(RegionCodeTest, DottedRegionCode) {
  EXPECT_EQ(DottedRegionCode("32"), "32");
  EXPECT_EQ(DottedRegionCode("3273"), "32.73");
  EXPECT_EQ(DottedRegionCode("327301"), "32.73.01");
  EXPECT_EQ(DottedRegionCode("3273011001"), "32.73.01.1001");
  EXPECT_EQ(DottedRegionCode("110140001"), "11.01.40001");
  EXPECT_EQ(DottedRegionCode("123"), "123");  // unknown length: as is
}

TEST(RegionCodeTest, OrdersByDigits) {
  EXPECT_LT(C("32.73.01"), C("32.73.02"));
  EXPECT_LT(C("11"), C("12"));
  EXPECT_NE(C("32.73"), C("32.74"));
}

TEST(RegionStatsTest, CountsEveryKind) {
  RegionStats stats;
  auto add = [&](const char* code, bool populated = false, bool outermost = false) {
    stats.Count(Region{.code = C(code), .name = "x", .is_populated = populated, .is_outermost_small = outermost, .coordinate = ""});
  };
  add("32");
  add("32.04");
  add("32.73");
  add("32.79");
  add("32.73.01");
  add("32.73.01.1001");
  add("32.04.01.2001");
  add("32.04.01.2002");
  add("51.01.01.3001");
  add("11.01.40001", true, false);
  add("11.01.40002", true, true);
  add("11.00.40003", false, true);
  RegionStats expected;
  expected.provinces = 1;
  expected.regencies = 3;
  expected.kabupaten = 1;
  expected.kota = 2;
  expected.districts = 1;
  expected.villages = 4;
  expected.kelurahan = 1;
  expected.desa = 2;
  expected.desa_adat = 1;
  expected.islands = 3;
  expected.populated_islands = 2;
  expected.outermost_small_islands = 2;
  EXPECT_EQ(stats, expected);
}

}  // namespace
}  // namespace siak
