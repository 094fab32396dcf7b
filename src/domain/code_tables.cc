#include "domain/code_tables.h"

namespace siak {


std::span<const CodeEntry<Agama>> CodeTable<Agama>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<Agama>{Agama::name, code, label},
  static constexpr CodeEntry<Agama> kEntries[] = {SIAK_AGAMA_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<JenisKelamin>> CodeTable<JenisKelamin>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<JenisKelamin>{JenisKelamin::name, code, label},
  static constexpr CodeEntry<JenisKelamin> kEntries[] = {SIAK_JENIS_KELAMIN_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<GolonganDarah>> CodeTable<GolonganDarah>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<GolonganDarah>{GolonganDarah::name, code, label},
  static constexpr CodeEntry<GolonganDarah> kEntries[] = {SIAK_GOLONGAN_DARAH_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<StatusPerkawinan>> CodeTable<StatusPerkawinan>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<StatusPerkawinan>{StatusPerkawinan::name, code, label},
  static constexpr CodeEntry<StatusPerkawinan> kEntries[] = {SIAK_STATUS_PERKAWINAN_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<Shdk>> CodeTable<Shdk>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<Shdk>{Shdk::name, code, label},
  static constexpr CodeEntry<Shdk> kEntries[] = {SIAK_SHDK_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<Pendidikan>> CodeTable<Pendidikan>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<Pendidikan>{Pendidikan::name, code, label},
  static constexpr CodeEntry<Pendidikan> kEntries[] = {SIAK_PENDIDIKAN_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<Kewarganegaraan>> CodeTable<Kewarganegaraan>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<Kewarganegaraan>{Kewarganegaraan::name, code, label},
  static constexpr CodeEntry<Kewarganegaraan> kEntries[] = {SIAK_KEWARGANEGARAAN_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<PenyandangCacat>> CodeTable<PenyandangCacat>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<PenyandangCacat>{PenyandangCacat::name, code, label},
  static constexpr CodeEntry<PenyandangCacat> kEntries[] = {SIAK_PENYANDANG_CACAT_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<StatusDasar>> CodeTable<StatusDasar>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<StatusDasar>{StatusDasar::name, code, label},
  static constexpr CodeEntry<StatusDasar> kEntries[] = {SIAK_STATUS_DASAR_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

std::span<const CodeEntry<Pekerjaan>> CodeTable<Pekerjaan>::Entries() {
#define SIAK_ROW(name, code, label) CodeEntry<Pekerjaan>{Pekerjaan::name, code, label},
  static constexpr CodeEntry<Pekerjaan> kEntries[] = {SIAK_PEKERJAAN_CODES(SIAK_ROW)};
#undef SIAK_ROW
  return kEntries;
}

}  // namespace siak
