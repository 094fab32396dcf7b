#include "app/register_service.h"

#include "app/register_test_fixture.h"

namespace siak {
namespace {

// ---- fixture ------------------------------------------------------------------------------

TEST_F(RegisterServiceTest, StoreHoldsTheOfficialRegions) {
  EXPECT_EQ(clock_.Today(), D(2026, 11, 28));
  EXPECT_EQ(districts_->size(), 7285u);
  EXPECT_TRUE(districts_->Contains("327301"));
  EXPECT_TRUE(districts_->Contains("110101"));
  auto stats = store_->CountRegions();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->provinces, 38);
  EXPECT_EQ(stats->regencies, 514);
  EXPECT_EQ(stats->districts, 7285);
  EXPECT_EQ(stats->villages, 83762);
}

// ---- NIK issue and registration ----------------------------------------------------------

TEST_F(RegisterServiceTest, NextNikIssuesSerialsInOrderPerDistrictDateAndSex) {
  const Date born = D(1990, 5, 12);
  auto first = svc_->NextNik(R("32.73.01"), born, JenisKelamin::kLakiLaki);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->ToString(), "3273011205900001");
  // Asking again without registering does not use the serial up.
  EXPECT_EQ(svc_->NextNik(R("32.73.01"), born, JenisKelamin::kLakiLaki)->ToString(), "3273011205900001");

  const char* names[] = {"Budi", "Joko", "Eko"};
  for (int i = 1; i <= 3; ++i) {
    const StoredPerson p = Register(bandung_, names[i - 1], "3273011001", born, JenisKelamin::kLakiLaki);
    EXPECT_EQ(p.person.nik.serial(), i);
    EXPECT_EQ(p.person.nik.ToString().substr(0, 12), "327301120590");
  }
  EXPECT_EQ(svc_->NextNik(R("32.73.01"), born, JenisKelamin::kLakiLaki)->ToString(), "3273011205900004");
  // Women count separately (day + 40), and so do other dates and districts.
  EXPECT_EQ(svc_->NextNik(R("32.73.01"), born, JenisKelamin::kPerempuan)->ToString(), "3273015205900001");
  EXPECT_EQ(svc_->NextNik(R("32.73.01"), D(1990, 5, 13), JenisKelamin::kLakiLaki)->ToString(), "3273011305900001");
  EXPECT_EQ(svc_->NextNik(R("32.73.02"), born, JenisKelamin::kLakiLaki)->ToString(), "3273021205900001");
  Register(bandung_, "Perempuan", "3273011001", born, JenisKelamin::kPerempuan);
  EXPECT_EQ(svc_->NextNik(R("32.73.01"), born, JenisKelamin::kPerempuan)->ToString(), "3273015205900002");
  EXPECT_EQ(svc_->NextNik(R("32.73.01"), born, JenisKelamin::kLakiLaki)->ToString(), "3273011205900004");
}

TEST_F(RegisterServiceTest, NextNikRefusesADistrictNotInTheRegionData) {
  auto nik = svc_->NextNik(R("32.73.99"), D(1990, 5, 12), JenisKelamin::kLakiLaki);
  ASSERT_FALSE(nik.ok());
  EXPECT_EQ(nik.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(nik.status().field(), "nik_district");
}

TEST_F(RegisterServiceTest, RegisterPersonRefusesAWilayahOutsideTheCallersScope) {
  const Person p = NewPerson("Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  auto r = svc_->RegisterPerson(aceh_, p, false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "wilayah");
  const Principal cimahi{"reg.kab.bandung", Role::kRegistrar, "3204"};
  auto other_regency = svc_->RegisterPerson(cimahi, p, false);
  ASSERT_FALSE(other_regency.ok());
  EXPECT_EQ(other_regency.status().field(), "wilayah");
  // Nothing was stored.
  auto none = svc_->GetPerson(admin_, p.nik);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);

  auto ok = svc_->RegisterPerson(bandung_, p, false);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->version, 1);
  const Principal district_scope{"reg.sukasari", Role::kRegistrar, "327301"};
  EXPECT_TRUE(svc_->RegisterPerson(district_scope,
                                   NewPerson("Andi", "3273011002", D(1991, 1, 1), JenisKelamin::kLakiLaki), false)
                  .ok());
}

TEST_F(RegisterServiceTest, RegisterPersonSetsTheRegistersOwnState) {
  Person adult = NewPerson("Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  adult.kk_number = KkNumber::ParseStructure("3273012811260001").value();
  adult.status_dasar = StatusDasar::kMati;
  adult.ektp_status = EktpStatus::kCardIssued;
  auto r = svc_->RegisterPerson(bandung_, adult, false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const StoredPerson stored = Get(adult.nik);
  EXPECT_FALSE(stored.person.kk_number.has_value()) << "a KK is joined through the family use cases";
  EXPECT_EQ(stored.person.status_dasar, StatusDasar::kHidup);
  EXPECT_EQ(stored.person.ektp_status, EktpStatus::kBelumRekam) << "an adult WNI is wajib KTP";
  const StoredPerson child = Register(bandung_, "Dewi", "3273011001", D(2015, 9, 9), JenisKelamin::kPerempuan);
  EXPECT_EQ(Get(child.person.nik).person.ektp_status, EktpStatus::kBelumWajib);
  const auto events = Events(adult.nik.digits());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, static_cast<int>(RegisterEvent::kPersonRegistered));
  EXPECT_EQ(events[0].actor, "reg.bandung");
  EXPECT_EQ(events[0].province, "32");
  EXPECT_EQ(events[0].at, "2026-11-28T08:00:00Z");
  // The same NIK cannot be registered twice.
  auto again = svc_->RegisterPerson(bandung_, adult, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_F(RegisterServiceTest, GetPersonOutsideScopeIsNotFound) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  auto out_of_scope = svc_->GetPerson(aceh_, p.person.nik);
  ASSERT_FALSE(out_of_scope.ok());
  EXPECT_EQ(out_of_scope.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(out_of_scope.status().field(), "nik");
  // Indistinguishable from a NIK that does not exist.
  const Nik missing = N("1101011205900001");
  auto absent = svc_->GetPerson(aceh_, missing);
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().code(), out_of_scope.status().code());
  EXPECT_EQ(absent.status().field(), out_of_scope.status().field());
  EXPECT_EQ(absent.status().rule(), out_of_scope.status().rule());
  EXPECT_EQ(svc_->History(aceh_, p.person.nik).status().code(), StatusCode::kNotFound);

  EXPECT_TRUE(svc_->GetPerson(bandung_, p.person.nik).ok());
  EXPECT_TRUE(svc_->GetPerson(admin_, p.person.nik).ok());
  const Principal west_java{"prov", Role::kSupervisor, "32"};
  EXPECT_TRUE(svc_->GetPerson(west_java, p.person.nik).ok());
  const Principal other_district{"kec", Role::kRegistrar, "327302"};
  EXPECT_EQ(svc_->GetPerson(other_district, p.person.nik).status().code(), StatusCode::kNotFound);
}

// ---- updates and corrections -------------------------------------------------------------

TEST_F(RegisterServiceTest, UpdatePersonRefusesStaticFields) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  struct Case {
    const char* field;
    void (*change)(Person&);
  };
  const Case cases[] = {
      {"tanggal_lahir", [](Person& x) { x.tanggal_lahir = D(1990, 5, 21); }},
      {"tempat_lahir", [](Person& x) { x.tempat_lahir = "Garut"; }},
      {"golongan_darah", [](Person& x) { x.golongan_darah = GolonganDarah::kA; }},
      {"jenis_kelamin", [](Person& x) { x.jenis_kelamin = JenisKelamin::kPerempuan; }},
  };
  for (const Case& c : cases) {
    Person changed = p.person;
    c.change(changed);
    changed.pekerjaan = Pekerjaan::kWiraswasta;  // a dynamic change alongside does not help
    auto r = svc_->UpdatePerson(bandung_, changed, p.version);
    ASSERT_FALSE(r.ok()) << c.field << " was changed by an update";
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(r.status().field(), c.field);
    EXPECT_TRUE(Contains(r.status().rule(), "correction")) << r.status().ToString();
  }
  const StoredPerson after = Get(p.person.nik);
  EXPECT_EQ(after.version, 1);
  EXPECT_EQ(after.person.pekerjaan, Pekerjaan::kKaryawanSwasta);
  EXPECT_FALSE(HasEvent(Events(p.person.nik.digits()), static_cast<int>(RegisterEvent::kPersonUpdated)));
}

TEST_F(RegisterServiceTest, UpdatePersonRecordsTheChangedFields) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  Person changed = p.person;
  changed.pekerjaan = Pekerjaan::kWiraswasta;
  changed.nama = "Bambang Hartono";
  changed.alamat = "Jl. Cipaganti No. 1";
  auto r = svc_->UpdatePerson(bandung_, changed, p.version);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 2);
  const StoredPerson stored = Get(p.person.nik);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.person.pekerjaan, Pekerjaan::kWiraswasta);
  EXPECT_EQ(stored.person.nama, "Bambang Hartono");
  EXPECT_EQ(stored.person.alamat, "Jl. Cipaganti No. 1");

  const std::optional<EventRecord> e =
      LastEvent(Events(p.person.nik.digits()), static_cast<int>(RegisterEvent::kPersonUpdated));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->actor, "reg.bandung");
  EXPECT_TRUE(Contains(e->payload, "\"pekerjaan\"")) << e->payload;
  EXPECT_TRUE(Contains(e->payload, "\"nama\"")) << e->payload;
  EXPECT_TRUE(Contains(e->payload, "\"alamat\"")) << e->payload;
  EXPECT_TRUE(Contains(e->payload, "Bambang Hartono")) << e->payload;
  EXPECT_FALSE(Contains(e->payload, "\"agama\"")) << e->payload;
  EXPECT_FALSE(Contains(e->payload, "\"tempat_lahir\"")) << e->payload;

  // The new name is what search finds.
  auto found = svc_->Search(bandung_, Query("Bambang Hartono"));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->persons.size(), 1u);
  auto old_name = svc_->Search(bandung_, Query("Budi Santoso"));
  ASSERT_TRUE(old_name.ok());
  EXPECT_TRUE(old_name->persons.empty());

  // An update that changes nothing writes nothing.
  auto same = svc_->UpdatePerson(bandung_, stored.person, stored.version);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->version, 2);
  EXPECT_EQ(Get(p.person.nik).version, 2);
}

