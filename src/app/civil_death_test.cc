// Deaths: what registering one changes, each effect traceable to the event, and the rules.
#include "app/civil_test_fixture.h"
#include "store/abis_store.h"
#include "store/ektp_store.h"

namespace siak {
namespace {

class CivilDeathTest : public CivilServiceTest {
 protected:
  // The person holds an issued card, an active Suket, a queued print and is in the galleries.
  void GiveCardsAndGallery(const Nik& nik) {
    const std::string n(nik.digits());
    EktpStore ektp(*store_);
    CardRecord card;
    card.serial = "3273000000000" + n.substr(13);
    card.nik = n;
    card.region_code = "3273011001";
    card.site_id = 1;
    card.request_id = 1;
    card.recording_id = "rec-" + n;
    card.state = "issued";
    card.face = "{}";
    card.chip = "00";
    card.printed_by = "printer";
    card.printed_at = "2026-01-02T03:04:05Z";
    ASSERT_TRUE(ektp.InsertCard(card).ok());
    SuketRecord suket;
    suket.number = "SKT-3273-2026-" + n.substr(10);
    suket.nik = n;
    suket.region_code = "3273011001";
    suket.site_id = 1;
    suket.state = "active";
    suket.reference = "SKT1.x";
    suket.issued_by = "printer";
    suket.issued_at = "2026-11-01T00:00:00Z";
    suket.valid_until = "2027-05-01";
    ASSERT_TRUE(ektp.InsertSuket(suket).ok());
    ASSERT_TRUE(AbisStore(*store_).LogGallery(n, "add", 7, "32", "2026-01-01T00:00:00Z").ok());
  }
};

// The "done when", second half: a death of a family head reissues the KK with a new
// head, widows the spouse and takes the person out of the galleries; every effect is traceable.
TEST_F(CivilDeathTest, DeathOfTheHeadReissuesTheKkUnderANewHeadWidowsTheSpouseAndLeavesTheGalleries) {
  Household h = MakeHousehold();
  GiveCardsAndGallery(h.father);
  const CivilEventRecord e = Registered(VitalEventKind::kKematian, Death(h.father, D(2026, 11, 25)));
  ASSERT_EQ(e.state, "REGISTERED");
  EXPECT_EQ(e.akta_number, "3273-KM-28112026-0001");
  EXPECT_EQ(e.subject_nik, h.father.digits());

  const StoredPerson father = Get(h.father);
  EXPECT_EQ(father.person.status_dasar, StatusDasar::kMati);
  EXPECT_FALSE(father.person.kk_number.has_value());
  // The KK continues under the widow, with a new number; the children stay anak.
  EXPECT_FALSE(GetFamily(h.family.kk_number).ok()) << "the old number belonged to the head who died";
  const StoredPerson mother = Get(h.mother);
  ASSERT_TRUE(mother.person.kk_number.has_value());
  EXPECT_NE(*mother.person.kk_number, h.family.kk_number);
  auto family = GetFamily(*mother.person.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->head(), h.mother);
  EXPECT_EQ(family->members.size(), 3u);
  EXPECT_EQ(ShdkOf(*family, h.son), Shdk::kAnak);
  EXPECT_EQ(ShdkOf(*family, h.daughter), Shdk::kAnak);
  EXPECT_EQ(family->tanggal_terbit, D(2026, 11, 28));
  // The widow.
  EXPECT_EQ(mother.person.status_perkawinan, StatusPerkawinan::kCeraiMati);
  // Out of the galleries; card, Suket revoked.
  EXPECT_FALSE(AbisStore(*store_).EnrolledJob(std::string(h.father.digits()))->has_value());
  auto log = AbisStore(*store_).GalleryLogAfter(0, 10);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->back().op, "remove");
  EXPECT_EQ(log->back().nik, h.father.digits());
  auto cards = EktpStore(*store_).CardsOf(std::string(h.father.digits()));
  ASSERT_EQ(cards->size(), 1u);
  EXPECT_EQ(cards->front().state, "revoked");
  EXPECT_TRUE(Contains(cards->front().revoke_reason, e.akta_number));
  EXPECT_EQ(EktpStore(*store_).SuketsOf(std::string(h.father.digits()))->front().state, "revoked");
  // Traceable: the effects and the event log name the event.
  const CivilJson effects = Effects(e);
  EXPECT_EQ(effects["kk"]["old"], h.family.kk_number.ToString());
  EXPECT_EQ(effects["kk"]["new"], mother.person.kk_number->ToString());
  EXPECT_EQ(effects["galleries"], "removed");
  EXPECT_EQ(effects["status_perkawinan"][std::string(h.mother.digits())], "Cerai mati");
  const auto persons = CivilService::PersonsOf(e);
  EXPECT_NE(std::find(persons.begin(), persons.end(), std::string(h.mother.digits())), persons.end());
  auto death = LastEvent(Events(h.father.digits()), static_cast<int>(RegisterEvent::kDeathRegistered));
  ASSERT_TRUE(death.has_value());
  EXPECT_TRUE(Contains(death->payload, "\"civil_event\":" + std::to_string(e.id))) << death->payload;
  EXPECT_TRUE(HasEvent(Events(h.mother.digits()), static_cast<int>(RegisterEvent::kPersonUpdated)));
  // A dead person is not declared dead again, nor married, nor a parent of a later child.
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, Death(h.father, D(2026, 11, 26))), "nik");
}

