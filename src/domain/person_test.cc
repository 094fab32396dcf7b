// Tests for Person: ValidatePerson and the unknown-birth-date conventions.
#include "domain/person.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace siak {

// Readable Dates in failure messages (the same inline definition in every test file).
inline void PrintTo(const Date& d, std::ostream* os) { *os << d.ToString(); }

namespace {

Date D(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

const Date kToday = D(2025, 6, 30);

// A person every rule accepts; tests break one field of a copy.
Person ValidPerson() {
  return Person{
      .nik = *Nik::ParseStructure("3273014512900001"),
      .kk_number = *KkNumber::ParseStructure("3273011503240007"),
      .nama = "Siti Nur'aini",
      .tempat_lahir = "Bandung",
      .tanggal_lahir = D(1990, 12, 5),
      .tanggal_lahir_presisi = BirthDatePrecision::kExact,
      .jenis_kelamin = JenisKelamin::kPerempuan,
      .golongan_darah = GolonganDarah::kOPlus,
      .agama = Agama::kIslam,
      .status_perkawinan = StatusPerkawinan::kKawin,
      .perkawinan_tercatat = PencatatanPerkawinan::kTercatat,
      .pendidikan = Pendidikan::kDiplomaIV_S1,
      .pekerjaan = Pekerjaan::kGuru,
      .kewarganegaraan = Kewarganegaraan::kWni,
      .kitap = false,
      .penyandang_cacat = std::nullopt,
      .status_dasar = StatusDasar::kHidup,
      .nama_ayah = "Ahmad",
      .nama_ibu = "Dewi",
      .wilayah = *RegionCode::Parse("32.73.01.1001"),
      .alamat = "Jl. Merdeka No. 10",
      .rt = 1,
      .rw = 12,
      .ektp_status = EktpStatus::kCardIssued,
  };
}

// Expects `p` to be rejected on `field`, with the rule containing `rule_part`.
void ExpectInvalid(const Person& p, const std::string& field, const std::string& rule_part) {
  Status s = ValidatePerson(p, kToday);
  ASSERT_FALSE(s.ok()) << "accepted; expected a rule on " << field;
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), field) << s.ToString();
  EXPECT_NE(s.rule().find(rule_part), std::string::npos) << s.ToString();
}

