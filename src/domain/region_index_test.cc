// Tests for RegionIndex, over a small hand-made region list.
#include "domain/region_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace siak {
namespace {

Region Make(std::string_view code, std::string name, bool populated = false, bool outermost = false) {
  auto parsed = RegionCode::Parse(code);
  EXPECT_TRUE(parsed.ok()) << code;
  return Region{.code = *parsed,
                .name = std::move(name),
                .is_populated = populated,
                .is_outermost_small = outermost,
                .coordinate = ""};
}

// Deliberately not in code order: the index sorts.
std::vector<Region> SampleRegions() {
  return {
      Make("32.73.01.1001", "Sarijadi"),
      Make("32", "Jawa Barat"),
      Make("11", "Aceh"),
      Make("11.01", "Kabupaten Aceh Selatan"),
      Make("11.01.01", "Bakongan"),
      Make("11.01.01.2001", "Keude Bakongan"),
      Make("11.01.01.2002", "Pasi Kuala Ba'u"),
      Make("11.00.40001", "Pulau Rondo", true, true),
      Make("12", "Sumatera Utara"),
      Make("12.04", "Kabupaten Nias"),
      Make("12.04.01", "Gido"),
      Make("12.04.01.2001", "Regapu\u2019u"),
      Make("32.04", "Kabupaten Bandung"),
      Make("32.04.05", "Bandungsari"),
      Make("32.04.05.2001", "Bandung"),
      Make("32.04.40001", "Pulau Bandung", false, false),
      Make("32.73", "Kota Bandung"),
      Make("32.73.01", "Sukasari"),
      Make("32.73.01.1002", "Sukarasa"),
      Make("32.73.01.1003", "Gegerkalong"),
      Make("32.73.01.1004", "Sukam\u00E9nd\u00E9"),
      Make("32.73.02", "Bandung Kidul"),
      Make("32.73.02.1001", "Batununggal"),
  };
}

class RegionIndexTest : public testing::Test {
 protected:
  RegionIndex index_{SampleRegions()};

