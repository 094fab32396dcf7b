// Person: the biodata of one resident, as on form F-1.01, plus the register's own state.
//
// Static fields (NIK, place and date of birth, blood type) change only through a correction
// with a reason and a document (Permendagri 74/2015); the others are dynamic and change with
// history. This type only holds and checks values: who may change what is the app's concern.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/code_tables.h"
#include "domain/ektp_status.h"
#include "domain/kk_number.h"
#include "domain/nik.h"
#include "domain/region_code.h"

namespace siak {

// How much of the birth date is known. Unknown parts follow SIAK's conventions: day unknown
// -> the 15th; day and month unknown -> 1 July. Records migrated from SIMDUK used 31 December
// for an unknown day and month (Permendagri 19/2010); they keep that date, marked as such.
enum class BirthDatePrecision : uint8_t {
  kExact = 0,
  kDayUnknown = 1,
  kDayMonthUnknown = 2,
  kDayMonthUnknownSimduk = 3,
};

// The conventional birth date when only the year (and perhaps the month) is known.
Result<Date> ConventionalBirthDate(int year, std::optional<int> month);
// The names used in the API and in exports: "exact", "day_unknown", "day_month_unknown",
// "day_month_unknown_simduk"; and back (an error names `field`).
std::string_view BirthDatePrecisionName(BirthDatePrecision precision);
Result<BirthDatePrecision> ParseBirthDatePrecision(std::string_view text,
                                                   std::string_view field = "tanggal_lahir_presisi");

// Whether `date` is the conventional date for `precision`.
bool MatchesConvention(const Date& date, BirthDatePrecision precision);

// Permendagri 108/2019: kawin and cerai hidup are recorded (tercatat) or not (self-declared).
enum class PencatatanPerkawinan : uint8_t { kTidakBerlaku = 0, kTercatat = 1, kBelumTercatat = 2 };
// "Tercatat", "Belum tercatat", or "" where it does not apply. With the status:
// "Kawin tercatat", "Cerai hidup belum tercatat" (the labels of Permendagri 108/2019).
std::string_view PencatatanPerkawinanLabel(PencatatanPerkawinan value);
std::string StatusPerkawinanLabel(StatusPerkawinan status, PencatatanPerkawinan pencatatan);

struct Person {
  Nik nik;
  std::optional<KkNumber> kk_number;
  std::string nama;
  std::string tempat_lahir;
  Date tanggal_lahir;
  BirthDatePrecision tanggal_lahir_presisi = BirthDatePrecision::kExact;
  JenisKelamin jenis_kelamin = JenisKelamin::kLakiLaki;
  GolonganDarah golongan_darah = GolonganDarah::kTidakTahu;
  Agama agama = Agama::kIslam;
  StatusPerkawinan status_perkawinan = StatusPerkawinan::kBelumKawin;
  PencatatanPerkawinan perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku;
  Pendidikan pendidikan = Pendidikan::kTidakBelumSekolah;
  Pekerjaan pekerjaan = Pekerjaan::kBelumTidakBekerja;
  Kewarganegaraan kewarganegaraan = Kewarganegaraan::kWni;
  bool kitap = false;  // WNA holding a permanent stay permit (KITAP)
  std::optional<PenyandangCacat> penyandang_cacat;  // none: not disabled
  StatusDasar status_dasar = StatusDasar::kHidup;
  std::string nama_ayah;
  std::string nama_ibu;
  // Current address.
  RegionCode wilayah;  // a village (desa/kelurahan)
  std::string alamat;  // street, house number
  int rt = 0;          // 1..999
  int rw = 0;          // 1..999
  EktpStatus ektp_status = EktpStatus::kBelumWajib;
};

// The street address rule shared by persons, families and moves: at most 200 bytes (it may be
// empty: many villages address by RT/RW alone).
Status ValidateAlamat(const std::string& alamat);

// Checks every field of `person` on `today`; the first broken rule is returned, naming the field.
Status ValidatePerson(const Person& person, const Date& today);
// A name (of a person or a place): letters (any script), spaces and . , ' -; 1..120 bytes; no
// digits or control characters, no leading or trailing spaces. `required`: empty is an error.
Status ValidateName(const std::string& field, const std::string& value, bool required);

}  // namespace siak
