// The marginal-note events: recognition, legitimation, adoption, change of name or citizenship.
#include "app/civil_test_fixture.h"

namespace siak {
namespace {

class CivilNoteTest : public CivilServiceTest {
 protected:
  // A child born here (its akta kelahiran registered), to a mother without a recorded father.
  std::pair<Nik, int64_t> BornWithoutFather(const Household& h) {
    BirthDeclaration b = Birth(h, "Bintang", D(2026, 11, 10));
    b.ayah.reset();
    auto d = civil_->DeclareBirth(officer_, b);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    auto r = civil_->Register(supervisor_, d.ok() ? d->id : 0);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return {r.ok() ? N(r->subject_nik) : PlaceholderPerson().nik, r.ok() ? r->id : 0};
  }
};

TEST_F(CivilNoteTest, ARecognisedChildGetsItsFatherAndANoteOnItsBirthCertificate) {
  Household h = MakeHousehold();
  const auto [child, birth] = BornWithoutFather(h);
  EXPECT_EQ(Get(child).person.nama_ayah, "");
  const CivilEventRecord e = Registered(VitalEventKind::kPengakuanAnak,
                                        CivilJson{{"nik", std::string(child.digits())},
                                                  {"ayah", std::string(h.father.digits())},
                                                  {"tanggal_pengakuan", "2026-11-25"},
                                                  {"persetujuan_ibu", "Surat persetujuan ibu 2026-11-24"}});
  ASSERT_EQ(e.state, "REGISTERED");
  EXPECT_EQ(e.akta_number, "") << "a marginal note has no akta of its own";
  EXPECT_EQ(Get(child).person.nama_ayah, "Budi Santoso");
  auto akta = civil_->Akta(supervisor_, birth);
  ASSERT_TRUE(akta.ok()) << akta.status().ToString();
  ASSERT_EQ(akta->marginal_notes.size(), 1u);
  EXPECT_TRUE(Contains(akta->marginal_notes[0], "diakui oleh Budi Santoso")) << akta->marginal_notes[0];
  EXPECT_FALSE(civil_->Akta(supervisor_, e.id).ok()) << "its note is on the birth certificate";
  EXPECT_TRUE(HasEvent(Events(child.digits()), static_cast<int>(RegisterEvent::kMarginalNoteRegistered)));
  // The father is a man, old enough at the birth.
  CivilJson bad{{"nik", std::string(child.digits())},
                {"ayah", std::string(h.mother.digits())},
                {"tanggal_pengakuan", "2026-11-25"},
                {"persetujuan_ibu", "ada"}};
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengakuanAnak, bad), "ayah");
  bad["ayah"] = std::string(h.daughter.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengakuanAnak, bad), "ayah");
  bad["ayah"] = std::string(h.father.digits());
  bad.erase("persetujuan_ibu");
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengakuanAnak, bad), "persetujuan_ibu");
}

TEST_F(CivilNoteTest, ANameChangeUpdatesTheRegisterMarksTheCardAndNotesTheBirth) {
  Household h = MakeHousehold();
  const auto [child, birth] = BornWithoutFather(h);
  CivilJson j{{"nik", std::string(child.digits())},
              {"nama_baru", "Bintang Kejora"},
              {"pengadilan", "Pengadilan Negeri Bandung"},
              {"nomor_penetapan", "55/Pdt.P/2026/PN.Bdg"},
              {"tanggal_penetapan", "2026-11-26"}};
  Registered(VitalEventKind::kPerubahanNama, j);
  EXPECT_EQ(Get(child).person.nama, "Bintang Kejora");
  auto akta = civil_->Akta(supervisor_, birth);
  ASSERT_TRUE(akta.ok());
  ASSERT_EQ(akta->marginal_notes.size(), 1u);
  EXPECT_TRUE(Contains(akta->marginal_notes[0], "diubah menjadi Bintang Kejora"));
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerubahanNama, j), "nama_baru") << "already the name";
  j["tanggal_penetapan"] = "2026-11-01";
  j["nama_baru"] = "Bintang Timur";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerubahanNama, j), "tanggal_penetapan") << "before the child's birth";
  j["nik"] = std::string(h.son.digits());
  j["tanggal_penetapan"] = "2026-09-01";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerubahanNama, j), "late_decision");
}

TEST_F(CivilNoteTest, AnAdoptedChildMovesToTheAdoptiveParentsKkWhenAsked) {
  Household h = MakeHousehold();
  Household adoptive = MakeHousehold();
  CivilJson j{{"nik", std::string(h.daughter.digits())},
              {"ayah_angkat", std::string(adoptive.father.digits())},
              {"ibu_angkat", std::string(adoptive.mother.digits())},
              {"pengadilan", "Pengadilan Negeri Bandung"},
              {"nomor_penetapan", "77/Pdt.P/2026/PN.Bdg"},
              {"tanggal_penetapan", "2026-11-20"},
              {"pindah_kk", true}};
  const CivilEventRecord e = Registered(VitalEventKind::kPengangkatanAnak, j);
  EXPECT_EQ(Get(h.daughter).person.kk_number, adoptive.family.kk_number);
  EXPECT_EQ(ShdkOf(*GetFamily(adoptive.family.kk_number), h.daughter), Shdk::kAnak);
  EXPECT_TRUE(Contains(Effects(e)["catatan"].get<std::string>(), "diangkat sebagai anak oleh Budi Santoso"));
  // Not before the child's birth; not into a KK in another village without a move.
  Household other = MakeHousehold();
  CivilJson early = j;
  early["nik"] = std::string(other.daughter.digits());
  early["tanggal_penetapan"] = "2015-01-01";
  early["late_decision"] = "Keputusan Kadis No. 9/2026";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengangkatanAnak, early), "tanggal_penetapan");
  Household far = MakeHousehold("3273021001");
  CivilJson away = j;
  away["nik"] = std::string(other.daughter.digits());
  away["ayah_angkat"] = std::string(far.father.digits());
  away["ibu_angkat"] = std::string(far.mother.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengangkatanAnak, away), "pindah_kk");
  // Only a child under 18, by parents of 30 or more.
  j["nik"] = std::string(h.son.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengangkatanAnak, j), "nik");
  Household young = MakeHousehold();
  j["nik"] = std::string(young.daughter.digits());
  j["ayah_angkat"] = std::string(h.son.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengangkatanAnak, j), "ayah_angkat");
  j.erase("ayah_angkat");
  j.erase("ibu_angkat");
  EXPECT_EQ(RefusedOn(VitalEventKind::kPengangkatanAnak, j), "ayah_angkat");
}

TEST_F(CivilNoteTest, ACitizenshipChangeFollowsTheMinistersDecree) {
  Household h = MakeHousehold();
  CivilJson j{{"nik", std::string(h.son.digits())},
              {"kewarganegaraan_baru", "WNI"},
              {"nomor_keputusan", "AHU-12.AH.10.01 Tahun 2026"},
              {"tanggal_keputusan", "2026-11-20"}};
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerubahanKewarganegaraan, j), "kewarganegaraan_baru") << "already WNI";
  j["kewarganegaraan_baru"] = "XYZ";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerubahanKewarganegaraan, j), "kewarganegaraan_baru");
}

}  // namespace
}  // namespace siak