TEST_F(RegisterServiceTest, UpdatePersonRefusesAStaleVersion) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  Person first = p.person;
  first.pekerjaan = Pekerjaan::kWiraswasta;
  ASSERT_TRUE(svc_->UpdatePerson(bandung_, first, 1).ok());
  Person second = p.person;
  second.agama = Agama::kKristen;
  auto stale = svc_->UpdatePerson(bandung_, second, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().field(), "If-Match");
  const StoredPerson stored = Get(p.person.nik);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.person.agama, Agama::kIslam);
  EXPECT_EQ(stored.person.pekerjaan, Pekerjaan::kWiraswasta);
}

TEST_F(RegisterServiceTest, UpdatePersonOutsideScopeIsNotFound) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  Person changed = p.person;
  changed.pekerjaan = Pekerjaan::kWiraswasta;
  auto r = svc_->UpdatePerson(aceh_, changed, p.version);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Get(p.person.nik).version, 1);
}

TEST_F(RegisterServiceTest, CorrectPersonNeedsAReasonAndADocument) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  Person corrected = p.person;
  corrected.tanggal_lahir = D(1990, 5, 21);
  auto no_reason = svc_->CorrectPerson(bandung_, corrected, p.version, "", "Akta 3273-LT-123");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_EQ(no_reason.status().field(), "reason");
  auto blank_reason = svc_->CorrectPerson(bandung_, corrected, p.version, "   ", "Akta 3273-LT-123");
  ASSERT_FALSE(blank_reason.ok());
  EXPECT_EQ(blank_reason.status().field(), "reason");
  auto no_document = svc_->CorrectPerson(bandung_, corrected, p.version, "salah ketik tanggal lahir", " ");
  ASSERT_FALSE(no_document.ok());
  EXPECT_EQ(no_document.status().field(), "document");
  EXPECT_EQ(Get(p.person.nik).version, 1);
  EXPECT_EQ(Get(p.person.nik).person.tanggal_lahir, D(1990, 5, 12));
}

TEST_F(RegisterServiceTest, CorrectPersonChangesOnlyStaticFields) {
  const StoredPerson p = Register(bandung_, "Budi Santoso", "3273011001", D(1990, 5, 12), JenisKelamin::kLakiLaki);
  const std::string reason = "salah ketik tanggal lahir";
  const std::string document = "Akta kelahiran 3273-LT-12345";

  Person mixed = p.person;
  mixed.tanggal_lahir = D(1990, 5, 21);
  mixed.pekerjaan = Pekerjaan::kWiraswasta;
  auto refused = svc_->CorrectPerson(bandung_, mixed, p.version, reason, document);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "pekerjaan");

  auto nothing = svc_->CorrectPerson(bandung_, p.person, p.version, reason, document);
  ASSERT_FALSE(nothing.ok());
  EXPECT_EQ(nothing.status().code(), StatusCode::kInvalidArgument);

  Person corrected = p.person;
  corrected.tanggal_lahir = D(1990, 5, 21);
  corrected.golongan_darah = GolonganDarah::kAB;
  corrected.tempat_lahir = "Garut";
  auto stale = svc_->CorrectPerson(bandung_, corrected, p.version + 1, reason, document);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().field(), "If-Match");
  EXPECT_EQ(svc_->CorrectPerson(aceh_, corrected, p.version, reason, document).status().code(), StatusCode::kNotFound);

  auto ok = svc_->CorrectPerson(bandung_, corrected, p.version, reason, document);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->version, 2);
  const StoredPerson stored = Get(p.person.nik);
  EXPECT_EQ(stored.person.nik, p.person.nik) << "a NIK never changes";
  EXPECT_EQ(stored.person.tanggal_lahir, D(1990, 5, 21));
  EXPECT_EQ(stored.person.golongan_darah, GolonganDarah::kAB);
  EXPECT_EQ(stored.person.tempat_lahir, "Garut");
  EXPECT_EQ(stored.person.pekerjaan, Pekerjaan::kKaryawanSwasta);

  const auto events = Events(p.person.nik.digits());
  const std::optional<EventRecord> e = LastEvent(events, static_cast<int>(RegisterEvent::kPersonCorrected));
  ASSERT_TRUE(e.has_value());
  EXPECT_TRUE(Contains(e->payload, reason)) << e->payload;
  EXPECT_TRUE(Contains(e->payload, document)) << e->payload;
  EXPECT_TRUE(Contains(e->payload, "\"tanggal_lahir\"")) << e->payload;
  EXPECT_TRUE(Contains(e->payload, "\"golongan_darah\"")) << e->payload;
  EXPECT_FALSE(Contains(e->payload, "\"pekerjaan\"")) << e->payload;
  EXPECT_FALSE(HasEvent(events, static_cast<int>(RegisterEvent::kPersonUpdated)));

  // The sex is corrected the same way; the NIK keeps its encoded sex.
  Person sex = stored.person;
  sex.jenis_kelamin = JenisKelamin::kPerempuan;
  auto sex_ok = svc_->CorrectPerson(bandung_, sex, stored.version, "koreksi jenis kelamin", "Penetapan PN 12/Pdt.P");
  ASSERT_TRUE(sex_ok.ok()) << sex_ok.status().ToString();
  EXPECT_EQ(Get(p.person.nik).person.jenis_kelamin, JenisKelamin::kPerempuan);
  EXPECT_EQ(Get(p.person.nik).person.nik, p.person.nik);
}