TEST_F(CivilDeathTest, DeathOfAMemberReissuesTheSameKk) {
  Household h = MakeHousehold();
  const CivilEventRecord e = Registered(VitalEventKind::kKematian, Death(h.son, D(2026, 11, 27)));
  ASSERT_EQ(e.state, "REGISTERED");
  auto family = GetFamily(h.family.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->members.size(), 3u);
  EXPECT_FALSE(ShdkOf(*family, h.son).has_value());
  EXPECT_EQ(Get(h.mother).person.status_perkawinan, StatusPerkawinan::kKawin) << "the son was not her husband";
  EXPECT_EQ(Get(h.son).person.status_dasar, StatusDasar::kMati);
}

TEST_F(CivilDeathTest, AChildHeadsWhenNoSpouseIsLeftAndTheOthersAreReframed) {
  Household h = MakeHousehold();
  Registered(VitalEventKind::kKematian, Death(h.mother, D(2026, 11, 20)));
  EXPECT_EQ(Get(h.father).person.status_perkawinan, StatusPerkawinan::kCeraiMati);
  Registered(VitalEventKind::kKematian, Death(h.father, D(2026, 11, 26)));
  const StoredPerson son = Get(h.son);
  ASSERT_TRUE(son.person.kk_number.has_value());
  auto family = GetFamily(*son.person.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->head(), h.son) << "the eldest adult child";
  EXPECT_EQ(ShdkOf(*family, h.daughter), Shdk::kFamiliLain) << "his sister, not his child";
  // The declaration may name the new head instead, among the living members only.
  Household g = MakeHousehold();
  CivilJson named = Death(g.father, D(2026, 11, 26));
  named["kepala_baru"] = std::string(g.daughter.digits());
  const CivilEventRecord e = Registered(VitalEventKind::kKematian, named);
  EXPECT_EQ(Effects(e)["kk"]["head"], g.daughter.digits());
  // A child heading: the widowed mother is orang tua (reframed once), the brother famili lain,
  // and the reframed KK is on record with its members.
  auto reframed = GetFamily(*Get(g.daughter).person.kk_number);
  ASSERT_TRUE(reframed.ok());
  EXPECT_EQ(ShdkOf(*reframed, g.mother), Shdk::kOrangTua);
  EXPECT_EQ(ShdkOf(*reframed, g.son), Shdk::kFamiliLain);
  auto reissued = LastEvent(Events(reframed->kk_number.digits()), static_cast<int>(RegisterEvent::kFamilyReissued));
  ASSERT_TRUE(reissued.has_value());
  EXPECT_TRUE(Contains(reissued->payload, std::string(g.mother.digits()))) << reissued->payload;
  for (const Nik& n : {g.mother, g.son, g.daughter}) {
    const auto persons = CivilService::PersonsOf(e);
    EXPECT_NE(std::find(persons.begin(), persons.end(), std::string(n.digits())), persons.end())
        << "every member got a new KK number: " << n.ToString();
  }
  named = Death(g.mother, D(2026, 11, 26));
  named["kepala_baru"] = std::string(g.son.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, named), "kepala_baru") << "she does not head the KK";
}

TEST_F(CivilDeathTest, ADeclarationMadeInTimeIsNotLateWhenRegisteredDaysLater) {
  Household h = MakeHousehold();
  // Declared on the 29th day; the supervisor registers it four days later.
  const CivilEventRecord d = Declared(VitalEventKind::kKematian, Death(h.son, D(2026, 10, 30)));
  EXPECT_EQ(d.timeliness, "on_time");
  clock_.Advance(4 * kDay);
  auto r = civil_->Register(supervisor_, d.id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->timeliness, "on_time");
}

