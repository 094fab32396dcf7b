// The synthetic population's distributions and invariants, on a 20,000-resident sample of
// Kabupaten Bandung (32.04). Needs the region data (scripts/setup.sh fetches it).
#include "demo/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "app/import_regions.h"
#include "common/crypto.h"
#include "domain/eligibility.h"
#include "domain/known_districts.h"

namespace siak::demo {
namespace {

const RegionIndex* Regions() {
  static const RegionIndex* index = [] () -> const RegionIndex* {
    auto regions = ReadRegionCsvs(SIAK_REGION_DATA_DIR);
    if (!regions.ok()) return nullptr;
    return new RegionIndex(std::move(regions).value());
  }();
  return index;
}

const Date kToday = *Date::FromYmd(2026, 6, 30);

struct Sample {
  std::vector<Person> persons;
  std::vector<Family> families;
  std::vector<EventRecord> events;
  size_t largest_batch = 0;
};

Sample Generate(int64_t residents, uint64_t seed, std::vector<std::string> regions = {"32.04"}) {
  Sample s;
  auto gen = PopulationGenerator::Create(*Regions(), DemoConfig{regions, residents, seed, kToday, 2048});
  EXPECT_TRUE(gen.ok()) << gen.status().ToString();
  if (!gen.ok()) return s;
  DemoBatch batch;
  while ((*gen)->Next(&batch)) {
    s.largest_batch = std::max(s.largest_batch, batch.persons.size());
    std::move(batch.persons.begin(), batch.persons.end(), std::back_inserter(s.persons));
    std::move(batch.families.begin(), batch.families.end(), std::back_inserter(s.families));
    std::move(batch.events.begin(), batch.events.end(), std::back_inserter(s.events));
  }
  return s;
}

class DemoPopulation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (Regions()) sample_ = new Sample(Generate(20000, 7));
  }
  void SetUp() override {
    if (!Regions()) GTEST_SKIP() << "region data not installed at " << SIAK_REGION_DATA_DIR << " (scripts/setup.sh fetches it)";
  }
  static std::vector<const Person*> Living() {
    std::vector<const Person*> out;
    for (const Person& p : sample_->persons) {
      if (p.status_dasar == StatusDasar::kHidup) out.push_back(&p);
    }
    return out;
  }
  static Sample* sample_;
};
Sample* DemoPopulation::sample_ = nullptr;

std::string Digest(const Sample& s) {
  std::string all;
  for (const Person& p : s.persons) all += p.nik.ToString() + p.nama + p.alamat + p.tanggal_lahir.ToString() + "\n";
  for (const Family& f : s.families) all += f.kk_number.ToString() + "\n";
  for (const EventRecord& e : s.events) all += e.subject + e.payload + "\n";
  return Sha256Hex(all);
}

TEST_F(DemoPopulation, ExactlyTheResidentsAskedForInTheRegionAsked) {
  EXPECT_EQ(Living().size(), 20000u);
  for (const Person& p : sample_->persons) ASSERT_TRUE(p.wilayah.digits().starts_with("3204")) << p.wilayah.ToString();
  EXPECT_LE(sample_->largest_batch, 2048u * 12 / 10) << "batches stay bounded: the generator streams";
}

TEST_F(DemoPopulation, SameSeedSameDataOtherSeedOtherData) {
  const Sample again = Generate(3000, 11), other = Generate(3000, 12), first = Generate(3000, 11);
  EXPECT_EQ(Digest(first), Digest(again));
  EXPECT_NE(Digest(first), Digest(other));
}

TEST_F(DemoPopulation, EveryPersonIsValidWithAUniqueNikThatEncodesBirthDateAndSex) {
  const KnownDistricts districts = KnownDistricts::Of(Regions()->regions());
  std::set<std::string> niks;
  for (const Person& p : sample_->persons) {
    const std::string nik = p.nik.ToString();
    ASSERT_TRUE(niks.insert(nik).second) << "NIK issued twice: " << nik;
    ASSERT_TRUE(Nik::Parse(nik, districts).ok()) << nik;
    ASSERT_TRUE(p.nik.CheckAgainst(p.tanggal_lahir, p.jenis_kelamin).empty()) << nik << " " << p.tanggal_lahir.ToString();
    Status st = ValidatePerson(p, kToday);
    ASSERT_TRUE(st.ok()) << nik << ": " << st.ToString();
  }
  std::set<std::string> kks;
  for (const Family& f : sample_->families) {
    ASSERT_TRUE(kks.insert(f.kk_number.ToString()).second);
    ASSERT_TRUE(KkNumber::Parse(f.kk_number.ToString(), districts).ok());
    ASSERT_TRUE(ValidateFamily(f).ok());
    ASSERT_LE(f.tanggal_terbit, kToday);
  }
}