// ---- families ----------------------------------------------------------------------------

TEST_F(RegisterServiceTest, CreateFamilyIssuesAKkNumberAndSetsEveryMember) {
  const Household h = MakeHousehold();
  const Family& f = h.family;
  EXPECT_EQ(f.kk_number.ToString(), "3273012811260001") << "district of the village, today DDMMYY, serial 0001";
  EXPECT_EQ(f.kk_number.district_digits(), "327301");
  EXPECT_EQ(f.tanggal_terbit, D(2026, 11, 28));
  EXPECT_EQ(f.wilayah, R("3273011001"));
  ASSERT_EQ(f.members.size(), 4u);
  EXPECT_EQ(f.head(), h.father);
  for (const Nik& nik : {h.father, h.mother, h.son, h.daughter}) {
    const StoredPerson p = Get(nik);
    ASSERT_TRUE(p.person.kk_number.has_value()) << nik.ToString();
    EXPECT_EQ(*p.person.kk_number, f.kk_number);
    EXPECT_EQ(p.person.alamat, "Jl. Setiabudi No. 12");
    EXPECT_EQ(p.person.rt, 2);
    EXPECT_EQ(p.person.rw, 5);
  }
  auto stored = GetFamily(f.kk_number);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(NiksOf(*stored), NiksOf(f));
  EXPECT_EQ(ShdkOf(*stored, h.mother), Shdk::kIstri);
  EXPECT_TRUE(HasEvent(Events(f.kk_number.digits()), static_cast<int>(RegisterEvent::kFamilyCreated)));

  // The next KK in the district today takes the next serial; another district starts at 0001.
  const Household second = MakeHousehold("3273011002");
  EXPECT_EQ(second.family.kk_number.ToString(), "3273012811260002");
  const Household third = MakeHousehold("3273021001");
  EXPECT_EQ(third.family.kk_number.ToString(), "3273022811260001");
  // A family in Aceh, by the Aceh registrar.
  const Household aceh = MakeHousehold("1101012001", &aceh_);
  EXPECT_EQ(aceh.family.kk_number.ToString(), "1101012811260001");
  EXPECT_EQ(svc_->GetFamily(bandung_, aceh.family.kk_number).status().code(), StatusCode::kNotFound);
}

TEST_F(RegisterServiceTest, CreateFamilyRefusesAMemberAlreadyOnAKk) {
  const Household h = MakeHousehold();
  const StoredPerson lodger = Register(bandung_, "Ucok Siregar", "3273011001", D(1999, 2, 2), JenisKelamin::kLakiLaki);
  FamilyDraft draft{R("3273011001"),
                    "Jl. Lain No. 1",
                    1,
                    1,
                    {{lodger.person.nik, Shdk::kKepalaKeluarga}, {h.son, Shdk::kFamiliLain}}};
  auto r = svc_->CreateFamily(bandung_, draft);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "members[1].nik");
  EXPECT_TRUE(Contains(r.status().rule(), h.family.kk_number.ToString())) << r.status().ToString();
  // Nothing changed.
  EXPECT_FALSE(Get(lodger.person.nik).person.kk_number.has_value());
  EXPECT_EQ(*Get(h.son).person.kk_number, h.family.kk_number);
}

TEST_F(RegisterServiceTest, CreateFamilyNeedsExactlyOneHead) {
  const StoredPerson a = Register(bandung_, "Andi Baso", "3273011001", D(1985, 1, 1), JenisKelamin::kLakiLaki);
  const StoredPerson b = Register(bandung_, "Ni Luh Ayu", "3273011001", D(1987, 2, 2), JenisKelamin::kPerempuan);
  const FamilyDraft no_head{
      R("3273011001"), "Jl. Merdeka No. 1", 1, 1, {{a.person.nik, Shdk::kSuami}, {b.person.nik, Shdk::kIstri}}};
  const FamilyDraft two_heads{R("3273011001"),
                              "Jl. Merdeka No. 1",
                              1,
                              1,
                              {{a.person.nik, Shdk::kKepalaKeluarga}, {b.person.nik, Shdk::kKepalaKeluarga}}};
  const FamilyDraft empty{R("3273011001"), "Jl. Merdeka No. 1", 1, 1, {}};
  for (const FamilyDraft* draft : {&no_head, &two_heads, &empty}) {
    auto r = svc_->CreateFamily(bandung_, *draft);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "members") << r.status().ToString();
  }
  EXPECT_FALSE(Get(a.person.nik).person.kk_number.has_value());
  EXPECT_FALSE(Get(b.person.nik).person.kk_number.has_value());
  // No KK number was used up by the refused drafts.
  auto ok =
      svc_->CreateFamily(bandung_, FamilyDraft{R("3273011001"),
                                               "Jl. Merdeka No. 1",
                                               1,
                                               1,
                                               {{a.person.nik, Shdk::kKepalaKeluarga}, {b.person.nik, Shdk::kIstri}}});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->kk_number.serial(), 1);
}

TEST_F(RegisterServiceTest, CreateFamilyRespectsScope) {
  const StoredPerson a = Register(bandung_, "Andi Baso", "3273011001", D(1985, 1, 1), JenisKelamin::kLakiLaki);
  auto outside = svc_->CreateFamily(
      aceh_, FamilyDraft{R("3273011001"), "Jl. Merdeka No. 1", 1, 1, {{a.person.nik, Shdk::kKepalaKeluarga}}});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.status().field(), "wilayah");
  auto member_outside = svc_->CreateFamily(
      aceh_, FamilyDraft{R("1101012001"), "Jl. Merdeka No. 1", 1, 1, {{a.person.nik, Shdk::kKepalaKeluarga}}});
  ASSERT_FALSE(member_outside.ok());
  EXPECT_EQ(member_outside.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(member_outside.status().field(), "members[0].nik");
  EXPECT_FALSE(Get(a.person.nik).person.kk_number.has_value());
}