TEST_F(CivilDeathTest, AQueuedRecordingOfTheDeceasedCannotEnrolThemAgain) {
  Household h = MakeHousehold();
  AbisJobRecord job;
  job.recording_id = "rec-dead-1";
  job.nik = std::string(h.son.digits());
  job.region_code = "3273011001";
  job.templates = "00";
  job.state = "queued";
  job.submitted_by = "rekam";
  job.captured_at = "2026-11-20T00:00:00Z";
  job.submitted_at = "2026-11-20T00:00:00Z";
  auto id = AbisStore(*store_).InsertJob(job);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  const CivilEventRecord e = Registered(VitalEventKind::kKematian, Death(h.son, D(2026, 11, 27)));
  auto after = AbisStore(*store_).GetJob(*id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, "done");
  EXPECT_EQ(after->outcome, "FAILURE");
  EXPECT_TRUE(Contains(after->detail, e.akta_number));
  EXPECT_TRUE(AbisStore(*store_).QueuedJobs(10)->empty());
}

TEST_F(CivilDeathTest, TheLastMemberDyingDissolvesTheKk) {
  const Nik alone = Register(admin_, "Mbah Karto", "3273011001", D(1930, 1, 1), JenisKelamin::kLakiLaki).person.nik;
  auto f = svc_->CreateFamily(admin_, FamilyDraft{R("3273011001"), "Jl. Pasir Kaliki 1", 1, 1,
                                                  {{alone, Shdk::kKepalaKeluarga}}});
  ASSERT_TRUE(f.ok());
  const CivilEventRecord e = Registered(VitalEventKind::kKematian, Death(alone, D(2026, 11, 27)));
  EXPECT_EQ(Effects(e)["kk"]["dissolved"], true);
  EXPECT_FALSE(GetFamily(f->kk_number).ok());
  EXPECT_TRUE(HasEvent(Events(f->kk_number.digits()), static_cast<int>(RegisterEvent::kFamilyDissolved)));
}

TEST_F(CivilDeathTest, RulesNameTheField) {
  Household h = MakeHousehold();
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, Death(h.daughter, D(2015, 9, 1))), "tanggal_kematian")
      << "before the person's birth";
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, Death(h.son, D(2026, 11, 29))), "tanggal_kematian") << "future";
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, Death(h.son, D(2026, 10, 1))), "late_decision") << "58 days";
  CivilJson j = Death(h.son, D(2026, 10, 1));
  j["late_decision"] = "Keputusan Kadis No. 474/9/2026";
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "");
  EXPECT_EQ(Declared(VitalEventKind::kKematian, j).timeliness, "late");
  j = Death(h.son, D(2026, 11, 27));
  j["sebab"] = "tua";
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "sebab");
  j = Death(h.son, D(2026, 11, 27));
  j["warna"] = "merah";
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "warna") << "unknown fields are refused";
  j = Death(h.son, D(2026, 11, 27));
  j["waktu_kematian"] = "4:30";
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "waktu_kematian");
  j = Death(h.son, D(2026, 11, 27));
  j.erase("pelapor");
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "pelapor");
  j = Death(h.son, D(2026, 11, 27));
  j["pelapor_nik"] = std::string(h.son.digits());
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "pelapor_nik");
  j = Death(N("3273010101900999"), D(2026, 11, 27));
  EXPECT_EQ(RefusedOn(VitalEventKind::kKematian, j), "nik") << "not in the register";
  EXPECT_EQ(civil_->Declare(aceh_, VitalEventKind::kKematian, Death(h.son, D(2026, 11, 27)).dump()).status().field(),
            "nik")
      << "outside the officer's scope";
}

TEST_F(CivilDeathTest, APosthumousChildIsBornWithinTheParentsLimits) {
  Household h = MakeHousehold();
  Registered(VitalEventKind::kKematian, Death(h.father, D(2026, 11, 1)));
  // A child of the father who died 27 days ago: within 300 days.
  BirthDeclaration b = Birth(h, "Yatim", D(2026, 11, 28));
  b.kk = *Get(h.mother).person.kk_number;
  auto ok = civil_->DeclareBirth(officer_, b);
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
  // A mother's child is not born after her registered death.
  Household g = MakeHousehold();
  Registered(VitalEventKind::kKematian, Death(g.mother, D(2026, 11, 20)));
  b = Birth(g, "Piatu", D(2026, 11, 27));
  b.ibu = g.mother;
  auto refused = civil_->DeclareBirth(officer_, b);
  EXPECT_EQ(refused.status().field(), "ibu") << refused.status().ToString();
  EXPECT_TRUE(Contains(refused.status().rule(), "died on 2026-11-20"));
}

}  // namespace
}  // namespace siak
