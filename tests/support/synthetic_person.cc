#include "tests/support/synthetic_person.h"

#include <cstdio>

namespace siak::testing {

Person SyntheticPerson(int i, const std::string& village) {
  const bool woman = i % 2 == 1;
  const Date born = Date::FromDays(-3650 + (i % 15000));  // 1960..2000-ish
  const auto wilayah = *RegionCode::Parse(village);
  char nik[17];
  // District of the village, encoded date, and a serial from i (unique per i below 10^4 * days).
  std::snprintf(nik, sizeof nik, "%s%02d%02d%02d%04d", village.substr(0, 6).c_str(),
                born.day() + (woman ? 40 : 0), born.month(), born.year() % 100, i / 15000 + 1);
  static const char* kNames[] = {"Siti Aminah", "Budi Santoso", "I Made Wirawan", "Ni Luh Ayu", "Muhammad Rizki",
                                 "Fransiska Xaverius", "Tan Mei Ling", "Andi Baso", "Ucok Siregar", "Dédé Sunarya"};
  return Person{
      .nik = *Nik::ParseStructure(nik),
      .kk_number = std::nullopt,
      .nama = std::string(kNames[i % 10]),
      .tempat_lahir = "Bandung",
      .tanggal_lahir = born,
      .tanggal_lahir_presisi = BirthDatePrecision::kExact,
      .jenis_kelamin = woman ? JenisKelamin::kPerempuan : JenisKelamin::kLakiLaki,
      .golongan_darah = static_cast<GolonganDarah>(1 + i % 13),
      .agama = static_cast<Agama>(1 + i % 7),
      .status_perkawinan = StatusPerkawinan::kKawin,
      .perkawinan_tercatat = PencatatanPerkawinan::kTercatat,
      .pendidikan = static_cast<Pendidikan>(1 + i % 10),
      .pekerjaan = static_cast<Pekerjaan>(1 + i % 89),
      .kewarganegaraan = Kewarganegaraan::kWni,
      .kitap = false,
      .penyandang_cacat = i % 50 == 0 ? std::optional(PenyandangCacat::kNetra) : std::nullopt,
      .status_dasar = StatusDasar::kHidup,
      .nama_ayah = "Ahmad",
      .nama_ibu = "Fatimah",
      .wilayah = wilayah,
      .alamat = "Jl. Merdeka No. " + std::to_string(i % 200 + 1),
      .rt = 1 + i % 20,
      .rw = 1 + i % 10,
      .ektp_status = EktpStatus::kCardIssued,
  };
}

}  // namespace siak::testing