TEST_F(RegisterServiceTest, RemoveMemberKeepsTheKkNumberAndReissuesIt) {
  const Household h = MakeHousehold();
  clock_.Advance(2 * kDay);
  auto r = svc_->RemoveMember(bandung_, h.family.kk_number, h.son);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kk_number, h.family.kk_number);
  EXPECT_EQ(r->members.size(), 3u);
  EXPECT_EQ(r->tanggal_terbit, D(2026, 11, 30));
  auto stored = GetFamily(h.family.kk_number);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->members.size(), 3u);
  EXPECT_FALSE(ShdkOf(*stored, h.son).has_value());
  EXPECT_EQ(stored->tanggal_terbit, D(2026, 11, 30));
  EXPECT_FALSE(Get(h.son).person.kk_number.has_value());
  EXPECT_EQ(*Get(h.daughter).person.kk_number, h.family.kk_number);
  EXPECT_TRUE(HasEvent(Events(h.family.kk_number.digits()), static_cast<int>(RegisterEvent::kFamilyMemberRemoved)));

  // The removed person may join another KK.
  EXPECT_TRUE(svc_->CreateFamily(bandung_,
                                 FamilyDraft{R("3273011001"), "Jl. Lain No. 2", 1, 1, {{h.son, Shdk::kKepalaKeluarga}}})
                  .ok());
}

TEST_F(RegisterServiceTest, RemoveMemberRefusesTheHeadAndStrangers) {
  const Household h = MakeHousehold();
  auto head = svc_->RemoveMember(bandung_, h.family.kk_number, h.father);
  ASSERT_FALSE(head.ok());
  EXPECT_EQ(head.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(head.status().field(), "nik");
  const StoredPerson stranger = Register(bandung_, "Andi Baso", "3273011001", D(1985, 1, 1), JenisKelamin::kLakiLaki);
  EXPECT_EQ(svc_->RemoveMember(bandung_, h.family.kk_number, stranger.person.nik).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(svc_->RemoveMember(aceh_, h.family.kk_number, h.son).status().code(), StatusCode::kNotFound);
  auto stored = GetFamily(h.family.kk_number);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->members.size(), 4u);
  EXPECT_EQ(*Get(h.son).person.kk_number, h.family.kk_number);
}

TEST_F(RegisterServiceTest, ChangeHeadIssuesANewKkNumber) {
  const Household h = MakeHousehold();
  clock_.Advance(kDay);
  auto r = svc_->ChangeHead(bandung_, h.family.kk_number, h.mother, Shdk::kSuami);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->kk_number, h.family.kk_number);
  EXPECT_EQ(r->kk_number.ToString().substr(0, 12), "327301291126");
  EXPECT_EQ(r->head(), h.mother);
  EXPECT_EQ(ShdkOf(*r, h.father), Shdk::kSuami);
  EXPECT_EQ(ShdkOf(*r, h.son), Shdk::kAnak);
  EXPECT_EQ(NiksOf(*r), NiksOf(h.family));

  auto old = GetFamily(h.family.kk_number);
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().code(), StatusCode::kNotFound);
  auto stored = GetFamily(r->kk_number);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->head(), h.mother);
  for (const Nik& nik : {h.father, h.mother, h.son, h.daughter}) {
    EXPECT_EQ(*Get(nik).person.kk_number, r->kk_number) << nik.ToString();
  }
}

TEST_F(RegisterServiceTest, ChangeHeadOnTheDayTheKkWasIssued) {
  const Household h = MakeHousehold();
  auto r = svc_->ChangeHead(bandung_, h.family.kk_number, h.mother, Shdk::kSuami);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->kk_number, h.family.kk_number);
  EXPECT_EQ(GetFamily(h.family.kk_number).status().code(), StatusCode::kNotFound);
}

TEST_F(RegisterServiceTest, ChangeHeadRefusesBadRequests) {
  const Household h = MakeHousehold();
  auto same_shdk = svc_->ChangeHead(bandung_, h.family.kk_number, h.mother, Shdk::kKepalaKeluarga);
  ASSERT_FALSE(same_shdk.ok());
  EXPECT_EQ(same_shdk.status().field(), "old_head_shdk");
  const StoredPerson stranger = Register(bandung_, "Andi Baso", "3273011001", D(1985, 1, 1), JenisKelamin::kLakiLaki);
  auto not_member = svc_->ChangeHead(bandung_, h.family.kk_number, stranger.person.nik, Shdk::kSuami);
  ASSERT_FALSE(not_member.ok());
  EXPECT_EQ(not_member.status().field(), "new_head");
  EXPECT_EQ(svc_->ChangeHead(aceh_, h.family.kk_number, h.mother, Shdk::kSuami).status().code(), StatusCode::kNotFound);
  auto stored = GetFamily(h.family.kk_number);
  ASSERT_TRUE(stored.ok()) << "a refused change keeps the KK";
  EXPECT_EQ(stored->head(), h.father);
}

TEST_F(RegisterServiceTest, SplitWithoutTheHeadKeepsTheNumberForThoseWhoStay) {
  const Household h = MakeHousehold();
  clock_.Advance(kDay);
  auto r = svc_->Split(bandung_, h.family.kk_number, {{h.son, Shdk::kKepalaKeluarga}}, std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->remaining.kk_number, h.family.kk_number);
  EXPECT_NE(r->split_off.kk_number, h.family.kk_number);
  EXPECT_EQ(r->split_off.kk_number.ToString().substr(0, 12), "327301291126");
  EXPECT_EQ(r->split_off.head(), h.son);
  EXPECT_EQ(r->remaining.members.size(), 3u);

  auto remaining = GetFamily(h.family.kk_number);
  ASSERT_TRUE(remaining.ok());
  EXPECT_EQ(remaining->members.size(), 3u);
  EXPECT_EQ(remaining->head(), h.father);
  EXPECT_FALSE(ShdkOf(*remaining, h.son).has_value());
  auto split_off = GetFamily(r->split_off.kk_number);
  ASSERT_TRUE(split_off.ok());
  EXPECT_EQ(NiksOf(*split_off), std::set<std::string>{h.son.ToString()});
  EXPECT_EQ(*Get(h.son).person.kk_number, r->split_off.kk_number);
  EXPECT_EQ(*Get(h.mother).person.kk_number, h.family.kk_number);
  EXPECT_EQ(*Get(h.father).person.kk_number, h.family.kk_number);
}

TEST_F(RegisterServiceTest, SplitWithTheHeadRequiresStayingHeadAndRenumbersBothGroups) {
  const Household h = MakeHousehold();
  clock_.Advance(kDay);
  const std::vector<FamilyMember> leaving = {{h.father, Shdk::kKepalaKeluarga}};
  auto no_head = svc_->Split(bandung_, h.family.kk_number, leaving, std::nullopt);
  ASSERT_FALSE(no_head.ok());
  EXPECT_EQ(no_head.status().field(), "staying_head");
  auto leaver_as_head = svc_->Split(bandung_, h.family.kk_number, leaving, h.father);
  ASSERT_FALSE(leaver_as_head.ok());
  EXPECT_EQ(leaver_as_head.status().field(), "staying_head");
  ASSERT_TRUE(GetFamily(h.family.kk_number).ok()) << "a refused split keeps the KK";

  auto r = svc_->Split(bandung_, h.family.kk_number, leaving, h.mother);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->remaining.kk_number, h.family.kk_number);
  EXPECT_NE(r->split_off.kk_number, h.family.kk_number);
  EXPECT_NE(r->remaining.kk_number, r->split_off.kk_number);
  EXPECT_EQ(r->remaining.head(), h.mother);
  EXPECT_EQ(r->split_off.head(), h.father);
  EXPECT_EQ(GetFamily(h.family.kk_number).status().code(), StatusCode::kNotFound);
  auto remaining = GetFamily(r->remaining.kk_number);
  ASSERT_TRUE(remaining.ok());
  EXPECT_EQ(NiksOf(*remaining), (std::set<std::string>{h.mother.ToString(), h.son.ToString(), h.daughter.ToString()}));
  EXPECT_EQ(*Get(h.father).person.kk_number, r->split_off.kk_number);
  for (const Nik& nik : {h.mother, h.son, h.daughter}) {
    EXPECT_EQ(*Get(nik).person.kk_number, r->remaining.kk_number) << nik.ToString();
  }
}

