// Marriages and divorces: statuses, families joined or split, the KUA route, the law's rules.
#include "app/civil_test_fixture.h"

namespace siak {
namespace {

class CivilMarriageTest : public CivilServiceTest {
 protected:
  // A woman of 24 living with her parents in the same village.
  Nik Bride() {
    Household her = MakeHousehold();
    const Nik bride =
        Register(admin_, "Rina Wulandari", "3273011001", D(2002, 5, 5), JenisKelamin::kPerempuan).person.nik;
    EXPECT_TRUE(svc_->AddMember(admin_, her.family.kk_number, bride, Shdk::kAnak).ok());
    return bride;
  }
};

TEST_F(CivilMarriageTest, ASonMarriesIntoANewKkAndBothAreKawinTercatat) {
  Household h = MakeHousehold();
  const Nik bride = Bride();
  const KkNumber her_parents = *Get(bride).person.kk_number;
  const CivilEventRecord e = Registered(VitalEventKind::kPerkawinan, Marriage(h.son, bride, D(2026, 11, 21)));
  ASSERT_EQ(e.state, "REGISTERED");
  EXPECT_EQ(e.akta_number, "3273-KW-28112026-0001");
  const StoredPerson husband = Get(h.son), wife = Get(bride);
  for (const StoredPerson* p : {&husband, &wife}) {
    EXPECT_EQ(p->person.status_perkawinan, StatusPerkawinan::kKawin);
    EXPECT_EQ(p->person.perkawinan_tercatat, PencatatanPerkawinan::kTercatat);
  }
  // He heads a new KK split from his parents'; she joined it as istri and left her parents'.
  ASSERT_TRUE(husband.person.kk_number.has_value());
  EXPECT_NE(*husband.person.kk_number, h.family.kk_number);
  EXPECT_EQ(wife.person.kk_number, husband.person.kk_number);
  auto family = GetFamily(*husband.person.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->head(), h.son);
  EXPECT_EQ(ShdkOf(*family, bride), Shdk::kIstri);
  EXPECT_EQ(GetFamily(h.family.kk_number)->members.size(), 3u);
  EXPECT_FALSE(ShdkOf(*GetFamily(her_parents), bride).has_value());
  EXPECT_EQ(Effects(e)["kk"], husband.person.kk_number->ToString());
  for (const Nik& n : {h.son, bride}) {
    auto ev = LastEvent(Events(n.digits()), static_cast<int>(RegisterEvent::kMarriageRegistered));
    ASSERT_TRUE(ev.has_value()) << n.ToString();
    EXPECT_TRUE(Contains(ev->payload, "\"civil_event\":" + std::to_string(e.id)));
  }
  // She is married now: a second marriage of hers is refused.
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(h.father, bride, D(2026, 11, 22))), "istri");
}

TEST_F(CivilMarriageTest, AKuaMarriageArrivesAsDataWithoutAnAktaOfTheDinas) {
  Household h = MakeHousehold();
  const Nik bride = Bride();
  CivilJson j = Marriage(h.son, bride, D(2026, 11, 21));
  j["jalur"] = "kua";
  j["agama"] = "islam";
  j.erase("pemuka_agama");
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, j), "nomor_buku_nikah");
  j["nomor_buku_nikah"] = "0123/045/XI/2026";
  j["kua"] = "KUA Kecamatan Sukasari";
  const CivilEventRecord e = Registered(VitalEventKind::kPerkawinan, j);
  EXPECT_EQ(e.akta_number, "");
  EXPECT_EQ(Get(h.son).person.status_perkawinan, StatusPerkawinan::kKawin);
  auto ev = LastEvent(Events(h.son.digits()), static_cast<int>(RegisterEvent::kMarriageRegistered));
  ASSERT_TRUE(ev.has_value());
  EXPECT_TRUE(Contains(ev->payload, "0123/045/XI/2026"));
  auto akta = civil_->Akta(supervisor_, e.id);
  EXPECT_FALSE(akta.ok());
  EXPECT_TRUE(Contains(akta.status().rule(), "buku nikah"));
  // A Muslim marriage is not registered at the Dinas, nor another at the KUA.
  CivilJson dinas = Marriage(h.son, bride, D(2026, 11, 21));
  dinas["agama"] = "islam";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, dinas), "jalur");
}