TEST_F(DemoPopulation, ANikFromTheGeneratedRegenciesIsFromTheResidentsOwnRegency) {
  // Several regencies at once: a resident's NIK was issued in their own regency (or, for
  // migrants, in a regency outside the generated ones), never in the neighbouring one.
  const Sample two = Generate(4000, 9, {"32.04", "32.73"});
  int in_kota = 0;
  for (const Person& p : two.persons) {
    const std::string nik_regency(p.nik.digits().substr(0, 4));
    const std::string home = p.wilayah.digits().substr(0, 4);
    in_kota += home == "3273";
    if (nik_regency == "3204" || nik_regency == "3273") {
      ASSERT_EQ(nik_regency, home) << p.nik.ToString() << " lives in " << p.wilayah.ToString();
    }
  }
  EXPECT_GT(in_kota, 100) << "both regencies are populated";
}

TEST_F(DemoPopulation, AgeAndSexFollowTheCensus) {
  const auto living = Living();
  int64_t young = 0, old = 0, men = 0;
  for (const Person* p : living) {
    const int age = p->tanggal_lahir.YearsUntil(kToday);
    young += age < 15;
    old += age >= 65;
    men += p->jenis_kelamin == JenisKelamin::kLakiLaki;
  }
  const double n = static_cast<double>(living.size());
  EXPECT_NEAR(young / n, 0.2333, 0.02) << "SP2020: 23.33% aged 0-14";
  EXPECT_NEAR(old / n, 0.0595, 0.012) << "SP2020: 5.95% aged 65+";
  const double sex_ratio = 100.0 * static_cast<double>(men) / static_cast<double>(living.size() - men);
  EXPECT_GT(sex_ratio, 97.0);
  EXPECT_LT(sex_ratio, 107.0) << "SP2020 sex ratio is 102";
}

TEST_F(DemoPopulation, FamiliesLookLikeIndonesianHouseholds) {
  std::map<size_t, int> sizes;
  int three_generations = 0;
  for (const Family& f : sample_->families) {
    ++sizes[f.members.size()];
    for (const auto& m : f.members) {
      if (m.shdk == Shdk::kCucu || m.shdk == Shdk::kOrangTua || m.shdk == Shdk::kMertua) {
        ++three_generations;
        break;
      }
    }
  }
  const double families = static_cast<double>(sample_->families.size());
  const double mean = static_cast<double>(Living().size()) / families;
  EXPECT_GT(mean, 2.8) << "SP2020: 271.3 M residents on 86.4 M KK = 3.14";
  EXPECT_LT(mean, 3.6);
  EXPECT_GT(sizes[1] / families, 0.05) << "single-person households exist";
  EXPECT_LT(sizes[1] / families, 0.25);
  EXPECT_GT(three_generations / families, 0.03) << "some three-generation households";
}