TEST_F(RegisterServiceTest, SplitWithTheHeadOnTheDayTheKkWasIssued) {
  // The same rule when the KK was issued today: the old number must not come back.
  const Household h = MakeHousehold();
  auto r = svc_->Split(bandung_, h.family.kk_number, {{h.father, Shdk::kKepalaKeluarga}}, h.mother);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->split_off.kk_number, h.family.kk_number) << "the head's group was given the old KK number";
  EXPECT_NE(r->remaining.kk_number, h.family.kk_number);
  EXPECT_NE(r->remaining.kk_number, r->split_off.kk_number);
}

TEST_F(RegisterServiceTest, SplitRefusesBadRequests) {
  const Household h = MakeHousehold();
  const StoredPerson stranger = Register(bandung_, "Andi Baso", "3273011001", D(1985, 1, 1), JenisKelamin::kLakiLaki);
  auto not_member =
      svc_->Split(bandung_, h.family.kk_number, {{stranger.person.nik, Shdk::kKepalaKeluarga}}, std::nullopt);
  ASSERT_FALSE(not_member.ok());
  EXPECT_EQ(not_member.status().field(), "leaving[0].nik");
  auto everyone = svc_->Split(
      bandung_, h.family.kk_number,
      {{h.father, Shdk::kKepalaKeluarga}, {h.mother, Shdk::kIstri}, {h.son, Shdk::kAnak}, {h.daughter, Shdk::kAnak}},
      std::nullopt);
  ASSERT_FALSE(everyone.ok());
  EXPECT_EQ(everyone.status().field(), "leaving");
  auto headless = svc_->Split(bandung_, h.family.kk_number, {{h.son, Shdk::kAnak}}, std::nullopt);
  ASSERT_FALSE(headless.ok());
  EXPECT_EQ(headless.status().code(), StatusCode::kInvalidArgument);
  // Nothing changed.
  auto stored = GetFamily(h.family.kk_number);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->members.size(), 4u);
  EXPECT_EQ(*Get(h.son).person.kk_number, h.family.kk_number);
}

// ---- moves -------------------------------------------------------------------------------

TEST_F(RegisterServiceTest, MoveOfAWholeFamilyBetweenRegencies) {
  const Household h = MakeHousehold();
  const MoveRequest req =
      MoveTo({h.father, h.mother, h.son, h.daughter}, "3204052001", "Jl. Raya Cileunyi No. 8", 4, 9);
  auto r = svc_->Move(admin_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->skpwni.starts_with("SKPWNI/3273/20261128/")) << r->skpwni;
  EXPECT_EQ(r->destination_kk.district_digits(), "320405");
  EXPECT_EQ(r->destination_kk.ToString().substr(6, 6), "281126");
  EXPECT_NE(r->destination_kk, h.family.kk_number);
  EXPECT_FALSE(r->origin_kk.has_value());
  EXPECT_TRUE(r->reprint.empty());

  EXPECT_EQ(GetFamily(h.family.kk_number).status().code(), StatusCode::kNotFound);
  auto dest = GetFamily(r->destination_kk);
  ASSERT_TRUE(dest.ok()) << dest.status().ToString();
  EXPECT_EQ(NiksOf(*dest), NiksOf(h.family)) << "same NIKs";
  EXPECT_EQ(dest->head(), h.father);
  EXPECT_EQ(ShdkOf(*dest, h.mother), Shdk::kIstri);
  EXPECT_EQ(dest->wilayah, R("3204052001"));
  for (const Nik& nik : {h.father, h.mother, h.son, h.daughter}) {
    const StoredPerson p = Get(nik);
    EXPECT_EQ(p.person.nik, nik);
    EXPECT_EQ(p.person.wilayah, R("3204052001"));
    EXPECT_EQ(p.person.alamat, "Jl. Raya Cileunyi No. 8");
    EXPECT_EQ(p.person.rt, 4);
    EXPECT_EQ(p.person.rw, 9);
    EXPECT_EQ(*p.person.kk_number, r->destination_kk);
    const auto events = Events(nik.digits());
    const std::optional<EventRecord> out = LastEvent(events, static_cast<int>(RegisterEvent::kMovedOut));
    ASSERT_TRUE(out.has_value());
    EXPECT_TRUE(Contains(out->payload, r->skpwni)) << out->payload;
    EXPECT_EQ(out->province, "32");
    EXPECT_TRUE(HasEvent(events, static_cast<int>(RegisterEvent::kMovedIn)));
  }
  // The family has left the Bandung registrar's scope.
  EXPECT_EQ(svc_->GetPerson(bandung_, h.father).status().code(), StatusCode::kNotFound);
}

TEST_F(RegisterServiceTest, MoveBetweenProvincesUsesTheDestinationProvince) {
  const Household h = MakeHousehold();
  auto r = svc_->Move(admin_, MoveTo({h.father, h.mother, h.son, h.daughter}, "1101012001", "Gampong Keude"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->skpwni.empty());
  EXPECT_EQ(r->destination_kk.district_digits(), "110101");
  const StoredPerson p = Get(h.son);
  EXPECT_EQ(p.person.wilayah.province_digits(), "11");
  EXPECT_TRUE(svc_->GetPerson(aceh_, h.son).ok());
  const std::optional<EventRecord> in = LastEvent(Events(h.son.digits()), static_cast<int>(RegisterEvent::kMovedIn));
  ASSERT_TRUE(in.has_value());
  EXPECT_EQ(in->province, "11");
}

TEST_F(RegisterServiceTest, MoveOfAWholeFamilyWithinTheKecamatanKeepsTheKk) {
  const Household h = MakeHousehold();
  clock_.Advance(kDay);
  auto r = svc_->Move(bandung_, MoveTo({h.father, h.mother, h.son, h.daughter}, "3273011003", "Jl. Isola No. 3", 1, 2));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->skpwni, "");
  EXPECT_EQ(r->destination_kk, h.family.kk_number);
  auto f = GetFamily(h.family.kk_number);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->wilayah, R("3273011003"));
  EXPECT_EQ(f->tanggal_terbit, D(2026, 11, 29));
  EXPECT_EQ(Get(h.son).person.wilayah, R("3273011003"));
}

