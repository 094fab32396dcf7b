#include "api/person_json.h"

#include <gtest/gtest.h>

namespace siak::api {
namespace {

RegionIndex SmallIndex() {
  std::vector<Region> regions;
  for (auto [code, name] : {std::pair{"32", "JAWA BARAT"}, {"32.73", "KOTA BANDUNG"}, {"32.73.01", "SUKASARI"},
                            {"32.73.01.1001", "SARIJADI"}}) {
    regions.push_back(Region{*RegionCode::Parse(code), name, false, false, ""});
  }
  return RegionIndex(std::move(regions));
}

StoredPerson Sample() {
  Person p{.nik = *Nik::ParseStructure("3273014101900001"), .kk_number = std::nullopt, .nama = "Siti Aminah",
           .tempat_lahir = "Bandung", .tanggal_lahir = *Date::FromYmd(1990, 1, 1),
           .tanggal_lahir_presisi = BirthDatePrecision::kExact, .jenis_kelamin = JenisKelamin::kPerempuan,
           .golongan_darah = GolonganDarah::kTidakTahu, .agama = Agama::kIslam,
           .status_perkawinan = StatusPerkawinan::kBelumKawin,
           .perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku, .pendidikan = Pendidikan::kTidakBelumSekolah,
           .pekerjaan = Pekerjaan::kBelumTidakBekerja, .kewarganegaraan = Kewarganegaraan::kWni, .kitap = false,
           .penyandang_cacat = std::nullopt, .status_dasar = StatusDasar::kHidup, .nama_ayah = "", .nama_ibu = "",
           .wilayah = *RegionCode::Parse("32.73.01.1001"), .alamat = "Jl. Sarijadi", .rt = 1, .rw = 12,
           .ektp_status = EktpStatus::kBelumWajib};
  return StoredPerson{p, 3};
}

// The direct writer is the document's dump(), byte for byte, whatever the fields hold.
TEST(PersonJson, TextIsTheDocumentsDump) {
  const RegionIndex regions = SmallIndex();
  std::vector<StoredPerson> cases;
  cases.push_back(Sample());
  StoredPerson full = Sample();
  full.person.kk_number = *KkNumber::ParseStructure("3273010101200001");
  full.person.penyandang_cacat = PenyandangCacat::kNetra;
  full.person.kitap = true;
  full.person.nama = "Ni Luh \"Ayu\" Séraphine Ñoño 王 \\ back\tslash\nnew\x01\x1f";
  full.person.nama_ayah = "I Made / Putu";
  full.person.status_perkawinan = StatusPerkawinan::kKawin;
  full.person.perkawinan_tercatat = PencatatanPerkawinan::kTercatat;
  full.version = 1234567890123;
  cases.push_back(full);
  StoredPerson outside = Sample();  // a village the index does not know: no wilayah_nama
  outside.person.wilayah = *RegionCode::Parse("35.78.01.1001");
  outside.person.alamat = "";
  cases.push_back(outside);
  for (const auto& p : cases) {
    EXPECT_EQ(PersonJsonText(p, regions), PersonToJson(p, regions).dump());
  }
  EXPECT_NE(PersonJsonText(cases[0], regions).find("\"wilayah_nama\":\"SARIJADI, SUKASARI, KOTA BANDUNG, JAWA BARAT\""),
            std::string::npos);
  EXPECT_EQ(PersonJsonText(cases[2], regions).find("wilayah_nama"), std::string::npos);
}

TEST(PersonJson, BrokenUtf8StillGivesValidJson) {
  StoredPerson p = Sample();
  p.person.nama = std::string("Bad \xff\xfe byte");
  const std::string text = PersonJsonText(p, SmallIndex());
  auto parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(parsed.is_discarded()) << text;
  EXPECT_EQ(parsed["nama"], "Bad \xEF\xBF\xBD\xEF\xBF\xBD byte");  // U+FFFD for each bad byte
}

}  // namespace
}  // namespace siak::api
