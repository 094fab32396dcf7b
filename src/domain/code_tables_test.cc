// Tests for the code tables (agama, pekerjaan, ...).
#include "domain/code_tables.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace siak {
namespace {

template <typename E>
std::vector<int> Codes() {
  std::vector<int> out;
  for (const auto& e : CodeTable<E>::Entries()) out.push_back(e.code);
  return out;
}

// Every table: codes strictly ascending, value == code, labels present and unique, every
// entry found by number and labelled, the name set.
template <typename E>
void CheckTableShape() {
  SCOPED_TRACE(std::string(CodeTable<E>::kName));
  EXPECT_FALSE(CodeTable<E>::kName.empty());
  EXPECT_FALSE(CodeTable<E>::kEnglish.empty());
  auto entries = CodeTable<E>::Entries();
  ASSERT_FALSE(entries.empty());
  std::set<std::string_view> labels;
  int previous = 0;
  for (const auto& e : entries) {
    EXPECT_GT(e.code, previous) << "codes must be ascending";
    previous = e.code;
    EXPECT_EQ(CodeOf(e.value), e.code);
    EXPECT_FALSE(e.label.empty()) << e.code;
    EXPECT_TRUE(labels.insert(e.label).second) << "duplicate label " << e.label;
    EXPECT_EQ(LabelOf(e.value), e.label);
    auto back = CodeFromNumber<E>(e.code);
    ASSERT_TRUE(back.ok()) << e.code;
    EXPECT_EQ(*back, e.value);
    auto text = CodeFromText<E>(std::to_string(e.code));
    ASSERT_TRUE(text.ok()) << e.code;
    EXPECT_EQ(*text, e.value);
  }
  EXPECT_FALSE(CodeFromNumber<E>(0).ok());
  EXPECT_FALSE(CodeFromNumber<E>(entries.back().code + 1).ok());
  EXPECT_FALSE(CodeFromNumber<E>(-1).ok());
}

TEST(CodeTablesTest, EveryTableIsWellFormed) {
  CheckTableShape<Agama>();
  CheckTableShape<JenisKelamin>();
  CheckTableShape<GolonganDarah>();
  CheckTableShape<StatusPerkawinan>();
  CheckTableShape<Shdk>();
  CheckTableShape<Pendidikan>();
  CheckTableShape<Kewarganegaraan>();
  CheckTableShape<PenyandangCacat>();
  CheckTableShape<StatusDasar>();
  CheckTableShape<Pekerjaan>();
}

std::vector<int> Range(int from, int to) {
  std::vector<int> out;
  for (int i = from; i <= to; ++i) out.push_back(i);
  return out;
}

TEST(CodeTablesTest, TableSizesAndCodes) {
  EXPECT_EQ(Codes<Agama>(), Range(1, 7));
  EXPECT_EQ(Codes<JenisKelamin>(), Range(1, 2));
  EXPECT_EQ(Codes<GolonganDarah>(), Range(1, 13));
  EXPECT_EQ(Codes<StatusPerkawinan>(), Range(1, 4));
  EXPECT_EQ(Codes<Shdk>(), Range(1, 11));
  EXPECT_EQ(Codes<Pendidikan>(), Range(1, 10));
  EXPECT_EQ(Codes<Kewarganegaraan>(), Range(1, 2));
  EXPECT_EQ(Codes<PenyandangCacat>(), Range(1, 6));
  EXPECT_EQ(Codes<StatusDasar>(), (std::vector<int>{1, 2, 3, 4, 6, 9}));
  EXPECT_EQ(Codes<Pekerjaan>(), Range(1, 89));
}

TEST(CodeTablesTest, Agama) {
  EXPECT_EQ(LabelOf(Agama::kIslam), "Islam");
  EXPECT_EQ(CodeOf(Agama::kKristen), 2);
  EXPECT_EQ(LabelOf(*CodeFromNumber<Agama>(6)), "Khonghucu");
  // MK 97/PUU-XIV/2016: the seventh must be selectable.
  auto kepercayaan = CodeFromNumber<Agama>(7);
  ASSERT_TRUE(kepercayaan.ok());
  EXPECT_EQ(*kepercayaan, Agama::kKepercayaan);
  EXPECT_EQ(LabelOf(*kepercayaan), "Kepercayaan terhadap Tuhan YME");
  EXPECT_FALSE(CodeFromNumber<Agama>(8).ok());
}

TEST(CodeTablesTest, GolonganDarah) {
  const char* labels[] = {"A", "B", "AB", "O", "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "Tidak tahu"};
  for (int code = 1; code <= 13; ++code) {
    auto g = CodeFromNumber<GolonganDarah>(code);
    ASSERT_TRUE(g.ok()) << code;
    EXPECT_EQ(LabelOf(*g), labels[code - 1]) << code;
  }
  EXPECT_FALSE(CodeFromNumber<GolonganDarah>(14).ok());
}

TEST(CodeTablesTest, StatusDasarHasNoFiveSevenOrEight) {
  EXPECT_EQ(LabelOf(*CodeFromNumber<StatusDasar>(1)), "Hidup");
  EXPECT_EQ(LabelOf(*CodeFromNumber<StatusDasar>(2)), "Mati");
  EXPECT_EQ(LabelOf(*CodeFromNumber<StatusDasar>(3)), "Pindah");
  EXPECT_EQ(LabelOf(*CodeFromNumber<StatusDasar>(4)), "Hilang");
  EXPECT_EQ(LabelOf(*CodeFromNumber<StatusDasar>(6)), "Pergi");
  EXPECT_EQ(LabelOf(*CodeFromNumber<StatusDasar>(9)), "Tidak valid");
  for (int missing : {5, 7, 8, 10}) {
    auto r = CodeFromNumber<StatusDasar>(missing);
    EXPECT_FALSE(r.ok()) << missing;
    EXPECT_EQ(r.status().value(), std::to_string(missing));
  }
}

TEST(CodeTablesTest, SmallTables) {
  EXPECT_EQ(LabelOf(JenisKelamin::kLakiLaki), "Laki-laki");
  EXPECT_EQ(LabelOf(JenisKelamin::kPerempuan), "Perempuan");
  EXPECT_EQ(LabelOf(Kewarganegaraan::kWni), "WNI");
  EXPECT_EQ(LabelOf(Kewarganegaraan::kWna), "WNA");
  EXPECT_EQ(LabelOf(StatusPerkawinan::kBelumKawin), "Belum kawin");
  EXPECT_EQ(LabelOf(StatusPerkawinan::kKawin), "Kawin");
  EXPECT_EQ(LabelOf(StatusPerkawinan::kCeraiHidup), "Cerai hidup");
  EXPECT_EQ(LabelOf(StatusPerkawinan::kCeraiMati), "Cerai mati");
  EXPECT_EQ(LabelOf(*CodeFromNumber<Shdk>(1)), "Kepala keluarga");
  EXPECT_EQ(LabelOf(*CodeFromNumber<Shdk>(3)), "Istri");
  EXPECT_EQ(LabelOf(*CodeFromNumber<Shdk>(11)), "Lainnya");
  EXPECT_EQ(LabelOf(*CodeFromNumber<Pendidikan>(1)), "Tidak/belum sekolah");
  EXPECT_EQ(LabelOf(*CodeFromNumber<Pendidikan>(10)), "Strata III");
  EXPECT_EQ(CodeOf(PenyandangCacat::kFisikDanMental), 5);
}

// DOMAIN.md's list (from OpenSID's seeder), independent of the X-macro list in the header.
TEST(CodeTablesTest, PekerjaanMatchesTheDomainList) {
  const char* const kDomain[] = {
      "Belum/tidak bekerja", "Mengurus rumah tangga", "Pelajar/mahasiswa", "Pensiunan", "PNS", "TNI", "POLRI",
      "Perdagangan", "Petani/pekebun", "Peternak", "Nelayan/perikanan", "Industri", "Konstruksi",
      "Transportasi", "Karyawan swasta", "Karyawan BUMN", "Karyawan BUMD", "Karyawan honorer",
      "Buruh harian lepas", "Buruh tani/perkebunan", "Buruh nelayan/perikanan", "Buruh peternakan",
      "Pembantu rumah tangga", "Tukang cukur", "Tukang listrik", "Tukang batu", "Tukang kayu",
      "Tukang sol sepatu", "Tukang las/pandai besi", "Tukang jahit", "Tukang gigi", "Penata rias",
      "Penata busana", "Penata rambut", "Mekanik", "Seniman", "Tabib", "Paraji", "Perancang busana",
      "Penterjemah", "Imam masjid", "Pendeta", "Pastor", "Wartawan", "Ustadz/mubaligh", "Juru masak",
      "Promotor acara", "Anggota DPR-RI", "Anggota DPD", "Anggota BPK", "Presiden", "Wakil presiden",
      "Anggota Mahkamah Konstitusi", "Anggota kabinet/kementerian", "Duta besar", "Gubernur",
      "Wakil gubernur", "Bupati", "Wakil bupati", "Walikota", "Wakil walikota", "Anggota DPRD provinsi",
      "Anggota DPRD kab/kota", "Dosen", "Guru", "Pilot", "Pengacara", "Notaris", "Arsitek", "Akuntan",
      "Konsultan", "Dokter", "Bidan", "Perawat", "Apoteker", "Psikiater/psikolog", "Penyiar televisi",
      "Penyiar radio", "Pelaut", "Peneliti", "Sopir", "Pialang", "Paranormal", "Pedagang", "Perangkat desa",
      "Kepala desa", "Biarawati", "Wiraswasta", "Lainnya"};
  static_assert(std::size(kDomain) == 89);
  ASSERT_EQ(CodeTable<Pekerjaan>::Entries().size(), 89u);
  for (int code = 1; code <= 89; ++code) {
    auto p = CodeFromNumber<Pekerjaan>(code);
    ASSERT_TRUE(p.ok()) << code;
    EXPECT_EQ(LabelOf(*p), kDomain[code - 1]) << "pekerjaan " << code;
  }
  EXPECT_EQ(*CodeFromNumber<Pekerjaan>(88), Pekerjaan::kWiraswasta);
  EXPECT_FALSE(CodeFromNumber<Pekerjaan>(90).ok());
}

TEST(CodeTablesTest, CodeFromNumberErrorNamesTableAndRange) {
  auto r = CodeFromNumber<Pekerjaan>(90);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "pekerjaan");
  EXPECT_EQ(r.status().value(), "90");
  EXPECT_EQ(r.status().rule(), "must be one of the pekerjaan codes 1..89");
  EXPECT_EQ(CodeFromNumber<StatusDasar>(5).status().rule(), "must be one of the status_dasar codes 1..9");
  EXPECT_EQ(CodeFromNumber<Agama>(0, "biodata.agama").status().field(), "biodata.agama");
}

TEST(CodeTablesTest, CodeFromText) {
  EXPECT_EQ(*CodeFromText<Agama>("02"), Agama::kKristen);
  EXPECT_EQ(*CodeFromText<Agama>("2"), Agama::kKristen);
  EXPECT_EQ(*CodeFromText<Agama>("002"), Agama::kKristen);
  EXPECT_EQ(*CodeFromText<Pekerjaan>("89"), Pekerjaan::kLainnya);
  EXPECT_EQ(*CodeFromText<StatusDasar>("09"), StatusDasar::kTidakValid);
  for (const char* bad : {"", "0002", " 2", "2 ", "+2", "-2", "2a", "x", "٢"}) {
    auto r = CodeFromText<Agama>(bad);
    EXPECT_FALSE(r.ok()) << "accepted '" << bad << "'";
    EXPECT_EQ(r.status().field(), "agama");
  }
  EXPECT_EQ(CodeFromText<Agama>("x").status().rule(), "must be a code number");
  EXPECT_EQ(CodeFromText<StatusDasar>("05").status().value(), "5");  // parsed, then not in the table
  EXPECT_EQ(CodeFromText<Agama>("8", "agama_ibu").status().field(), "agama_ibu");
}

}  // namespace
}  // namespace siak