TEST_F(RegisterServiceTest, MoveOfOnlyAChildWithinTheKecamatan) {
  const Household h = MakeHousehold();
  clock_.Advance(kDay);
  auto r = svc_->Move(bandung_, MoveTo({h.son}, "3273011002", "Jl. Gegerkalong No. 40", 6, 3));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->skpwni, "") << "no SKPWNI within a regency";
  ASSERT_TRUE(r->origin_kk.has_value());
  EXPECT_EQ(*r->origin_kk, h.family.kk_number) << "the origin KK keeps its number";
  EXPECT_NE(r->destination_kk, h.family.kk_number);
  EXPECT_EQ(r->destination_kk.ToString().substr(0, 12), "327301291126");

  auto origin = GetFamily(h.family.kk_number);
  ASSERT_TRUE(origin.ok());
  EXPECT_EQ(origin->members.size(), 3u);
  EXPECT_FALSE(ShdkOf(*origin, h.son).has_value());
  EXPECT_EQ(origin->head(), h.father);
  EXPECT_EQ(origin->tanggal_terbit, D(2026, 11, 29)) << "reissued";
  EXPECT_EQ(origin->alamat, "Jl. Setiabudi No. 12");

  auto dest = GetFamily(r->destination_kk);
  ASSERT_TRUE(dest.ok());
  EXPECT_EQ(NiksOf(*dest), std::set<std::string>{h.son.ToString()});
  EXPECT_EQ(dest->head(), h.son);
  const StoredPerson son = Get(h.son);
  EXPECT_EQ(*son.person.kk_number, r->destination_kk);
  EXPECT_EQ(son.person.wilayah, R("3273011002"));
  EXPECT_EQ(son.person.alamat, "Jl. Gegerkalong No. 40");
  const StoredPerson father = Get(h.father);
  EXPECT_EQ(father.person.wilayah, R("3273011001"));
  EXPECT_EQ(*father.person.kk_number, h.family.kk_number);
}

TEST_F(RegisterServiceTest, MoveWhereTheHeadLeavesRenumbersThoseWhoStay) {
  const Household h = MakeHousehold();
  clock_.Advance(kDay);
  MoveRequest req = MoveTo({h.father}, "3273021001", "Jl. Cipaganti No. 9");
  auto refused = svc_->Move(bandung_, req);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "staying_head");
  req.staying_head = h.father;
  auto not_staying = svc_->Move(bandung_, req);
  ASSERT_FALSE(not_staying.ok());
  EXPECT_EQ(not_staying.status().field(), "staying_head");
  ASSERT_TRUE(GetFamily(h.family.kk_number).ok()) << "a refused move keeps the KK";
  EXPECT_EQ(Get(h.father).person.wilayah, R("3273011001"));

  req.staying_head = h.mother;
  auto r = svc_->Move(bandung_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->origin_kk.has_value());
  EXPECT_NE(*r->origin_kk, h.family.kk_number) << "those who stay get a new KK number";
  EXPECT_NE(r->destination_kk, h.family.kk_number);
  EXPECT_NE(r->destination_kk, *r->origin_kk);
  EXPECT_EQ(r->destination_kk.district_digits(), "327302");
  EXPECT_EQ(GetFamily(h.family.kk_number).status().code(), StatusCode::kNotFound);
  auto staying = GetFamily(*r->origin_kk);
  ASSERT_TRUE(staying.ok());
  EXPECT_EQ(staying->head(), h.mother);
  EXPECT_EQ(NiksOf(*staying), (std::set<std::string>{h.mother.ToString(), h.son.ToString(), h.daughter.ToString()}));
  for (const Nik& nik : {h.mother, h.son, h.daughter}) {
    EXPECT_EQ(*Get(nik).person.kk_number, *r->origin_kk) << nik.ToString();
  }
  EXPECT_EQ(*Get(h.father).person.kk_number, r->destination_kk);
  auto dest = GetFamily(r->destination_kk);
  ASSERT_TRUE(dest.ok());
  EXPECT_EQ(dest->head(), h.father);
}

TEST_F(RegisterServiceTest, MoveWhereTheHeadLeavesOnTheDayTheKkWasIssued) {
  const Household h = MakeHousehold();
  MoveRequest req = MoveTo({h.father}, "3273021001", "Jl. Cipaganti No. 9");
  req.staying_head = h.mother;
  auto r = svc_->Move(bandung_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->origin_kk.has_value());
  EXPECT_NE(*r->origin_kk, h.family.kk_number) << "those who stay were given the old KK number back";
}

TEST_F(RegisterServiceTest, MoveWithJoinKkAddsTheMoversToThatKk) {
  const Household origin = MakeHousehold("3273011001");
  const Household target = MakeHousehold("3273021001");
  clock_.Advance(kDay);
  MoveRequest req = MoveTo({origin.son}, "3273021001", "ignored: the KK's address applies");
  req.join_kk = target.family.kk_number;
  auto r = svc_->Move(bandung_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->destination_kk, target.family.kk_number);
  ASSERT_TRUE(r->origin_kk.has_value());
  EXPECT_EQ(*r->origin_kk, origin.family.kk_number);

  auto joined = GetFamily(target.family.kk_number);
  ASSERT_TRUE(joined.ok());
  EXPECT_EQ(joined->members.size(), 5u);
  EXPECT_EQ(joined->head(), target.father);
  EXPECT_EQ(ShdkOf(*joined, origin.son), Shdk::kAnak) << "movers keep their SHDK";
  const StoredPerson son = Get(origin.son);
  EXPECT_EQ(*son.person.kk_number, target.family.kk_number);
  EXPECT_EQ(son.person.wilayah, R("3273021001"));
  EXPECT_EQ(son.person.alamat, target.family.alamat);
  auto left = GetFamily(origin.family.kk_number);
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->members.size(), 3u);
}

TEST_F(RegisterServiceTest, MoveWithJoinKkRefusesAKkElsewhere) {
  const Household origin = MakeHousehold("3273011001");
  const Household target = MakeHousehold("3273021001");
  MoveRequest req = MoveTo({origin.son}, "3273021002", "Jl. Lain");
  req.join_kk = target.family.kk_number;
  auto r = svc_->Move(bandung_, req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "join_kk");
  EXPECT_EQ(*Get(origin.son).person.kk_number, origin.family.kk_number);
}

TEST_F(RegisterServiceTest, MoveMarksIssuedCardsForReprint) {
  const Household h = MakeHousehold();
  // The father holds an issued card; the mother is wajib KTP but not yet recorded.
  StoredPerson father = Get(h.father);
  father.person.ektp_status = EktpStatus::kCardIssued;
  ASSERT_TRUE(store_->UpdatePerson(father.person, father.version).ok());
  ASSERT_EQ(Get(h.mother).person.ektp_status, EktpStatus::kBelumRekam);

  auto r = svc_->Move(admin_,
                      MoveTo({h.father, h.mother, h.son, h.daughter}, "3204052001", "Jl. Raya Cileunyi No. 8", 4, 9));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->reprint.size(), 1u);
  EXPECT_EQ(r->reprint[0], h.father);
  EXPECT_EQ(Get(h.father).person.ektp_status, EktpStatus::kSentForCardPrinting);
  EXPECT_EQ(Get(h.mother).person.ektp_status, EktpStatus::kBelumRekam);
  EXPECT_EQ(Get(h.daughter).person.ektp_status, EktpStatus::kBelumWajib);
  EXPECT_TRUE(HasEvent(Events(h.father.digits()), static_cast<int>(EktpEvent::kReprintRequested)));
  EXPECT_FALSE(HasEvent(Events(h.mother.digits()), static_cast<int>(EktpEvent::kReprintRequested)));
}