  std::vector<std::string> Names(std::string_view query, size_t limit = 20) const {
    std::vector<std::string> out;
    for (const auto& m : index_.Find(query, limit)) out.push_back(m.region->name);
    return out;
  }
  std::vector<std::string> Codes(std::string_view query, size_t limit = 20) const {
    std::vector<std::string> out;
    for (const auto& m : index_.Find(query, limit)) out.push_back(m.region->code.ToString());
    return out;
  }
};

using Strings = std::vector<std::string>;

TEST_F(RegionIndexTest, SortsByCodeAndGets) {
  EXPECT_EQ(index_.size(), 23u);
  const auto& regions = index_.regions();
  for (size_t i = 1; i < regions.size(); ++i) {
    EXPECT_LT(regions[i - 1].code.digits(), regions[i].code.digits());
  }
  const Region* sarijadi = index_.Get("3273011001");
  ASSERT_NE(sarijadi, nullptr);
  EXPECT_EQ(sarijadi->name, "Sarijadi");
  ASSERT_NE(index_.Get("110040001"), nullptr);
  EXPECT_TRUE(index_.Get("110040001")->is_outermost_small);
  EXPECT_EQ(index_.Get("32.73.01.1001"), nullptr);  // bare digits only
  EXPECT_EQ(index_.Get("3273011009"), nullptr);
  EXPECT_EQ(index_.Get(""), nullptr);
}

TEST_F(RegionIndexTest, IgnoresCase) {
  EXPECT_EQ(Names("SARIJADI"), Strings{"Sarijadi"});
  EXPECT_EQ(Names("sarijadi"), Strings{"Sarijadi"});
  EXPECT_EQ(Names("SaRiJaDi"), Strings{"Sarijadi"});
}

TEST_F(RegionIndexTest, IgnoresAccents) {
  EXPECT_EQ(Names("sukamende"), Strings{"Sukam\u00E9nd\u00E9"});
  EXPECT_EQ(Names("SUKAM\u00C9ND\u00C9"), Strings{"Sukam\u00E9nd\u00E9"});
  EXPECT_EQ(Names("sukam\u00E8nd"), Strings{"Sukam\u00E9nd\u00E9"});
}

TEST_F(RegionIndexTest, IgnoresApostrophes) {
  EXPECT_EQ(Names("bau"), Strings{"Pasi Kuala Ba'u"});
  EXPECT_EQ(Names("ba'u"), Strings{"Pasi Kuala Ba'u"});
  EXPECT_EQ(Names("Ba\u2019u"), Strings{"Pasi Kuala Ba'u"});
  EXPECT_EQ(Names("regapuu"), Strings{"Regapu\u2019u"});
  EXPECT_EQ(Names("Regapu'u"), Strings{"Regapu\u2019u"});
  EXPECT_EQ(Names("REGAPU\u2019U"), Strings{"Regapu\u2019u"});
  EXPECT_EQ(Names("regap"), Strings{"Regapu\u2019u"});
}

TEST_F(RegionIndexTest, MultiWordQueriesNeedEveryWordInAnyOrder) {
  EXPECT_EQ(Names("kota band"), Strings{"Kota Bandung"});
  EXPECT_EQ(Names("bandung kota"), Strings{"Kota Bandung"});
  EXPECT_EQ(Names("kuala pasi"), Strings{"Pasi Kuala Ba'u"});
  EXPECT_EQ(Names("pasi kuala ba'u"), Strings{"Pasi Kuala Ba'u"});
  EXPECT_EQ(Names("bandung kidul"), Strings{"Bandung Kidul"});
  EXPECT_EQ(Names("keude bak"), Strings{"Keude Bakongan"});
  EXPECT_TRUE(Names("kota nias").empty());
  EXPECT_TRUE(Names("sarijadi bandung").empty());  // words of the path do not count
}

TEST_F(RegionIndexTest, RanksExactBeforePrefixThenLargerRegionsThenShorterNames) {
  EXPECT_EQ(Names("bandung"), (Strings{"Kota Bandung", "Kabupaten Bandung", "Bandung Kidul", "Bandung",
                                       "Pulau Bandung", "Bandungsari"}));
  // All prefix matches: larger regions first, then shorter names.
  EXPECT_EQ(Names("band"), (Strings{"Kota Bandung", "Kabupaten Bandung", "Bandungsari", "Bandung Kidul",
                                    "Bandung", "Pulau Bandung"}));
  EXPECT_EQ(Names("suka"), (Strings{"Sukasari", "Sukarasa", "Sukam\u00E9nd\u00E9"}));
  EXPECT_EQ(Names("kabupaten"), (Strings{"Kabupaten Nias", "Kabupaten Bandung", "Kabupaten Aceh Selatan"}));
  // Same match quality: the district before its village.
  EXPECT_EQ(Names("bakongan"), (Strings{"Bakongan", "Keude Bakongan"}));
  EXPECT_EQ(Names("bak"), (Strings{"Bakongan", "Keude Bakongan"}));
  EXPECT_EQ(Names("pulau"), (Strings{"Pulau Rondo", "Pulau Bandung"}));
}

TEST_F(RegionIndexTest, CodePrefixWithAndWithoutDots) {
  const Strings kota_bandung = {"32.73",         "32.73.01",      "32.73.02",      "32.73.01.1001",
                                "32.73.01.1002", "32.73.01.1004", "32.73.01.1003", "32.73.02.1001"};
  // Within a level: shorter folded names first (Sarijadi 8, Sukarasa 8, Sukamende 9, Gegerkalong 11,
  // Batununggal 11), ties by code.
  EXPECT_EQ(Codes("3273"), kota_bandung);
  EXPECT_EQ(Codes("32.73"), kota_bandung);
  EXPECT_EQ(Codes("32 73"), kota_bandung);
  EXPECT_EQ(Codes("32.73.01"), (Strings{"32.73.01", "32.73.01.1001", "32.73.01.1002", "32.73.01.1004",
                                        "32.73.01.1003"}));
  EXPECT_EQ(Codes("327301"), Codes("32.73.01"));
  EXPECT_EQ(Codes("32.73.01.1001"), Strings{"32.73.01.1001"});
  EXPECT_EQ(Codes("3273011001"), Strings{"32.73.01.1001"});
  EXPECT_EQ(Codes("11.00.40001"), Strings{"11.00.40001"});
  EXPECT_EQ(Codes("12"), (Strings{"12", "12.04", "12.04.01", "12.04.01.2001"}));
  EXPECT_EQ(Codes("3").size(), 13u);
  EXPECT_TRUE(Codes("99").empty());
  EXPECT_TRUE(Codes("32.73.03").empty());
}

TEST_F(RegionIndexTest, NameAndCodeTogether) {
  EXPECT_EQ(Names("bandung 32.73"), (Strings{"Kota Bandung", "Bandung Kidul"}));
  EXPECT_EQ(Names("32.73 bandung"), (Strings{"Kota Bandung", "Bandung Kidul"}));
  EXPECT_EQ(Names("bandung 3204"), (Strings{"Kabupaten Bandung", "Bandung", "Pulau Bandung", "Bandungsari"}));
  EXPECT_TRUE(Names("bandung 11").empty());
  EXPECT_EQ(Names("suka 327301"), (Strings{"Sukasari", "Sukarasa", "Sukam\u00E9nd\u00E9"}));
}

TEST_F(RegionIndexTest, Limit) {
  EXPECT_EQ(Names("bandung", 2), (Strings{"Kota Bandung", "Kabupaten Bandung"}));
  EXPECT_EQ(Names("bandung", 1), Strings{"Kota Bandung"});
  EXPECT_TRUE(Names("bandung", 0).empty());
  EXPECT_EQ(Names("bandung", 100).size(), 6u);
  EXPECT_EQ(Codes("3", 4), (Strings{"32", "32.73", "32.04", "32.73.01"}));
  EXPECT_EQ(index_.Find("3").size(), 13u);  // default limit 20
}

TEST_F(RegionIndexTest, NothingForEmptyOrUnknownQueries) {
  EXPECT_TRUE(Names("").empty());
  EXPECT_TRUE(Names("   ").empty());
  EXPECT_TRUE(Names("''-.,").empty());
  EXPECT_TRUE(Names("jakarta").empty());
  EXPECT_TRUE(Names("sarijadix").empty());
  EXPECT_TRUE(Names("arijadi").empty());  // words match by prefix, not substring
}

TEST_F(RegionIndexTest, PathNamesTheAncestorsSmallestFirst) {
  auto matches = index_.Find("sarijadi");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].path, "Sarijadi, Sukasari, Kota Bandung, Jawa Barat");
  EXPECT_EQ(index_.Find("ba'u").at(0).path, "Pasi Kuala Ba'u, Bakongan, Kabupaten Aceh Selatan, Aceh");
  EXPECT_EQ(index_.Find("regapuu").at(0).path, "Regapu\u2019u, Gido, Kabupaten Nias, Sumatera Utara");
  EXPECT_EQ(index_.Find("pulau bandung").at(0).path, "Pulau Bandung, Kabupaten Bandung, Jawa Barat");
  EXPECT_EQ(index_.Find("rondo").at(0).path, "Pulau Rondo, Aceh");
  EXPECT_EQ(index_.Find("32").at(0).path, "Jawa Barat");
  EXPECT_EQ(index_.Find("3273").at(0).path, "Kota Bandung, Jawa Barat");
  EXPECT_EQ(index_.PathOf(*index_.Get("327302")), "Bandung Kidul, Kota Bandung, Jawa Barat");
}