TEST(ValidatePersonTest, AcceptsAValidPerson) {
  Status s = ValidatePerson(ValidPerson(), kToday);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST(ValidatePersonTest, AcceptsNamesWithPunctuationAndNonAsciiLetters) {
  for (const char* name : {"A", "Drs. H. Ahmad, S.H.", "Nur'aini", "Siti-Aminah", "Sémé", "Regapu\u2019u",
                           "Ni Luh Putu Ayu", "ꦱꦶꦠꦶ"}) {
    Person p = ValidPerson();
    p.nama = name;
    Status s = ValidatePerson(p, kToday);
    EXPECT_TRUE(s.ok()) << name << ": " << s.ToString();
  }
  Person no_parents = ValidPerson();
  no_parents.nama_ayah = "";
  no_parents.nama_ibu = "";
  EXPECT_TRUE(ValidatePerson(no_parents, kToday).ok());  // parents' names are optional
}

TEST(ValidatePersonTest, NamaIsRequired) {
  Person p = ValidPerson();
  p.nama = "";
  ExpectInvalid(p, "nama", "is required");
  p.nama = "   ";
  ExpectInvalid(p, "nama", "is required");
}

TEST(ValidatePersonTest, TempatLahirIsRequired) {
  Person p = ValidPerson();
  p.tempat_lahir = "";
  ExpectInvalid(p, "tempat_lahir", "is required");
}

TEST(ValidatePersonTest, NamesHaveNoDigits) {
  Person p = ValidPerson();
  p.nama = "Siti 2";
  ExpectInvalid(p, "nama", "digits");
  p = ValidPerson();
  p.nama_ayah = "Ahmad 3rd";
  ExpectInvalid(p, "nama_ayah", "digits");
  p = ValidPerson();
  p.nama_ibu = "D3wi";
  ExpectInvalid(p, "nama_ibu", "digits");
  p = ValidPerson();
  p.tempat_lahir = "Km 7";
  ExpectInvalid(p, "tempat_lahir", "digits");
}

TEST(ValidatePersonTest, NamesHaveNoOtherSymbolsControlsOrOuterSpaces) {
  Person p = ValidPerson();
  p.nama = "Siti@home";
  ExpectInvalid(p, "nama", "only letters");
  p.nama = "Siti_Nur";
  ExpectInvalid(p, "nama", "only letters");
  p.nama = "Siti\tNur";
  ExpectInvalid(p, "nama", "control");
  p.nama = " Siti";
  ExpectInvalid(p, "nama", "spaces");
  p.nama = "Siti ";
  ExpectInvalid(p, "nama", "spaces");
  p.nama = std::string(121, 'a');
  ExpectInvalid(p, "nama", "120");
  p.nama = std::string(120, 'a');
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
}

TEST(ValidatePersonTest, BirthDateNotInTheFuture) {
  Person p = ValidPerson();
  p.tanggal_lahir = kToday.AddDays(1);
  ExpectInvalid(p, "tanggal_lahir", "future");
  p.tanggal_lahir = kToday;  // born today is fine
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
}

TEST(ValidatePersonTest, BirthDateAtMost150YearsAgo) {
  Person p = ValidPerson();
  p.tanggal_lahir = D(1874, 7, 1);  // 150 today, 151 tomorrow
  EXPECT_TRUE(ValidatePerson(p, kToday).ok()) << ValidatePerson(p, kToday).ToString();
  p.tanggal_lahir = D(1874, 6, 30);  // 151 today
  ExpectInvalid(p, "tanggal_lahir", "150");
}

TEST(ValidatePersonTest, UnknownBirthDateMustFollowTheConvention) {
  Person p = ValidPerson();
  p.tanggal_lahir_presisi = BirthDatePrecision::kDayUnknown;
  p.tanggal_lahir = D(1990, 12, 15);
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.tanggal_lahir = D(1990, 12, 5);
  ExpectInvalid(p, "tanggal_lahir", "15th");

  p.tanggal_lahir_presisi = BirthDatePrecision::kDayMonthUnknown;
  p.tanggal_lahir = D(1990, 7, 1);
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.tanggal_lahir = D(1990, 7, 15);
  ExpectInvalid(p, "tanggal_lahir", "1 July");
  p.tanggal_lahir = D(1990, 1, 1);
  ExpectInvalid(p, "tanggal_lahir", "1 July");

  // Migrated SIMDUK records keep their 31 December.
  p.tanggal_lahir_presisi = BirthDatePrecision::kDayMonthUnknownSimduk;
  p.tanggal_lahir = D(1960, 12, 31);
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.tanggal_lahir = D(1960, 7, 1);
  ExpectInvalid(p, "tanggal_lahir", "31 December");
}

TEST(ValidatePersonTest, AddressMustBeAVillage) {
  for (const char* code : {"32", "32.73", "32.73.01", "11.01.40001"}) {
    Person p = ValidPerson();
    p.wilayah = *RegionCode::Parse(code);
    ExpectInvalid(p, "wilayah", "desa/kelurahan");
  }
  Person desa = ValidPerson();
  desa.wilayah = *RegionCode::Parse("32.04.01.2001");
  EXPECT_TRUE(ValidatePerson(desa, kToday).ok());
}

TEST(ValidatePersonTest, AlamatAtMost200Bytes) {
  Person p = ValidPerson();
  p.alamat = std::string(200, 'x');
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.alamat = std::string(201, 'x');
  ExpectInvalid(p, "alamat", "200");
  p.alamat = "";
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
}

TEST(ValidatePersonTest, RtRwRange) {
  for (int v : {0, -1, 1000}) {
    Person p = ValidPerson();
    p.rt = v;
    ExpectInvalid(p, "rt", "001-999");
    p = ValidPerson();
    p.rw = v;
    ExpectInvalid(p, "rw", "001-999");
  }
  Person p = ValidPerson();
  p.rt = 999;
  p.rw = 1;
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
}

TEST(ValidatePersonTest, TercatatOnlyForKawinAndCeraiHidup) {
  struct Case {
    StatusPerkawinan status;
    PencatatanPerkawinan tercatat;
    bool ok;
  } cases[] = {
      {StatusPerkawinan::kKawin, PencatatanPerkawinan::kTercatat, true},
      {StatusPerkawinan::kKawin, PencatatanPerkawinan::kBelumTercatat, true},
      {StatusPerkawinan::kKawin, PencatatanPerkawinan::kTidakBerlaku, false},
      {StatusPerkawinan::kCeraiHidup, PencatatanPerkawinan::kTercatat, true},
      {StatusPerkawinan::kCeraiHidup, PencatatanPerkawinan::kBelumTercatat, true},
      {StatusPerkawinan::kCeraiHidup, PencatatanPerkawinan::kTidakBerlaku, false},
      {StatusPerkawinan::kBelumKawin, PencatatanPerkawinan::kTidakBerlaku, true},
      {StatusPerkawinan::kBelumKawin, PencatatanPerkawinan::kTercatat, false},
      {StatusPerkawinan::kBelumKawin, PencatatanPerkawinan::kBelumTercatat, false},
      {StatusPerkawinan::kCeraiMati, PencatatanPerkawinan::kTidakBerlaku, true},
      {StatusPerkawinan::kCeraiMati, PencatatanPerkawinan::kTercatat, false},
  };
  for (const auto& c : cases) {
    Person p = ValidPerson();
    p.status_perkawinan = c.status;
    p.perkawinan_tercatat = c.tercatat;
    Status s = ValidatePerson(p, kToday);
    EXPECT_EQ(s.ok(), c.ok) << LabelOf(c.status) << " / " << static_cast<int>(c.tercatat) << ": " << s.ToString();
    if (!c.ok) {
      EXPECT_EQ(s.field(), "perkawinan_tercatat");
    }
  }
}

TEST(ValidatePersonTest, KitapOnlyForWna) {
  Person p = ValidPerson();
  p.kitap = true;
  ExpectInvalid(p, "kitap", "WNA");
  p.kewarganegaraan = Kewarganegaraan::kWna;
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  p.kitap = false;  // a WNA without a KITAP may still be on the register
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
}

TEST(ValidatePersonTest, NikMismatchIsNotAnError) {
  // The NIK encodes a woman born 5 Dec '90; a man born on another day is still valid
  // (a NIK never changes; CheckAgainst reports the warnings).
  Person p = ValidPerson();
  p.jenis_kelamin = JenisKelamin::kLakiLaki;
  p.tanggal_lahir = D(1991, 3, 1);
  EXPECT_TRUE(ValidatePerson(p, kToday).ok());
  EXPECT_EQ(p.nik.CheckAgainst(p.tanggal_lahir, p.jenis_kelamin).size(), 2u);
}

TEST(ValidatePersonTest, ReportsTheFirstBrokenRuleInFieldOrder) {
  Person p = ValidPerson();
  p.nama = "";
  p.rt = 0;
  p.kitap = true;
  ExpectInvalid(p, "nama", "is required");
}

TEST(BirthDateConventionTest, ConventionalBirthDate) {
  EXPECT_EQ(*ConventionalBirthDate(1960, std::nullopt), D(1960, 7, 1));
  EXPECT_EQ(*ConventionalBirthDate(1960, 2), D(1960, 2, 15));
  EXPECT_EQ(*ConventionalBirthDate(1960, 12), D(1960, 12, 15));
  auto bad = ConventionalBirthDate(1960, 13);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "tanggal_lahir");
  EXPECT_FALSE(ConventionalBirthDate(0, std::nullopt).ok());
}