TEST_F(RegisterServiceTest, MoveRefusesBadRequests) {
  const Household h = MakeHousehold();
  const Household other = MakeHousehold("3273011002");
  auto base = [&] { return MoveTo({h.son}, "3273021001", "Jl. X"); };
  MoveRequest no_movers = base();
  no_movers.movers.clear();
  EXPECT_EQ(svc_->Move(bandung_, no_movers).status().field(), "movers");
  MoveRequest district = base();
  district.destination = R("327302");
  EXPECT_EQ(svc_->Move(bandung_, district).status().field(), "destination");
  MoveRequest bad_rt = base();
  bad_rt.rt = 0;
  EXPECT_EQ(svc_->Move(bandung_, bad_rt).status().field(), "rt");
  MoveRequest two_kks = base();
  two_kks.movers = {h.son, other.son};
  EXPECT_EQ(svc_->Move(bandung_, two_kks).status().field(), "movers[1]");
  MoveRequest same_place = base();
  same_place.movers = {h.father, h.mother, h.son, h.daughter};
  same_place.destination = R("3273011001");  // the very address they live at
  same_place.alamat = "Jl. Setiabudi No. 12";
  same_place.rt = 2;
  same_place.rw = 5;
  EXPECT_EQ(svc_->Move(bandung_, same_place).status().field(), "destination");
  auto out_of_scope = svc_->Move(aceh_, base());
  ASSERT_FALSE(out_of_scope.ok());
  EXPECT_EQ(out_of_scope.status().code(), StatusCode::kNotFound);
  // Nothing moved.
  EXPECT_EQ(Get(h.son).person.wilayah, R("3273011001"));
  auto f = GetFamily(h.family.kk_number);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->members.size(), 4u);
}

TEST_F(RegisterServiceTest, MoveWithinTheSameVillageToAnotherAddress) {
  // A family moving to another street and RT of the same desa/kelurahan.
  const Household h = MakeHousehold();
  auto r = svc_->Move(bandung_, MoveTo({h.father, h.mother, h.son, h.daughter}, "3273011001", "Jl. Baru No. 77", 9, 8));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->destination_kk, h.family.kk_number);
  EXPECT_EQ(Get(h.son).person.alamat, "Jl. Baru No. 77");
  EXPECT_EQ(Get(h.son).person.rt, 9);
}

TEST_F(RegisterServiceTest, MoveValidatesTheAddress) {
  const Household h = MakeHousehold();
  auto r = svc_->Move(bandung_, MoveTo({h.son}, "3273011002", std::string(300, 'x')));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "alamat");
  EXPECT_EQ(Get(h.son).person.wilayah, R("3273011001"));
}

TEST_F(RegisterServiceTest, CreateFamilyValidatesTheAddress) {
  const StoredPerson a = Register(bandung_, "Andi Baso", "3273011001", D(1985, 1, 1), JenisKelamin::kLakiLaki);
  auto r = svc_->CreateFamily(
      bandung_, FamilyDraft{R("3273011001"), std::string(300, 'x'), 1, 1, {{a.person.nik, Shdk::kKepalaKeluarga}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "alamat");
}

TEST_F(RegisterServiceTest, AKkNumberIsNeverIssuedTwice) {
  // A family registered today moves away (its KK is dissolved); the next KK issued in the
  // district today must not carry the dissolved number.
  const Household first = MakeHousehold("3273011001");
  auto moved = svc_->Move(admin_, MoveTo({first.father, first.mother, first.son, first.daughter}, "3204052001"));
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  ASSERT_EQ(GetFamily(first.family.kk_number).status().code(), StatusCode::kNotFound);
  const Household second = MakeHousehold("3273011002");
  EXPECT_NE(second.family.kk_number, first.family.kk_number);
}

// ---- search ------------------------------------------------------------------------------

TEST_F(RegisterServiceTest, SearchFindsByNik) {
  const Household h = MakeHousehold();
  auto page = svc_->Search(bandung_, Query(h.mother.ToString()));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->persons.size(), 1u);
  EXPECT_EQ(page->persons[0].person.nik, h.mother);
  EXPECT_EQ(page->next_cursor, "");
  // With spaces around it, too.
  auto padded = svc_->Search(bandung_, Query(" " + h.mother.ToString() + " "));
  ASSERT_TRUE(padded.ok());
  ASSERT_EQ(padded->persons.size(), 1u);
  // Outside the caller's scope: nothing.
  auto outside = svc_->Search(aceh_, Query(h.mother.ToString()));
  ASSERT_TRUE(outside.ok()) << outside.status().ToString();
  EXPECT_TRUE(outside->persons.empty());
}

TEST_F(RegisterServiceTest, SearchFindsByKkNumber) {
  const Household h = MakeHousehold();
  MakeHousehold("3273011002");
  auto page = svc_->Search(bandung_, Query(h.family.kk_number.ToString()));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->persons.size(), 4u);
  std::set<std::string> found;
  for (const auto& p : page->persons) found.insert(p.person.nik.ToString());
  EXPECT_EQ(found, NiksOf(h.family));
  EXPECT_TRUE(std::is_sorted(page->persons.begin(), page->persons.end(),
                             [](const StoredPerson& a, const StoredPerson& b) { return a.person.nik < b.person.nik; }));
  auto outside = svc_->Search(aceh_, Query(h.family.kk_number.ToString()));
  ASSERT_TRUE(outside.ok());
  EXPECT_TRUE(outside->persons.empty());

  // Paged.
  auto first = svc_->Search(bandung_, Query(h.family.kk_number.ToString(), "", 3));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->persons.size(), 3u);
  ASSERT_NE(first->next_cursor, "");
  auto second = svc_->Search(bandung_, Query(h.family.kk_number.ToString(), first->next_cursor, 3));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->persons.size(), 1u);
  EXPECT_EQ(second->next_cursor, "");
  for (const auto& p : first->persons) found.erase(p.person.nik.ToString());
  found.erase(second->persons[0].person.nik.ToString());
  EXPECT_TRUE(found.empty());
}

