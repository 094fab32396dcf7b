// Export and import of the register: exact round trips in both formats, all-or-nothing
// imports with errors that name the file, the line and the field. On real SQLite stores,
// with a demo population as the data.
#include "app/exchange.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "app/import_regions.h"
#include "common/csv.h"
#include "demo/load.h"

namespace siak {
namespace {

const Date kToday = *Date::FromYmd(2026, 6, 30);

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "siak-exchange-XXXXXX").string();
  return mkdtemp(tmpl.data()) ? tmpl : "";
}

class Exchange : public ::testing::Test {
 protected:
  void SetUp() override {
    auto regions = ReadRegionCsvs(SIAK_REGION_DATA_DIR);
    if (!regions.ok()) GTEST_SKIP() << "region data not installed at " << SIAK_REGION_DATA_DIR;
    dir_ = TempDir();
    index_ = std::make_unique<RegionIndex>(*regions);
    districts_ = KnownDistricts::Of(*regions);
    regions_ = std::move(regions).value();
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::unique_ptr<Store> NewStore(const std::string& name) {
    auto store = OpenStore("sqlite:" + dir_ + "/" + name + ".db");
    EXPECT_TRUE(store.ok());
    EXPECT_TRUE((*store)->Migrate(Store::LatestSchemaVersion()).ok());
    EXPECT_TRUE((*store)->ReplaceRegions(regions_).ok());
    return std::move(store).value();
  }
  std::string dir_;
  std::vector<Region> regions_;
  std::unique_ptr<RegionIndex> index_;
  KnownDistricts districts_;
};

TEST_F(Exchange, ExportImportExportIsByteForByteTheSame) {
  auto source = NewStore("source");
  auto summary = demo::GenerateInto(*source, *index_, demo::DemoConfig{{"32.04.05"}, 1500, 3, kToday, 512});
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  for (auto format : {ExchangeFormat::kCsv, ExchangeFormat::kJsonLines}) {
    const std::string ext = format == ExchangeFormat::kCsv ? "csv" : "jsonl";
    auto exported = ExportRegister(*source, dir_ + "/a-" + ext, format, "");
    ASSERT_TRUE(exported.ok()) << exported.status().ToString();
    EXPECT_EQ(exported->persons, summary->living + summary->deceased);
    EXPECT_EQ(exported->families, summary->families);
    auto target = NewStore("target-" + ext);
    auto imported = ImportRegister(*target, dir_ + "/a-" + ext, districts_, kToday);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    ASSERT_TRUE(ExportRegister(*target, dir_ + "/b-" + ext, format, "").ok());
    for (const char* file : {"persons", "families"}) {
      auto a = ReadFile(dir_ + "/a-" + ext + "/" + file + "." + ext);
      auto b = ReadFile(dir_ + "/b-" + ext + "/" + file + "." + ext);
      ASSERT_TRUE(a.ok() && b.ok());
      EXPECT_GT(a->size(), 1000u);
      EXPECT_TRUE(*a == *b) << file << "." << ext << " differs after a round trip";
    }
  }
}

TEST_F(Exchange, ABadRowNamesFileLineAndFieldAndWritesNothing) {
  auto source = NewStore("source");
  ASSERT_TRUE(demo::GenerateInto(*source, *index_, demo::DemoConfig{{"32.04.05"}, 300, 4, kToday, 512}).ok());
  ASSERT_TRUE(ExportRegister(*source, dir_ + "/x", ExchangeFormat::kCsv, "").ok());
  // Break the birth date on the third line (the second person).
  auto text = ReadFile(dir_ + "/x/persons.csv");
  ASSERT_TRUE(text.ok());
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos < text->size()) {
    size_t end = text->find('\n', pos);
    lines.push_back(text->substr(pos, end - pos));
    pos = end + 1;
  }
  const std::string third = lines[2] + "\n";
  CsvReader reader(third);
  CsvRecord rec;
  Status error;
  ASSERT_TRUE(reader.Next(&rec, &error));
  const std::string date = rec.fields[4];
  lines[2].replace(lines[2].find(date), date.size(), "2024-02-30");
  std::ofstream out(dir_ + "/x/persons.csv", std::ios::binary | std::ios::trunc);
  for (const auto& l : lines) out << l << "\n";
  out.close();
  auto target = NewStore("target");
  auto result = ImportRegister(*target, dir_ + "/x", districts_, kToday);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().field(), "tanggal_lahir");
  EXPECT_NE(result.status().ToString().find("persons.csv line 3"), std::string::npos) << result.status().ToString();
  EXPECT_EQ(*target->CountPersons(""), 0) << "an import is all-or-nothing";
}

TEST_F(Exchange, FamiliesMustListKnownPersonsAndImportingTwiceIsRefused) {
  auto source = NewStore("source");
  ASSERT_TRUE(demo::GenerateInto(*source, *index_, demo::DemoConfig{{"32.04.05"}, 200, 5, kToday, 512}).ok());
  ASSERT_TRUE(ExportRegister(*source, dir_ + "/y", ExchangeFormat::kJsonLines, "").ok());
  // The same files again into the store they came from: every NIK is taken.
  auto again = ImportRegister(*source, dir_ + "/y", districts_, kToday);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists) << again.status().ToString();
  // A families file alone, without its persons: members are unknown.
  std::filesystem::create_directories(dir_ + "/z");
  std::ofstream(dir_ + "/z/persons.jsonl") << "";
  std::filesystem::copy_file(dir_ + "/y/families.jsonl", dir_ + "/z/families.jsonl");
  auto target = NewStore("target");
  auto orphan = ImportRegister(*target, dir_ + "/z", districts_, kToday);
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.status().field(), "members.nik");
  EXPECT_NE(orphan.status().ToString().find("families.jsonl line 1"), std::string::npos) << orphan.status().ToString();
  // Demo data goes only into an empty register.
  auto refused = demo::GenerateInto(*source, *index_, demo::DemoConfig{{"32.04.05"}, 10, 6, kToday, 512});
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace siak