TEST(BirthDateConventionTest, MatchesConvention) {
  EXPECT_TRUE(MatchesConvention(D(1960, 3, 3), BirthDatePrecision::kExact));
  EXPECT_TRUE(MatchesConvention(D(1960, 3, 15), BirthDatePrecision::kDayUnknown));
  EXPECT_FALSE(MatchesConvention(D(1960, 3, 14), BirthDatePrecision::kDayUnknown));
  EXPECT_TRUE(MatchesConvention(D(1960, 7, 1), BirthDatePrecision::kDayMonthUnknown));
  EXPECT_FALSE(MatchesConvention(D(1960, 7, 15), BirthDatePrecision::kDayMonthUnknown));
  EXPECT_FALSE(MatchesConvention(D(1960, 1, 1), BirthDatePrecision::kDayMonthUnknown));
  EXPECT_FALSE(MatchesConvention(D(1960, 12, 31), BirthDatePrecision::kDayMonthUnknown));
  EXPECT_TRUE(MatchesConvention(D(1960, 12, 31), BirthDatePrecision::kDayMonthUnknownSimduk));
  EXPECT_FALSE(MatchesConvention(D(1960, 7, 1), BirthDatePrecision::kDayMonthUnknownSimduk));
}

TEST(StatusPerkawinanLabelTest, AddsTercatatWhereItApplies) {
  EXPECT_EQ(StatusPerkawinanLabel(StatusPerkawinan::kKawin, PencatatanPerkawinan::kTercatat), "Kawin tercatat");
  EXPECT_EQ(StatusPerkawinanLabel(StatusPerkawinan::kCeraiHidup, PencatatanPerkawinan::kBelumTercatat),
            "Cerai hidup belum tercatat");
  EXPECT_EQ(StatusPerkawinanLabel(StatusPerkawinan::kBelumKawin, PencatatanPerkawinan::kTidakBerlaku), "Belum kawin");
}

}  // namespace
}  // namespace siak