TEST_F(RegisterServiceTest, SearchToleratesMisspeltNames) {
  const StoredPerson rizky = Register(bandung_, "Muhammad Rizky", "3273011001", D(1995, 4, 4), JenisKelamin::kLakiLaki);
  Register(bandung_, "Budi Santoso", "3273011001", D(1995, 4, 4), JenisKelamin::kLakiLaki);
  for (const char* query : {"Mohamad Riski", "muhammad rizky", "MUHAMAD RIZKI", "Mochammad Rizki", "M. Rizky"}) {
    auto page = svc_->Search(bandung_, Query(query));
    ASSERT_TRUE(page.ok()) << query << ": " << page.status().ToString();
    ASSERT_EQ(page->persons.size(), 1u) << query;
    EXPECT_EQ(page->persons[0].person.nik, rizky.person.nik) << query;
  }
  auto none = svc_->Search(bandung_, Query("Siti Rahayu"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->persons.empty());
}

TEST_F(RegisterServiceTest, SearchToleratesSpacingVariants) {
  const StoredPerson one_word = Register(bandung_, "Nurhayati", "3273011001", D(1970, 1, 1), JenisKelamin::kPerempuan);
  auto page = svc_->Search(bandung_, Query("Nur Hayati"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->persons.size(), 1u);
  EXPECT_EQ(page->persons[0].person.nik, one_word.person.nik);

  const StoredPerson two_words = Register(bandung_, "Sri Yani", "3273011001", D(1971, 1, 1), JenisKelamin::kPerempuan);
  auto other = svc_->Search(bandung_, Query("Sriyani"));
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_EQ(other->persons.size(), 1u);
  EXPECT_EQ(other->persons[0].person.nik, two_words.person.nik);
}

TEST_F(RegisterServiceTest, SearchNarrowsToTheCallersScope) {
  const StoredPerson bandung =
      Register(bandung_, "Muhammad Rizky", "3273011001", D(1995, 4, 4), JenisKelamin::kLakiLaki);
  const StoredPerson aceh = Register(aceh_, "Muhammad Rizky", "1101012001", D(1996, 5, 5), JenisKelamin::kLakiLaki);
  auto national = svc_->Search(admin_, Query("Muhammad Rizky"));
  ASSERT_TRUE(national.ok());
  EXPECT_EQ(national->persons.size(), 2u);

  auto from_bandung = svc_->Search(bandung_, Query("Muhammad Rizky"));
  ASSERT_TRUE(from_bandung.ok());
  ASSERT_EQ(from_bandung->persons.size(), 1u);
  EXPECT_EQ(from_bandung->persons[0].person.nik, bandung.person.nik);

  auto from_aceh = svc_->Search(aceh_, Query("Muhammad Rizky"));
  ASSERT_TRUE(from_aceh.ok());
  ASSERT_EQ(from_aceh->persons.size(), 1u);
  EXPECT_EQ(from_aceh->persons[0].person.nik, aceh.person.nik);

  // Asking for a region narrows further; asking outside the scope cannot widen it.
  auto narrowed = svc_->Search(admin_, Query("Muhammad Rizky", "", 20, "1101"));
  ASSERT_TRUE(narrowed.ok());
  ASSERT_EQ(narrowed->persons.size(), 1u);
  EXPECT_EQ(narrowed->persons[0].person.nik, aceh.person.nik);
  auto widened = svc_->Search(bandung_, Query("Muhammad Rizky", "", 20, "11"));
  ASSERT_TRUE(widened.ok());
  EXPECT_TRUE(widened->persons.empty());
  auto within = svc_->Search(bandung_, Query("Muhammad Rizky", "", 20, "327302"));
  ASSERT_TRUE(within.ok());
  EXPECT_TRUE(within->persons.empty());
}

TEST_F(RegisterServiceTest, SearchToleratesMisspellingsAmongManySimilarNames) {
  // A register of any size holds thousands of distinct name words starting with the same two
  // letters; the typo tolerance must not depend on how many of them sort before the match.
  std::vector<Person> others;
  for (int i = 0; i < 2100; ++i) {
    Person p = testing::SyntheticPerson(i, "3273021001");
    // Consonant-vowel words the spelling rules keep apart: "Riabab", "Riadab", ...
    static const char kC[] = "bdgklmnprst";
    static const char kV[] = "aiou";
    static const char kEnd[] = "klmnprst";
    p.nama = std::string("Ria") + kC[i % 11] + kV[i / 11 % 4] + kC[i / 44 % 11] + kV[i / 484 % 4] + kEnd[i / 1936 % 8];
    others.push_back(std::move(p));
  }
  const StoredPerson rizky = Register(bandung_, "Rizky", "3273011001", D(1995, 4, 4), JenisKelamin::kLakiLaki);
  auto before = svc_->Search(bandung_, Query("Riski"));
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->persons.size(), 1u) << "with few names the misspelling is found";
  ASSERT_TRUE(store_->InsertPersons(others).ok());
  auto tokens = store_->NameTokensWithPrefix("ri", 100000);
  ASSERT_TRUE(tokens.ok());
  ASSERT_GT(tokens->size(), 2000u);
  auto page = svc_->Search(bandung_, Query("Riski"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->persons.size(), 1u) << "the same search fails once many other words start with \"ri\"";
  EXPECT_EQ(page->persons[0].person.nik, rizky.person.nik);
}

TEST_F(RegisterServiceTest, SearchPaginatesWithNextCursor) {
  std::set<std::string> all;
  for (int i = 0; i < 5; ++i) {
    all.insert(Register(bandung_, "Siti Aminah", "3273011001", D(1980 + i, 6, 1), JenisKelamin::kPerempuan)
                   .person.nik.ToString());
  }
  Register(bandung_, "Budi Santoso", "3273011001", D(1980, 6, 1), JenisKelamin::kLakiLaki);
  std::vector<std::string> seen;
  std::string cursor;
  std::vector<size_t> sizes;
  for (int round = 0; round < 10; ++round) {
    auto page = svc_->Search(bandung_, Query("Siti Aminah", cursor, 2));
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    sizes.push_back(page->persons.size());
    for (const auto& p : page->persons) seen.push_back(p.person.nik.ToString());
    if (page->next_cursor.empty()) break;
    EXPECT_EQ(page->next_cursor, seen.back());
    cursor = page->next_cursor;
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{2, 2, 1}));
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), all);
  EXPECT_EQ(seen.size(), all.size()) << "no person on two pages";
}

TEST_F(RegisterServiceTest, SearchRefusesBadQueries) {
  auto short_number = svc_->Search(bandung_, Query("327301"));
  ASSERT_FALSE(short_number.ok());
  EXPECT_EQ(short_number.status().field(), "q");
  auto empty = svc_->Search(bandung_, Query("  "));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field(), "q");
  for (int limit : {0, -1, 101}) {
    auto bad = svc_->Search(bandung_, Query("Siti", "", limit));
    ASSERT_FALSE(bad.ok()) << limit;
    EXPECT_EQ(bad.status().field(), "limit");
  }
}


TEST_F(RegisterServiceTest, MarryingBefore17MakesAPersonWajibKtp) {
  const StoredPerson young = Register(bandung_, "Sari Wulandari", "3273011001", D(2011, 1, 1), JenisKelamin::kPerempuan);
  ASSERT_EQ(young.person.ektp_status, EktpStatus::kBelumWajib);
  Person married = young.person;
  married.status_perkawinan = StatusPerkawinan::kKawin;
  married.perkawinan_tercatat = PencatatanPerkawinan::kTercatat;
  auto r = svc_->UpdatePerson(bandung_, married, young.version);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Get(young.person.nik).person.ektp_status, EktpStatus::kBelumRekam) << "UU 24/2013 Ps. 63(1): married is wajib KTP";
  bool event = false;
  for (const auto& e : Events(young.person.nik.digits())) event |= e.type == static_cast<int>(EktpEvent::kBecameWajib);
  EXPECT_TRUE(event) << "the e-KTP lifecycle records becoming wajib";
}

TEST_F(RegisterServiceTest, ChangeHeadToTheCurrentHeadIsRefused) {
  const Household h = MakeHousehold();
  auto r = svc_->ChangeHead(bandung_, h.family.kk_number, h.father, Shdk::kFamiliLain);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "new_head");
  EXPECT_TRUE(svc_->GetFamily(bandung_, h.family.kk_number).ok()) << "the KK keeps its number";
}

TEST_F(RegisterServiceTest, FamilyMembersMustLiveInTheKksVillage) {
  const StoredPerson elsewhere = Register(bandung_, "Rudi Hartono", "3273011002", D(1980, 5, 5), JenisKelamin::kLakiLaki);
  FamilyDraft draft{R("3273011001"), "Jl. Setiabudi No. 1", 1, 1, {{elsewhere.person.nik, Shdk::kKepalaKeluarga}}};
  auto r = svc_->CreateFamily(bandung_, draft);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "members[0].nik");
  EXPECT_NE(r.status().rule().find("move"), std::string::npos);
  EXPECT_EQ(Get(elsewhere.person.nik).person.wilayah, R("3273011002")) << "nobody was moved silently";
}

}  // namespace
}  // namespace siak
