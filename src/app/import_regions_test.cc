#include "app/import_regions.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace siak {
namespace {

std::vector<Region> Base() {
  std::vector<Region> known;
  EXPECT_TRUE(ParseRegionCsv("provinces.csv", "code,name\n11,Aceh\n32,Jawa Barat\n", RegionLevel::kProvince, known).ok());
  EXPECT_TRUE(ParseRegionCsv("regencies.csv", "code,province_code,name\n11.01,11,Kabupaten Aceh Selatan\n",
                             RegionLevel::kRegency, known)
                  .ok());
  EXPECT_TRUE(
      ParseRegionCsv("districts.csv", "code,regency_code,name\n11.01.01,11.01,Bakongan\n", RegionLevel::kDistrict, known)
          .ok());
  return known;
}

TEST(ImportRegions, ReadsQuotedNamesAndIslands) {
  auto known = Base();
  ASSERT_TRUE(ParseRegionCsv("villages.csv",
                             "code,district_code,name\n11.01.01.2001,11.01.01,\"Lubuk Pakam I,II\"\n"
                             "11.01.01.2002,11.01.01,\"Soka\"\"an\"\n",
                             RegionLevel::kVillage, known)
                  .ok());
  Status st = ParseRegionCsv("islands.csv",
                             "code,regency_code,coordinate,is_populated,is_outermost_small,name\n"
                             "11.01.40001,11.01,\"03°19'03.44\"\" N\",1,1,Pulau Batukapal\n"
                             "11.00.40002,,x,0,0,Pulau Provinsi\n",
                             RegionLevel::kIsland, known);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(known.size(), 8u);
  EXPECT_EQ(known[4].name, "Lubuk Pakam I,II");
  EXPECT_EQ(known[5].name, "Soka\"an");
  EXPECT_TRUE(known[6].is_outermost_small);
  EXPECT_EQ(known[6].coordinate, "03°19'03.44\" N");
  EXPECT_EQ(known[7].code.Parent().digits(), "11");
}

struct BadCase {
  const char* content;
  const char* location;
  const char* field;
};

TEST(ImportRegions, BadRowsNameLineFieldAndRuleAndAddNothing) {
  const BadCase cases[] = {
      {"code,district_code,name\n11.01.01.2001,11.01.01,Ok\n11.01.01.200x,11.01.01,Bad\n", "villages.csv line 3", "code"},
      {"code,district_code,name\n11.01.01.2001,11.01.02,Wrong parent\n", "villages.csv line 2", "district_code"},
      {"code,district_code,name\n11.01.02.2001,11.01.02,Unknown parent\n", "villages.csv line 2", "district_code"},
      {"code,district_code,name\n11.01.01.2001,11.01.01,A\n11.01.01.2001,11.01.01,Twice\n", "villages.csv line 3", "code"},
      {"code,district_code,name\n11.01.01,11.01,Wrong level\n", "villages.csv line 2", "code"},
      {"code,district_code,name\n11.01.01.2001,11.01.01,\n", "villages.csv line 2", "name"},
      {"code,district_code,name\n11.01.01.2001,11.01.01\n", "villages.csv line 2", "row"},
      {"kode,kecamatan,nama\n", "villages.csv line 1", "header"},
      {"code,district_code,name\n11.01.01.2001,11.01.01,\"Open\n", "villages.csv line 2", "csv"},
  };
  for (const auto& c : cases) {
    auto known = Base();
    Status st = ParseRegionCsv("villages.csv", c.content, RegionLevel::kVillage, known);
    ASSERT_FALSE(st.ok()) << c.content;
    EXPECT_EQ(st.location(), c.location) << st.ToString();
    EXPECT_EQ(st.field(), c.field) << st.ToString();
    EXPECT_FALSE(st.rule().empty());
    EXPECT_EQ(known.size(), 4u) << "a failed file must add nothing: " << c.content;
  }
}

TEST(ImportRegions, IslandFlagsMustBeZeroOrOne) {
  auto known = Base();
  Status st = ParseRegionCsv("islands.csv",
                             "code,regency_code,coordinate,is_populated,is_outermost_small,name\n"
                             "11.01.40001,11.01,x,yes,0,Pulau\n",
                             RegionLevel::kIsland, known);
  EXPECT_EQ(st.field(), "is_populated");
  EXPECT_EQ(st.location(), "islands.csv line 2");
}

TEST(ImportRegions, MissingFolderSaysWhatToDo) {
  auto regions = ReadRegionCsvs("/nonexistent/folder");
  ASSERT_FALSE(regions.ok());
  EXPECT_NE(regions.status().rule().find("set-up script"), std::string::npos);
}

TEST(ImportRegions, OfficialDataHasTheKepmendagriCounts) {
  const std::string dir = SIAK_REGION_DATA_DIR;
  if (!std::filesystem::exists(dir + "/villages.csv")) {
    GTEST_SKIP() << "region data not installed at " << dir << " (scripts/setup.sh fetches it)";
  }
  auto regions = ReadRegionCsvs(dir);
  ASSERT_TRUE(regions.ok()) << regions.status().ToString();
  RegionStats stats;
  for (const auto& r : *regions) stats.Count(r);
  EXPECT_EQ(stats.provinces, 38);
  EXPECT_EQ(stats.regencies, 514);
  EXPECT_EQ(stats.districts, 7285);
  EXPECT_EQ(stats.villages, 83762);
  EXPECT_EQ(stats.islands, 17373);
}

}  // namespace
}  // namespace siak