TEST_F(DemoPopulation, ShdkAgreesWithAgesAndMarriages) {
  std::map<std::string, const Person*> by_nik;
  for (const Person& p : sample_->persons) by_nik[p.nik.ToString()] = &p;
  for (const Family& f : sample_->families) {
    const Person& head = *by_nik.at(f.head().ToString());
    const int head_age = head.tanggal_lahir.YearsUntil(kToday);
    for (const auto& m : f.members) {
      const Person& p = *by_nik.at(m.nik.ToString());
      ASSERT_EQ(p.kk_number, f.kk_number);
      const int age = p.tanggal_lahir.YearsUntil(kToday);
      if (age < 16) {
        ASSERT_EQ(p.status_perkawinan, StatusPerkawinan::kBelumKawin) << p.nik.ToString();
      }
      if (m.shdk == Shdk::kIstri) {
        ASSERT_EQ(p.jenis_kelamin, JenisKelamin::kPerempuan);
        ASSERT_EQ(p.status_perkawinan, StatusPerkawinan::kKawin);
        ASSERT_EQ(head.status_perkawinan, StatusPerkawinan::kKawin);
      } else if (m.shdk == Shdk::kAnak) {
        ASSERT_GE(head_age - age, 12) << p.nik.ToString();
      } else if (m.shdk == Shdk::kCucu) {
        ASSERT_GE(head_age - age, 30) << p.nik.ToString();
      } else if (m.shdk == Shdk::kOrangTua || m.shdk == Shdk::kMertua) {
        ASSERT_GE(age - head_age, 15) << p.nik.ToString();
      }
    }
  }
}

TEST_F(DemoPopulation, EktpRecordingFollowsThe2018Mix) {
  int64_t wajib = 0, recorded = 0, issued = 0, waiting = 0;
  for (const Person* p : Living()) {
    const bool w = WajibKtp(EligibilityFacts{p->kewarganegaraan, p->kitap, p->tanggal_lahir, p->status_perkawinan,
                                             p->status_dasar},
                            kToday)
                       .wajib_ktp;
    ASSERT_EQ(w, p->ektp_status != EktpStatus::kBelumWajib) << p->nik.ToString();
    if (!w) continue;
    ++wajib;
    recorded += p->ektp_status != EktpStatus::kBelumRekam;
    issued += p->ektp_status == EktpStatus::kCardIssued;
    waiting += p->ektp_status == EktpStatus::kPrintReadyRecord;
  }
  const double share = static_cast<double>(recorded) / static_cast<double>(wajib);
  EXPECT_GT(share, 0.955) << "DOMAIN.md: 97.21% recorded in 2018";
  EXPECT_LT(share, 0.99);
  EXPECT_GT(issued, recorded * 85 / 100) << "most recorded residents hold a card";
  EXPECT_GT(waiting, 0) << "some wait for blanks as print-ready records";
}

TEST_F(DemoPopulation, HistoryEventsAndTheDeceasedAreThere) {
  std::map<int, int> types;
  for (const EventRecord& e : sample_->events) ++types[e.type];
  EXPECT_GT(types[130], 1000) << "akta kelahiran of the young";
  EXPECT_GT(types[132], 1000) << "marriages";
  EXPECT_GT(types[121], 100) << "moves in from other regencies";
  EXPECT_GT(types[131], 10) << "deaths";
  int dead = 0;
  for (const Person& p : sample_->persons) {
    if (p.status_dasar != StatusDasar::kMati) continue;
    ++dead;
    EXPECT_FALSE(p.kk_number) << "the dead are on no KK";
  }
  EXPECT_EQ(dead, types[131]);
}

TEST_F(DemoPopulation, NamesCarryRegionalVarietyAndSpellingVariants) {
  std::set<std::string> names;
  bool old_spelling = false, muhammad_variant = false;
  for (const Person& p : sample_->persons) {
    names.insert(p.nama);
    old_spelling |= p.nama.find("OE") != std::string::npos || p.nama.find("DJ") != std::string::npos;
    muhammad_variant |= p.nama.starts_with("MOH.") || p.nama.starts_with("MUHAMAD ") || p.nama.starts_with("M. ");
  }
  EXPECT_GT(names.size(), 2000u);
  EXPECT_TRUE(old_spelling);
  EXPECT_TRUE(muhammad_variant);
}

TEST(DemoConfigErrors, NameTheFieldAndTheRule) {
  if (!Regions()) GTEST_SKIP() << "region data not installed";
  auto unknown = PopulationGenerator::Create(*Regions(), DemoConfig{{"32.99"}, 10, 1, kToday, 2048});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().field(), "region");
  auto none = PopulationGenerator::Create(*Regions(), DemoConfig{{"32.04"}, 0, 1, kToday, 2048});
  EXPECT_EQ(none.status().field(), "residents");
  auto island = PopulationGenerator::Create(*Regions(), DemoConfig{{"x"}, 10, 1, kToday, 2048});
  EXPECT_EQ(island.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace siak::demo
