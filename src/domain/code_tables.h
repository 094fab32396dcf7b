// Code tables of the population register, with their official numbers and Indonesian labels
// (DOMAIN.md; as SIAK uses them and OpenSID's seeders mirror them).
//
// Each table is written once, as an X-macro list; the enum, its labels and its parser are all
// generated from that list, so a table cannot drift from its labels. Codes are stored and
// exchanged as their numbers; an enumerator's number never changes.
//
// GENERATED ONCE from DOMAIN.md and kept by hand since; edit the lists, not the code below them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "common/result.h"

namespace siak {

template <typename E>
struct CodeEntry {
  E value;
  int code;
  std::string_view label;
};

// Specialised below for every table: name (field name in APIs and files), english (what it is),
// and entries (all codes, ascending).
template <typename E>
struct CodeTable;

#define SIAK_CODE_ENUMERATOR(name, code, label) name = code,

// agama: religion
#define SIAK_AGAMA_CODES(X) \
  X(kIslam, 1, "Islam") \
  X(kKristen, 2, "Kristen") \
  X(kKatholik, 3, "Katholik") \
  X(kHindu, 4, "Hindu") \
  X(kBudha, 5, "Budha") \
  X(kKhonghucu, 6, "Khonghucu") \
  X(kKepercayaan, 7, "Kepercayaan terhadap Tuhan YME") \

enum class Agama : uint8_t { SIAK_AGAMA_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<Agama> {
  static constexpr std::string_view kName = "agama";
  static constexpr std::string_view kEnglish = "religion";
  static std::span<const CodeEntry<Agama>> Entries();
};

// jenis_kelamin: sex
#define SIAK_JENIS_KELAMIN_CODES(X) \
  X(kLakiLaki, 1, "Laki-laki") \
  X(kPerempuan, 2, "Perempuan") \

enum class JenisKelamin : uint8_t { SIAK_JENIS_KELAMIN_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<JenisKelamin> {
  static constexpr std::string_view kName = "jenis_kelamin";
  static constexpr std::string_view kEnglish = "sex";
  static std::span<const CodeEntry<JenisKelamin>> Entries();
};

// golongan_darah: blood type
#define SIAK_GOLONGAN_DARAH_CODES(X) \
  X(kA, 1, "A") \
  X(kB, 2, "B") \
  X(kAB, 3, "AB") \
  X(kO, 4, "O") \
  X(kAPlus, 5, "A+") \
  X(kAMinus, 6, "A-") \
  X(kBPlus, 7, "B+") \
  X(kBMinus, 8, "B-") \
  X(kABPlus, 9, "AB+") \
  X(kABMinus, 10, "AB-") \
  X(kOPlus, 11, "O+") \
  X(kOMinus, 12, "O-") \
  X(kTidakTahu, 13, "Tidak tahu") \

enum class GolonganDarah : uint8_t { SIAK_GOLONGAN_DARAH_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<GolonganDarah> {
  static constexpr std::string_view kName = "golongan_darah";
  static constexpr std::string_view kEnglish = "blood type";
  static std::span<const CodeEntry<GolonganDarah>> Entries();
};

// status_perkawinan: marital status
#define SIAK_STATUS_PERKAWINAN_CODES(X) \
  X(kBelumKawin, 1, "Belum kawin") \
  X(kKawin, 2, "Kawin") \
  X(kCeraiHidup, 3, "Cerai hidup") \
  X(kCeraiMati, 4, "Cerai mati") \

enum class StatusPerkawinan : uint8_t { SIAK_STATUS_PERKAWINAN_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<StatusPerkawinan> {
  static constexpr std::string_view kName = "status_perkawinan";
  static constexpr std::string_view kEnglish = "marital status";
  static std::span<const CodeEntry<StatusPerkawinan>> Entries();
};

// shdk: relationship in the family (SHDK)
#define SIAK_SHDK_CODES(X) \
  X(kKepalaKeluarga, 1, "Kepala keluarga") \
  X(kSuami, 2, "Suami") \
  X(kIstri, 3, "Istri") \
  X(kAnak, 4, "Anak") \
  X(kMenantu, 5, "Menantu") \
  X(kCucu, 6, "Cucu") \
  X(kOrangTua, 7, "Orang tua") \
  X(kMertua, 8, "Mertua") \
  X(kFamiliLain, 9, "Famili lain") \
  X(kPembantu, 10, "Pembantu") \
  X(kLainnya, 11, "Lainnya") \

enum class Shdk : uint8_t { SIAK_SHDK_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<Shdk> {
  static constexpr std::string_view kName = "shdk";
  static constexpr std::string_view kEnglish = "relationship in the family (SHDK)";
  static std::span<const CodeEntry<Shdk>> Entries();
};

// pendidikan: education (as on the KK)
#define SIAK_PENDIDIKAN_CODES(X) \
  X(kTidakBelumSekolah, 1, "Tidak/belum sekolah") \
  X(kBelumTamatSd, 2, "Belum tamat SD/sederajat") \
  X(kTamatSd, 3, "Tamat SD/sederajat") \
  X(kSltp, 4, "SLTP/sederajat") \
  X(kSlta, 5, "SLTA/sederajat") \
  X(kDiplomaI_II, 6, "Diploma I/II") \
  X(kDiplomaIII, 7, "Akademi/Diploma III/Sarjana Muda") \
  X(kDiplomaIV_S1, 8, "Diploma IV/Strata I") \
  X(kS2, 9, "Strata II") \
  X(kS3, 10, "Strata III") \

enum class Pendidikan : uint8_t { SIAK_PENDIDIKAN_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<Pendidikan> {
  static constexpr std::string_view kName = "pendidikan";
  static constexpr std::string_view kEnglish = "education (as on the KK)";
  static std::span<const CodeEntry<Pendidikan>> Entries();
};

// kewarganegaraan: citizenship
#define SIAK_KEWARGANEGARAAN_CODES(X) \
  X(kWni, 1, "WNI") \
  X(kWna, 2, "WNA") \

enum class Kewarganegaraan : uint8_t { SIAK_KEWARGANEGARAAN_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<Kewarganegaraan> {
  static constexpr std::string_view kName = "kewarganegaraan";
  static constexpr std::string_view kEnglish = "citizenship";
  static std::span<const CodeEntry<Kewarganegaraan>> Entries();
};

// penyandang_cacat: disability
#define SIAK_PENYANDANG_CACAT_CODES(X) \
  X(kFisik, 1, "Cacat fisik") \
  X(kNetra, 2, "Cacat netra/buta") \
  X(kRunguWicara, 3, "Cacat rungu/wicara") \
  X(kMentalJiwa, 4, "Cacat mental/jiwa") \
  X(kFisikDanMental, 5, "Cacat fisik dan mental") \
  X(kLainnya, 6, "Cacat lainnya") \

enum class PenyandangCacat : uint8_t { SIAK_PENYANDANG_CACAT_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<PenyandangCacat> {
  static constexpr std::string_view kName = "penyandang_cacat";
  static constexpr std::string_view kEnglish = "disability";
  static std::span<const CodeEntry<PenyandangCacat>> Entries();
};

// status_dasar: basic status
#define SIAK_STATUS_DASAR_CODES(X) \
  X(kHidup, 1, "Hidup") \
  X(kMati, 2, "Mati") \
  X(kPindah, 3, "Pindah") \
  X(kHilang, 4, "Hilang") \
  X(kPergi, 6, "Pergi") \
  X(kTidakValid, 9, "Tidak valid") \

enum class StatusDasar : uint8_t { SIAK_STATUS_DASAR_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<StatusDasar> {
  static constexpr std::string_view kName = "status_dasar";
  static constexpr std::string_view kEnglish = "basic status";
  static std::span<const CodeEntry<StatusDasar>> Entries();
};

// pekerjaan: occupation
#define SIAK_PEKERJAAN_CODES(X) \
  X(kBelumTidakBekerja, 1, "Belum/tidak bekerja") \
  X(kMengurusRumahTangga, 2, "Mengurus rumah tangga") \
  X(kPelajarMahasiswa, 3, "Pelajar/mahasiswa") \
  X(kPensiunan, 4, "Pensiunan") \
  X(kPns, 5, "PNS") \
  X(kTni, 6, "TNI") \
  X(kPolri, 7, "POLRI") \
  X(kPerdagangan, 8, "Perdagangan") \
  X(kPetaniPekebun, 9, "Petani/pekebun") \
  X(kPeternak, 10, "Peternak") \
  X(kNelayanPerikanan, 11, "Nelayan/perikanan") \
  X(kIndustri, 12, "Industri") \
  X(kKonstruksi, 13, "Konstruksi") \
  X(kTransportasi, 14, "Transportasi") \
  X(kKaryawanSwasta, 15, "Karyawan swasta") \
  X(kKaryawanBumn, 16, "Karyawan BUMN") \
  X(kKaryawanBumd, 17, "Karyawan BUMD") \
  X(kKaryawanHonorer, 18, "Karyawan honorer") \
  X(kBuruhHarianLepas, 19, "Buruh harian lepas") \
  X(kBuruhTaniPerkebunan, 20, "Buruh tani/perkebunan") \
  X(kBuruhNelayanPerikanan, 21, "Buruh nelayan/perikanan") \
  X(kBuruhPeternakan, 22, "Buruh peternakan") \
  X(kPembantuRumahTangga, 23, "Pembantu rumah tangga") \
  X(kTukangCukur, 24, "Tukang cukur") \
  X(kTukangListrik, 25, "Tukang listrik") \
  X(kTukangBatu, 26, "Tukang batu") \
  X(kTukangKayu, 27, "Tukang kayu") \
  X(kTukangSolSepatu, 28, "Tukang sol sepatu") \
  X(kTukangLasPandaiBesi, 29, "Tukang las/pandai besi") \
  X(kTukangJahit, 30, "Tukang jahit") \
  X(kTukangGigi, 31, "Tukang gigi") \
  X(kPenataRias, 32, "Penata rias") \
  X(kPenataBusana, 33, "Penata busana") \
  X(kPenataRambut, 34, "Penata rambut") \
  X(kMekanik, 35, "Mekanik") \
  X(kSeniman, 36, "Seniman") \
  X(kTabib, 37, "Tabib") \
  X(kParaji, 38, "Paraji") \
  X(kPerancangBusana, 39, "Perancang busana") \
  X(kPenterjemah, 40, "Penterjemah") \
  X(kImamMasjid, 41, "Imam masjid") \
  X(kPendeta, 42, "Pendeta") \
  X(kPastor, 43, "Pastor") \
  X(kWartawan, 44, "Wartawan") \
  X(kUstadzMubaligh, 45, "Ustadz/mubaligh") \
  X(kJuruMasak, 46, "Juru masak") \
  X(kPromotorAcara, 47, "Promotor acara") \
  X(kAnggotaDprRi, 48, "Anggota DPR-RI") \
  X(kAnggotaDpd, 49, "Anggota DPD") \
  X(kAnggotaBpk, 50, "Anggota BPK") \
  X(kPresiden, 51, "Presiden") \
  X(kWakilPresiden, 52, "Wakil presiden") \
  X(kAnggotaMahkamahKonstitusi, 53, "Anggota Mahkamah Konstitusi") \
  X(kAnggotaKabinetKementerian, 54, "Anggota kabinet/kementerian") \
  X(kDutaBesar, 55, "Duta besar") \
  X(kGubernur, 56, "Gubernur") \
  X(kWakilGubernur, 57, "Wakil gubernur") \
  X(kBupati, 58, "Bupati") \
  X(kWakilBupati, 59, "Wakil bupati") \
  X(kWalikota, 60, "Walikota") \
  X(kWakilWalikota, 61, "Wakil walikota") \
  X(kAnggotaDprdProvinsi, 62, "Anggota DPRD provinsi") \
  X(kAnggotaDprdKabKota, 63, "Anggota DPRD kab/kota") \
  X(kDosen, 64, "Dosen") \
  X(kGuru, 65, "Guru") \
  X(kPilot, 66, "Pilot") \
  X(kPengacara, 67, "Pengacara") \
  X(kNotaris, 68, "Notaris") \
  X(kArsitek, 69, "Arsitek") \
  X(kAkuntan, 70, "Akuntan") \
  X(kKonsultan, 71, "Konsultan") \
  X(kDokter, 72, "Dokter") \
  X(kBidan, 73, "Bidan") \
  X(kPerawat, 74, "Perawat") \
  X(kApoteker, 75, "Apoteker") \
  X(kPsikiaterPsikolog, 76, "Psikiater/psikolog") \
  X(kPenyiarTelevisi, 77, "Penyiar televisi") \
  X(kPenyiarRadio, 78, "Penyiar radio") \
  X(kPelaut, 79, "Pelaut") \
  X(kPeneliti, 80, "Peneliti") \
  X(kSopir, 81, "Sopir") \
  X(kPialang, 82, "Pialang") \
  X(kParanormal, 83, "Paranormal") \
  X(kPedagang, 84, "Pedagang") \
  X(kPerangkatDesa, 85, "Perangkat desa") \
  X(kKepalaDesa, 86, "Kepala desa") \
  X(kBiarawati, 87, "Biarawati") \
  X(kWiraswasta, 88, "Wiraswasta") \
  X(kLainnya, 89, "Lainnya") \

enum class Pekerjaan : uint8_t { SIAK_PEKERJAAN_CODES(SIAK_CODE_ENUMERATOR) };
template <>
struct CodeTable<Pekerjaan> {
  static constexpr std::string_view kName = "pekerjaan";
  static constexpr std::string_view kEnglish = "occupation";
  static std::span<const CodeEntry<Pekerjaan>> Entries();
};

#undef SIAK_CODE_ENUMERATOR

// The number of a code ("Kristen" -> 2).
template <typename E>
constexpr int CodeOf(E value) {
  return static_cast<int>(value);
}

// The Indonesian label of a code; "" only for a value outside the table (a bug).
template <typename E>
std::string_view LabelOf(E value) {
  for (const auto& entry : CodeTable<E>::Entries()) {
    if (entry.value == value) return entry.label;
  }
  return {};
}

// Parses an official number into a code, naming the table and the allowed range on error.
template <typename E>
Result<E> CodeFromNumber(int number, std::string_view field = CodeTable<E>::kName) {
  for (const auto& entry : CodeTable<E>::Entries()) {
    if (entry.code == number) return entry.value;
  }
  auto entries = CodeTable<E>::Entries();
  std::string rule = "must be one of the " + std::string(CodeTable<E>::kName) + " codes " +
                     std::to_string(entries.front().code) + ".." + std::to_string(entries.back().code);
  return Status::Invalid(std::string(field), std::to_string(number), rule);
}

// Parses text holding a number ("02" or "2") into a code.
template <typename E>
Result<E> CodeFromText(std::string_view text, std::string_view field = CodeTable<E>::kName) {
  int number = 0;
  if (text.empty() || text.size() > 3) {
    return Status::Invalid(std::string(field), std::string(text), "must be a code number");
  }
  for (char c : text) {
    if (c < '0' || c > '9') return Status::Invalid(std::string(field), std::string(text), "must be a code number");
    number = number * 10 + (c - '0');
  }
  return CodeFromNumber<E>(number, field);
}

}  // namespace siak
