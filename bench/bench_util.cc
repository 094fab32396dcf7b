#include "bench/bench_util.h"

#include <cstdio>
#include <cstdlib>

#include "app/import_regions.h"

namespace siak::bench {

std::vector<RatioPair>& RatioPairs() {
  static std::vector<RatioPair> pairs;
  return pairs;
}

bool RegisterRatio(std::string name, std::string baseline, std::string meaning) {
  RatioPairs().push_back({std::move(name), std::move(baseline), std::move(meaning)});
  return true;
}

std::vector<Person> SyntheticPersons(int count) {
  static const char* kVillages[] = {"3273011001", "3273011002", "1101012001", "3204052003", "7371011004"};
  static const char* kNames[] = {"Siti Aminah", "Budi Santoso", "I Made Wirawan", "Ni Luh Ayu", "Muhammad Rizki",
                                 "Fransiska Xaverius", "Tan Mei Ling", "Andi Baso", "Ucok Siregar", "Dede Sunarya"};
  std::vector<Person> out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const std::string village = kVillages[i % 5];
    const bool woman = i % 2 == 1;
    const Date born = Date::FromDays(-3650 + (i / 5) % 15000);
    char nik[17];
    std::snprintf(nik, sizeof nik, "%s%02d%02d%02d%04d", village.substr(0, 6).c_str(), born.day() + (woman ? 40 : 0),
                  born.month(), born.year() % 100, (i / 5) / 15000 + 1);
    out.push_back(Person{
        .nik = *Nik::ParseStructure(nik),
        .kk_number = std::nullopt,
        .nama = kNames[i % 10],
        .tempat_lahir = "Bandung",
        .tanggal_lahir = born,
        .tanggal_lahir_presisi = BirthDatePrecision::kExact,
        .jenis_kelamin = woman ? JenisKelamin::kPerempuan : JenisKelamin::kLakiLaki,
        .golongan_darah = static_cast<GolonganDarah>(1 + i % 13),
        .agama = static_cast<Agama>(1 + i % 7),
        .status_perkawinan = StatusPerkawinan::kBelumKawin,
        .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku,
        .pendidikan = static_cast<Pendidikan>(1 + i % 10),
        .pekerjaan = static_cast<Pekerjaan>(1 + i % 89),
        .kewarganegaraan = Kewarganegaraan::kWni,
        .kitap = false,
        .penyandang_cacat = std::nullopt,
        .status_dasar = StatusDasar::kHidup,
        .nama_ayah = "Ahmad",
        .nama_ibu = "Fatimah",
        .wilayah = *RegionCode::Parse(village),
        .alamat = "Jl. Merdeka No. " + std::to_string(i % 200 + 1),
        .rt = 1 + i % 20,
        .rw = 1 + i % 10,
        .ektp_status = EktpStatus::kCardIssued,
    });
  }
  return out;
}

const std::vector<Region>& OfficialRegions() {
  static const std::vector<Region> regions = [] {
    const char* dir = std::getenv("SIAK_REGION_DATA");
    std::string path = dir ? dir : "third_party/regions/node_modules/idn-area-data/data";
    auto r = ReadRegionCsvs(path);
    if (!r.ok()) {
      std::fprintf(stderr, "region benchmarks skipped: %s\n", r.status().ToString().c_str());
      return std::vector<Region>{};
    }
    return std::move(r).value();
  }();
  return regions;
}

}  // namespace siak::bench