TEST(RegionIndexDuplicatesTest, ARegionIsListedOnceAtItsBestMatch) {
  RegionIndex index({Make("11.01.01.2001", "Pulau Pulau Batu"), Make("11.01.01.2002", "Batuan Batu"),
                     Make("11.01.01.2003", "Batuan"), Make("11.01.01.2004", "Batuan Batuan")});
  auto names = [&](std::string_view q, size_t limit = 20) {
    Strings out;
    for (const auto& m : index.Find(q, limit)) out.push_back(m.region->name);
    return out;
  };
  // "Batuan Batu" matches "batu" by prefix first and exactly second: it counts as exact.
  EXPECT_EQ(names("batu"), (Strings{"Batuan Batu", "Pulau Pulau Batu", "Batuan", "Batuan Batuan"}));
  EXPECT_EQ(names("batu", 2), (Strings{"Batuan Batu", "Pulau Pulau Batu"}));
  EXPECT_EQ(names("pulau"), Strings{"Pulau Pulau Batu"});
  EXPECT_EQ(names("pulau batu"), Strings{"Pulau Pulau Batu"});
  EXPECT_EQ(names("batu pulau pulau"), Strings{"Pulau Pulau Batu"});
  EXPECT_EQ(names("batuan batu"), (Strings{"Batuan Batu", "Batuan", "Batuan Batuan"}));
}

TEST(RegionIndexPathTest, SkipsAncestorsMissingFromTheData) {
  RegionIndex index({Make("32", "Jawa Barat"), Make("32.73.01.1001", "Sarijadi")});
  EXPECT_EQ(index.PathOf(*index.Get("3273011001")), "Sarijadi, Jawa Barat");
  EXPECT_EQ(index.Find("sari").at(0).path, "Sarijadi, Jawa Barat");
}

TEST(RegionIndexPathTest, EmptyIndex) {
  RegionIndex index(std::vector<Region>{});
  EXPECT_EQ(index.size(), 0u);
  EXPECT_TRUE(index.Find("bandung").empty());
  EXPECT_TRUE(index.Find("32").empty());
  EXPECT_EQ(index.Get("32"), nullptr);
}

}  // namespace
}  // namespace siak