TEST_F(CivilMarriageTest, TheMarriageLawsRulesNameTheField) {
  Household h = MakeHousehold();
  const Nik bride = Bride();
  // A married man needs the court's permission for another wife.
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(h.father, bride, D(2026, 11, 21))), "izin_poligami");
  CivilJson j = Marriage(h.father, bride, D(2026, 11, 21));
  j["izin_poligami"] = "Putusan PA Bandung No. 12/Pdt.G/2026";
  j["kk"] = "baru";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, j), "kk") << "he heads a KK: she joins it, not a new one";
  j.erase("kk");
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, j), "");
  // Implausible even with a dispensation: a child of 12, or a marriage before birth.
  const Nik child = Register(admin_, "Ujang", "3273011001", D(2014, 1, 1), JenisKelamin::kLakiLaki).person.nik;
  CivilJson young_one = Marriage(child, bride, D(2026, 11, 21));
  young_one["dispensasi"] = "Penetapan PN Bandung No. 4/Pdt.P/2026";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, young_one), "suami");
  // Under 19: the court's dispensation.
  const Nik young = Register(admin_, "Asep", "3273011001", D(2009, 1, 1), JenisKelamin::kLakiLaki).person.nik;
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(young, bride, D(2026, 11, 21))), "suami");
  j = Marriage(young, bride, D(2026, 11, 21));
  j["dispensasi"] = "Penetapan PN Bandung No. 3/Pdt.P/2026";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, j), "");
  // Sexes, the same person, another village (a move first), the future, an unknown field.
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(bride, h.son, D(2026, 11, 21))), "suami");
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(h.son, h.son, D(2026, 11, 21))), "istri");
  const Nik far = Register(admin_, "Neng", "3273021001", D(2001, 1, 1), JenisKelamin::kPerempuan).person.nik;
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(h.son, far, D(2026, 11, 21))), "istri");
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, Marriage(h.son, bride, D(2026, 12, 1))), "tanggal_perkawinan");
  j = Marriage(h.son, bride, D(2026, 11, 21));
  j["mahar"] = "emas";
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerkawinan, j), "mahar");
}

TEST_F(CivilMarriageTest, ADivorceSplitsTheKkAndTheChildrenGoWhereTheCourtSaid) {
  Household h = MakeHousehold();
  CivilJson j{{"suami", std::string(h.father.digits())},
              {"istri", std::string(h.mother.digits())},
              {"pengadilan", "Pengadilan Agama Bandung"},
              {"nomor_putusan", "1234/Pdt.G/2026/PA.Bdg"},
              {"tanggal_putusan", "2026-11-10"},
              {"anak_ikut", {std::string(h.daughter.digits())}}};
  const CivilEventRecord e = Registered(VitalEventKind::kPerceraian, j);
  ASSERT_EQ(e.state, "REGISTERED");
  EXPECT_EQ(e.akta_number, "3273-CR-28112026-0001");
  for (const Nik& n : {h.father, h.mother}) {
    EXPECT_EQ(Get(n).person.status_perkawinan, StatusPerkawinan::kCeraiHidup);
    EXPECT_EQ(Get(n).person.perkawinan_tercatat, PencatatanPerkawinan::kTercatat);
  }
  auto his = GetFamily(h.family.kk_number);
  ASSERT_TRUE(his.ok()) << "the head stays: the KK keeps its number";
  EXPECT_EQ(his->members.size(), 2u);
  EXPECT_EQ(ShdkOf(*his, h.son), Shdk::kAnak);
  const StoredPerson mother = Get(h.mother);
  auto hers = GetFamily(*mother.person.kk_number);
  ASSERT_TRUE(hers.ok());
  EXPECT_EQ(hers->head(), h.mother);
  EXPECT_EQ(ShdkOf(*hers, h.daughter), Shdk::kAnak);
  // They are no longer married: no second divorce; a child not on the KK cannot follow.
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerceraian, j), "suami");
  Household g = MakeHousehold();
  j["suami"] = std::string(g.father.digits());
  j["istri"] = std::string(g.mother.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerceraian, j), "anak_ikut[0]");
  j["istri"] = std::string(h.mother.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kPerceraian, j), "istri") << "divorced already";
  Household k = MakeHousehold();
  j["istri"] = std::string(k.mother.digits());
  j["anak_ikut"] = CivilJson::array();
  auto refused = civil_->Declare(officer_, VitalEventKind::kPerceraian, j.dump());
  EXPECT_EQ(refused.status().field(), "istri");
  EXPECT_TRUE(Contains(refused.status().rule(), "not recorded as the wife")) << refused.status().ToString();
}

TEST_F(CivilMarriageTest, ASecondWifeByTheCourtsPermissionAndWhatHappensWhenOneMarriageEnds) {
  Household h = MakeHousehold();
  const Nik second = Bride();
  CivilJson j = Marriage(h.father, second, D(2026, 11, 21));
  j["izin_poligami"] = "Putusan PA Bandung No. 12/Pdt.G/2026";
  Registered(VitalEventKind::kPerkawinan, j);
  auto family = GetFamily(h.family.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(ShdkOf(*family, second), Shdk::kIstri);
  // One wife dies: he is still married to the other.
  Registered(VitalEventKind::kKematian, Death(h.mother, D(2026, 11, 25)));
  EXPECT_EQ(Get(h.father).person.status_perkawinan, StatusPerkawinan::kKawin);
  // The marriage is registered: its wife finds it among her events.
  auto hers = civil_->OfPerson(supervisor_, second);
  ASSERT_TRUE(hers.ok());
  ASSERT_FALSE(hers->empty());
  EXPECT_EQ(hers->front().kind, "perkawinan");
}

TEST_F(CivilMarriageTest, DivorcingOneOfTwoWivesLeavesTheHusbandMarried) {
  Household h = MakeHousehold();
  const Nik second = Bride();
  CivilJson j = Marriage(h.father, second, D(2026, 11, 21));
  j["izin_poligami"] = "Putusan PA Bandung No. 12/Pdt.G/2026";
  Registered(VitalEventKind::kPerkawinan, j);
  Registered(VitalEventKind::kPerceraian, CivilJson{{"suami", std::string(h.father.digits())},
                                                   {"istri", std::string(h.mother.digits())},
                                                   {"pengadilan", "Pengadilan Agama Bandung"},
                                                   {"nomor_putusan", "77/Pdt.G/2026/PA.Bdg"},
                                                   {"tanggal_putusan", "2026-11-26"}});
  EXPECT_EQ(Get(h.father).person.status_perkawinan, StatusPerkawinan::kKawin);
  EXPECT_EQ(Get(h.mother).person.status_perkawinan, StatusPerkawinan::kCeraiHidup);
  EXPECT_EQ(Get(second).person.status_perkawinan, StatusPerkawinan::kKawin);
}

TEST_F(CivilMarriageTest, AChildOfACoupleLivingWithTheirParentsIsCucu) {
  Household h = MakeHousehold();
  const Nik bride = Bride();
  CivilJson j = Marriage(h.son, bride, D(2026, 11, 1));
  j["kk"] = "baru";
  Registered(VitalEventKind::kPerkawinan, j);
  // Move the young couple back as anak and menantu of the parents' KK: a household of three generations.
  const KkNumber theirs = *Get(h.son).person.kk_number;
  ASSERT_TRUE(svc_->RemoveMember(admin_, theirs, bride).ok());
  ASSERT_TRUE(svc_->DissolveFamily(admin_, theirs, "uji: pindah ke KK orang tua").ok());
  ASSERT_TRUE(svc_->AddMember(admin_, h.family.kk_number, h.son, Shdk::kAnak).ok());
  ASSERT_TRUE(svc_->AddMember(admin_, h.family.kk_number, bride, Shdk::kMenantu).ok());
  BirthDeclaration b = Birth(h, "Cucu Pertama", D(2026, 11, 25));
  b.ibu = bride;
  b.ayah = h.son;
  auto d = civil_->DeclareBirth(officer_, b);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto r = civil_->Register(supervisor_, d->id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ShdkOf(*GetFamily(h.family.kk_number), N(r->subject_nik)), Shdk::kCucu);
}

}  // namespace
}  // namespace siak
