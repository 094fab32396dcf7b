#include "app/civil_service.h"

#include "app/civil_test_fixture.h"
#include "app/civil_kinds.h"
#include "card/akta_render.h"
#include "store/abis_store.h"

namespace siak {
namespace {

// The issue's "done when", first half: an officer declares a birth to a family, a supervisor
// registers it, the child appears in the KK with a valid NIK, and every effect is traceable.
TEST_F(CivilServiceTest, ADeclaredBirthRegisteredPutsTheChildInTheKkWithANik) {
  Household h = MakeHousehold();
  auto declared = civil_->DeclareBirth(officer_, Birth(h, "Putri Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(declared.ok()) << declared.status().ToString();
  EXPECT_EQ(declared->state, "DECLARED");
  EXPECT_EQ(declared->timeliness, "on_time");
  // Declaring changes nothing in the register.
  EXPECT_EQ(GetFamily(h.family.kk_number)->members.size(), 4u);

  auto registered = civil_->Register(supervisor_, declared->id);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->state, "REGISTERED");
  EXPECT_EQ(registered->akta_number, "3273-LT-28112026-0001");
  EXPECT_EQ(registered->decided_by, "spv.bandung");
  const Nik child = N(registered->subject_nik);
  const StoredPerson p = Get(child);
  EXPECT_EQ(p.person.nama, "Putri Santoso");
  EXPECT_EQ(p.person.tanggal_lahir, D(2026, 11, 20));
  EXPECT_EQ(p.person.nama_ibu, "Siti Aminah");
  EXPECT_EQ(p.person.nama_ayah, "Budi Santoso");
  EXPECT_TRUE(child.CheckAgainst(D(2026, 11, 20), JenisKelamin::kPerempuan).empty()) << "the NIK encodes the birth";
  EXPECT_EQ(child.district_digits(), "327301");
  auto family = GetFamily(h.family.kk_number);
  ASSERT_TRUE(family.ok());
  EXPECT_EQ(family->members.size(), 5u);
  EXPECT_EQ(ShdkOf(*family, child), Shdk::kAnak);
  // Traceable: the child's events name the civil event and the akta.
  const auto events = Events(child.digits());
  EXPECT_TRUE(HasEvent(events, static_cast<int>(RegisterEvent::kPersonRegistered)));
  auto birth = LastEvent(events, static_cast<int>(RegisterEvent::kBirthRegistered));
  ASSERT_TRUE(birth.has_value());
  EXPECT_TRUE(Contains(birth->payload, "\"civil_event\":" + std::to_string(declared->id))) << birth->payload;
  EXPECT_TRUE(Contains(birth->payload, "3273-LT-28112026-0001"));
  // Once registered, never again; the next birth that day gets the next number.
  EXPECT_EQ(civil_->Register(supervisor_, declared->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(civil_->Reject(supervisor_, declared->id, "terlambat dicek").status().code(), StatusCode::kConflict);
  auto twin = civil_->DeclareBirth(officer_, Birth(h, "Putra Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(twin.ok());
  auto twin_reg = civil_->Register(supervisor_, twin->id);
  ASSERT_TRUE(twin_reg.ok()) << twin_reg.status().ToString();
  EXPECT_EQ(twin_reg->akta_number, "3273-LT-28112026-0002");
  EXPECT_NE(twin_reg->subject_nik, registered->subject_nik);
}

TEST_F(CivilServiceTest, RejectionKeepsTheReasonAndChangesNothing) {
  Household h = MakeHousehold();
  auto declared = civil_->DeclareBirth(officer_, Birth(h, "Putri Santoso", D(2026, 11, 1)));
  ASSERT_TRUE(declared.ok());
  EXPECT_EQ(civil_->Reject(supervisor_, declared->id, "no").status().field(), "reason");
  auto rejected = civil_->Reject(supervisor_, declared->id, "surat keterangan lahir tidak ada");
  ASSERT_TRUE(rejected.ok()) << rejected.status().ToString();
  EXPECT_EQ(rejected->state, "REJECTED");
  EXPECT_EQ(rejected->reason, "surat keterangan lahir tidak ada");
  EXPECT_EQ(civil_->Register(supervisor_, declared->id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(GetFamily(h.family.kk_number)->members.size(), 4u);
  // Outside the caller's scope the event does not exist.
  EXPECT_EQ(civil_->Get(aceh_, declared->id).status().code(), StatusCode::kNotFound);
  auto listed = civil_->List(officer_, 0, 50);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(civil_->List(aceh_, 0, 50)->empty());
}

TEST_F(CivilServiceTest, DeclarationsBreakingARuleNameTheField) {
  Household h = MakeHousehold();
  auto field_of = [&](BirthDeclaration b) { return civil_->DeclareBirth(officer_, b).status().field(); };
  BirthDeclaration b = Birth(h, "Putri", D(2026, 11, 29));  // tomorrow
  EXPECT_EQ(field_of(b), "tanggal_lahir");
  b = Birth(h, "Putri", D(2026, 9, 1));  // 88 days ago: late, needs the Dinas's decision
  EXPECT_EQ(field_of(b), "late_decision");
  b.late_decision = "Keputusan Kadis No. 470/12/2026, 2026-11-27";
  auto late = civil_->DeclareBirth(officer_, b);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->timeliness, "late");
  EXPECT_EQ(field_of(Birth(h, "Putri 2", D(2026, 11, 20))), "nama") << "the register's name rule, at declaring";
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.tempat_lahir = " Bandung";
  EXPECT_EQ(field_of(b), "tempat_lahir");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.waktu_lahir = "25:00";
  EXPECT_EQ(field_of(b), "waktu_lahir");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.penolong = "tetangga";
  EXPECT_EQ(field_of(b), "penolong");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.saksi = {"Ujang"};
  EXPECT_EQ(field_of(b), "saksi");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.ibu = h.father;  // not a woman
  EXPECT_EQ(field_of(b), "ibu");
  b = Birth(h, "Putri", D(2025, 6, 1));
  b.late_decision = "Keputusan Kadis No. 470/13/2026";
  b.ibu = h.daughter;  // 9 years old at that birth: not a plausible mother
  EXPECT_EQ(field_of(b), "ibu");
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.ayah = h.son;  // 21: fine as a father by age
  EXPECT_TRUE(civil_->DeclareBirth(officer_, b).ok());
  b = Birth(h, "Putri", D(2026, 11, 20));
  b.ibu.reset();
  EXPECT_EQ(field_of(b), "ibu");  // neither a NIK nor a name
  b.nama_ibu = "Siti";
  EXPECT_TRUE(civil_->DeclareBirth(officer_, b).ok());
  // A family outside the officer's scope is not found.
  EXPECT_EQ(civil_->DeclareBirth(aceh_, Birth(h, "Putri", D(2026, 11, 20))).status().code(), StatusCode::kNotFound);
}


TEST_F(CivilServiceTest, EveryKindHasItsChecksAndEffects) {
  for (const VitalEventRule& rule : kVitalEventRules) {
    const civil::KindOps& ops = civil::OpsOf(rule.kind);
    EXPECT_EQ(ops.kind, rule.kind) << rule.name;
    EXPECT_NE(ops.check, nullptr);
    EXPECT_NE(ops.apply, nullptr);
  }
}

TEST_F(CivilServiceTest, ACorrectionIsAFurtherEventAndTheOriginalStaysVisible) {
  Household h = MakeHousehold();
  auto d = civil_->DeclareBirth(officer_, Birth(h, "Putri Santso", D(2026, 11, 20)));
  ASSERT_TRUE(d.ok());
  auto birth = civil_->Register(supervisor_, d->id);
  ASSERT_TRUE(birth.ok());
  const Nik child = N(birth->subject_nik);
  // What may be corrected, and how a refusal reads.
  auto bad = civil_->DeclareCorrection(officer_, birth->id, R"({"tanggal_lahir":"2026-11-19"})", "salah ketik",
                                       "Surat keterangan lahir RS No. 12");
  EXPECT_EQ(bad.status().field(), "changes.tanggal_lahir");
  EXPECT_EQ(civil_->DeclareCorrection(officer_, birth->id, R"({"waktu_lahir":"6.45"})", "salah ketik", "SKL No. 12")
                .status()
                .field(),
            "changes.waktu_lahir");
  EXPECT_EQ(civil_->DeclareCorrection(officer_, birth->id, R"({"nama":"Putri Santso"})", "salah ketik", "SKL No. 12")
                .status()
                .field(),
            "changes.nama")
      << "what it already says";
  EXPECT_EQ(civil_->DeclareCorrection(officer_, birth->id, R"({"nama":"Putri Santoso"})", "x", "SKL").status().field(),
            "reason");
  EXPECT_EQ(civil_->DeclareCorrection(officer_, d->id + 99, R"({"nama":"A"})", "salah ketik", "SKL").status().code(),
            StatusCode::kNotFound);
  auto fix = civil_->DeclareCorrection(officer_, birth->id, R"({"nama":"Putri Santoso","tempat_lahir":"Cimahi"})",
                                       "salah ketik nama dan tempat", "Surat keterangan lahir RS No. 12");
  ASSERT_TRUE(fix.ok()) << fix.status().ToString();
  EXPECT_EQ(fix->corrects, birth->id);
  EXPECT_EQ(Get(child).person.nama, "Putri Santso") << "a declaration changes nothing yet";
  auto done = civil_->Register(supervisor_, fix->id);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(civil_->Get(supervisor_, birth->id)->state, "CORRECTED");
  EXPECT_EQ(Get(child).person.nama, "Putri Santoso");
  EXPECT_EQ(Get(child).person.tempat_lahir, "Cimahi");
  EXPECT_TRUE(HasEvent(Events(child.digits()), static_cast<int>(RegisterEvent::kPersonCorrected)));
  // The akta: the original number, the corrected words, a marginal note of the correction.
  auto akta = civil_->Akta(supervisor_, birth->id);
  ASSERT_TRUE(akta.ok()) << akta.status().ToString();
  EXPECT_EQ(akta->akta_number, birth->akta_number);
  EXPECT_EQ(akta->title, "KUTIPAN AKTA KELAHIRAN");
  bool named = false;
  for (const auto& [label, value] : akta->fields) named |= label == "Nama" && value == "Putri Santoso";
  EXPECT_TRUE(named);
  ASSERT_EQ(akta->marginal_notes.size(), 1u);
  EXPECT_TRUE(Contains(akta->marginal_notes[0], "nama menjadi Putri Santoso")) << akta->marginal_notes[0];
  // A later change of name stands: correcting the akta's name again changes the akta only.
  Registered(VitalEventKind::kPerubahanNama, CivilJson{{"nik", std::string(child.digits())},
                                                      {"nama_baru", "Putri Kirana"},
                                                      {"pengadilan", "Pengadilan Negeri Bandung"},
                                                      {"nomor_penetapan", "56/Pdt.P/2026/PN.Bdg"},
                                                      {"tanggal_penetapan", "2026-11-27"}});
  auto again = civil_->DeclareCorrection(officer_, birth->id, R"({"nama":"Putri Santosa"})", "salah ketik lagi",
                                         "Surat keterangan lahir RS No. 12");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto again_done = civil_->Register(supervisor_, again->id);
  ASSERT_TRUE(again_done.ok()) << again_done.status().ToString();
  EXPECT_EQ(Get(child).person.nama, "Putri Kirana");
  EXPECT_EQ(Effects(*again_done)["register"]["kept"][0], "nama");
  // The correction itself is not corrected: the original is named.
  EXPECT_EQ(civil_->DeclareCorrection(officer_, fix->id, R"({"nama":"B"})", "salah lagi", "SKL").status().field(),
            "event_id");
}

TEST_F(CivilServiceTest, ACancelledDeathBringsThePersonBackAndItsAktaIsNoLongerIssued) {
  Household h = MakeHousehold();
  const CivilEventRecord death = Registered(VitalEventKind::kKematian, Death(h.son, D(2026, 11, 27)));
  ASSERT_EQ(Get(h.son).person.status_dasar, StatusDasar::kMati);
  auto rendered = civil_->RenderAkta(supervisor_, death.id, "pdf");
  ASSERT_TRUE(rendered.ok()) << rendered.status().ToString();
  EXPECT_EQ(civil_->DeclareCancellation(officer_, death.id, "     ", "Putusan").status().field(), "reason");
  auto cancel = civil_->DeclareCancellation(officer_, death.id, "orangnya ternyata masih hidup",
                                            "Putusan PN Bandung No. 9/Pdt.P/2026");
  ASSERT_TRUE(cancel.ok()) << cancel.status().ToString();
  ASSERT_TRUE(civil_->Register(supervisor_, cancel->id).ok());
  EXPECT_EQ(civil_->Get(supervisor_, death.id)->state, "CANCELLED");
  EXPECT_EQ(Get(h.son).person.status_dasar, StatusDasar::kHidup);
  EXPECT_EQ(Effects(*civil_->Get(supervisor_, cancel->id))["to_restore"][0], "kk");
  EXPECT_EQ(civil_->Akta(supervisor_, death.id).status().code(), StatusCode::kConflict);
  EXPECT_EQ(civil_->DeclareCancellation(officer_, death.id, "sekali lagi", "Putusan").status().code(),
            StatusCode::kConflict)
      << "cancelled is final";
  // Cancelled events are not counted in the statistics.
  auto stats = civil_->Statistics(supervisor_, "", 4, D(2026, 1, 1), D(2026, 12, 31));
  ASSERT_TRUE(stats.ok());
  EXPECT_TRUE(stats->empty());
}

TEST_F(CivilServiceTest, ACancelledDeathOfAHusbandMarriesTheWidowAgainAndEnrolsHimAgain) {
  Household h = MakeHousehold();
  AbisJobRecord job;
  job.recording_id = "rec-ayah";
  job.nik = std::string(h.father.digits());
  job.region_code = "3273011001";
  job.templates = "00";
  job.state = "queued";
  job.submitted_by = "rekam";
  job.captured_at = job.submitted_at = "2026-01-01T00:00:00Z";
  auto id = AbisStore(*store_).InsertJob(job);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(AbisStore(*store_).FinishJob(*id, "UNIQUE", "{}", "2026-01-01T00:00:01Z").ok());
  ASSERT_TRUE(AbisStore(*store_).LogGallery(job.nik, "add", *id, "32", "2026-01-01T00:00:01Z").ok());
  const CivilEventRecord death = Registered(VitalEventKind::kKematian, Death(h.son, D(2026, 11, 27)));
  const CivilEventRecord his = Registered(VitalEventKind::kKematian, Death(h.father, D(2026, 11, 27)));
  EXPECT_EQ(Get(h.mother).person.status_perkawinan, StatusPerkawinan::kCeraiMati);
  EXPECT_FALSE(AbisStore(*store_).EnrolledJob(job.nik)->has_value());
  auto cancel = civil_->DeclareCancellation(officer_, his.id, "salah orang", "Putusan PN Bandung No. 10/Pdt.P/2026");
  ASSERT_TRUE(cancel.ok());
  ASSERT_TRUE(civil_->Register(supervisor_, cancel->id).ok());
  EXPECT_EQ(Get(h.father).person.status_dasar, StatusDasar::kHidup);
  EXPECT_EQ(Get(h.mother).person.status_perkawinan, StatusPerkawinan::kKawin);
  EXPECT_EQ(AbisStore(*store_).EnrolledJob(job.nik)->value_or(0), *id);
  (void)death;
}

TEST_F(CivilServiceTest, TheAktaRendersWithASignedReferenceAnyoneCanCheck) {
  Household h = MakeHousehold();
  auto d = civil_->DeclareBirth(officer_, Birth(h, "Putri Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(d.ok());
  auto birth = civil_->Register(supervisor_, d->id);
  ASSERT_TRUE(birth.ok());
  auto pdf = civil_->RenderAkta(supervisor_, birth->id, "pdf");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  auto png = civil_->RenderAkta(supervisor_, birth->id, "png");
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(png->substr(1, 3), "PNG");
  EXPECT_EQ(civil_->RenderAkta(supervisor_, birth->id, "gif").status().field(), "format");
  EXPECT_EQ(civil_->RenderAkta(aceh_, birth->id, "pdf").status().code(), StatusCode::kNotFound);
  // The reference the QR carries verifies offline with the public key, and against the register.
  auto ref = card::SignAktaReference({birth->akta_number, "kelahiran", birth->subject_nik, 1}, key_);
  ASSERT_TRUE(ref.ok());
  auto offline = card::VerifyAktaReference(*ref, key_.public_key());
  ASSERT_TRUE(offline.ok());
  EXPECT_EQ(offline->akta_number, birth->akta_number);
  auto check = civil_->CheckReference(*ref);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->valid) << check->problem;
  EXPECT_EQ(check->nik_masked.substr(6, 6), "******");
  std::string forged = *ref;
  const size_t sig = forged.rfind('.') + 5;  // a character of the signature
  forged[sig] = forged[sig] == 'A' ? 'B' : 'A';
  auto forged_check = civil_->CheckReference(forged);
  ASSERT_TRUE(forged_check.ok());
  EXPECT_FALSE(forged_check->signature_valid);
  EXPECT_FALSE(forged_check->problem.empty());
  std::string renumbered = *ref;
  renumbered.replace(renumbered.find("-0001."), 6, "-0002.");  // another akta, the same signature
  EXPECT_FALSE(civil_->CheckReference(renumbered)->signature_valid);
  auto other_key = card::SigningKey::Generate();
  auto foreign = card::SignAktaReference({birth->akta_number, "kelahiran", birth->subject_nik, 1}, other_key);
  EXPECT_FALSE(civil_->CheckReference(*foreign)->valid) << "signed by another key";
  // A second kutipan: copy 2, counted, and its reference says so.
  auto copy = civil_->IssueCopy(officer_, birth->id);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ(copy->copy, 2);
  EXPECT_EQ(civil_->CheckReference(*ref)->latest_copy, 2);
  EXPECT_TRUE(HasEvent(Events(birth->subject_nik), static_cast<int>(RegisterEvent::kAktaCopyIssued)));
}

TEST_F(CivilServiceTest, VitalStatisticsCountByRegionMonthAndTimeliness) {
  Household h = MakeHousehold();
  Household g = MakeHousehold("3273021001");
  for (const auto& [household, born] : {std::pair{&h, D(2026, 11, 20)}, std::pair{&g, D(2026, 10, 30)}}) {
    auto d = civil_->DeclareBirth(officer_, Birth(*household, "Anak", born));
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    ASSERT_TRUE(civil_->Register(supervisor_, d->id).ok());
  }
  BirthDeclaration late = Birth(h, "Anak Telat", D(2026, 8, 1));
  late.late_decision = "Keputusan Kadis No. 1/2026";
  auto d = civil_->DeclareBirth(officer_, late);
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(civil_->Register(supervisor_, d->id).ok());
  Registered(VitalEventKind::kKematian, Death(g.son, D(2026, 11, 27)));
  auto declared_only = civil_->DeclareBirth(officer_, Birth(h, "Belum", D(2026, 11, 21)));
  ASSERT_TRUE(declared_only.ok());

  auto stats = civil_->Statistics(supervisor_, "3273", 6, D(2026, 1, 1), D(2026, 12, 31));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  std::map<std::string, int64_t> by;  // kind/region/month/timeliness
  for (const auto& c : *stats) by[c.kind + "/" + c.region + "/" + c.month + "/" + c.timeliness] += c.count;
  EXPECT_EQ(by["kelahiran/327301/2026-11/on_time"], 1);
  EXPECT_EQ(by["kelahiran/327301/2026-08/late"], 1);
  EXPECT_EQ(by["kelahiran/327302/2026-10/on_time"], 1);
  EXPECT_EQ(by["kematian/327302/2026-11/on_time"], 1);
  EXPECT_EQ(by.size(), 4u) << "the declaration not yet registered is not counted";
  auto november = civil_->Statistics(supervisor_, "", 4, D(2026, 11, 1), D(2026, 11, 30));
  ASSERT_TRUE(november.ok());
  int64_t total = 0;
  for (const auto& c : *november) total += c.count;
  EXPECT_EQ(total, 2);
  EXPECT_EQ(civil_->Statistics(aceh_, "3273", 6, D(2026, 1, 1), D(2026, 12, 31)).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(civil_->Statistics(aceh_, "", 4, D(2026, 1, 1), D(2026, 12, 31))->empty());
  EXPECT_EQ(civil_->Statistics(supervisor_, "32x", 4, D(2026, 1, 1), D(2026, 12, 31)).status().field(), "region");
  EXPECT_EQ(civil_->Statistics(supervisor_, "", 5, D(2026, 1, 1), D(2026, 12, 31)).status().field(), "level");
}

TEST_F(CivilServiceTest, SupportingDocumentsAreCheckedByTheirBytesAndKeptWithTheirHash) {
  Household h = MakeHousehold();
  auto d = civil_->DeclareBirth(officer_, Birth(h, "Putri Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(d.ok());
  const std::string pdf = "%PDF-1.4\nsurat keterangan lahir";
  auto a = civil_->AddAttachment(officer_, d->id, "surat_keterangan_lahir", "skl.pdf", "application/pdf", pdf);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->size, static_cast<int64_t>(pdf.size()));
  EXPECT_EQ(a->sha256.size(), 64u);
  auto field_of = [&](const std::string& jenis, const std::string& name, const std::string& type, std::string bytes) {
    return civil_->AddAttachment(officer_, d->id, jenis, name, type, std::move(bytes)).status().field();
  };
  EXPECT_EQ(field_of("foto_bayi", "a.pdf", "application/pdf", pdf), "jenis");
  EXPECT_EQ(field_of("lainnya", "../a.pdf", "application/pdf", pdf), "name");
  EXPECT_EQ(field_of("lainnya", "a\".pdf", "application/pdf", pdf), "name");
  EXPECT_EQ(field_of("lainnya", "a.gif", "image/gif", "GIF89a"), "content_type");
  EXPECT_EQ(field_of("lainnya", "a.png", "image/png", pdf), "content") << "a PDF sent as a PNG";
  EXPECT_EQ(field_of("lainnya", "a.pdf", "application/pdf", ""), "content");
  EXPECT_EQ(field_of("lainnya", "a.pdf", "application/pdf", "%PDF-" + std::string(1 << 20, 'x')), "content");
  const std::string jpeg = "\xFF\xD8\xFF\xE0 ktp saksi";
  ASSERT_TRUE(civil_->AddAttachment(officer_, d->id, "ktp_saksi", "saksi.jpg", "image/jpeg", jpeg).ok());
  auto list = civil_->Attachments(supervisor_, d->id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_TRUE(list->front().content.empty()) << "the list carries metadata only";
  auto got = civil_->GetAttachment(supervisor_, d->id, list->back().id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->content, jpeg);
  EXPECT_EQ(civil_->GetAttachment(supervisor_, d->id + 1, list->back().id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(civil_->Attachments(aceh_, d->id).status().code(), StatusCode::kNotFound);
  // At most ten; none once the declaration is decided.
  for (int i = 2; i < 10; ++i) {
    ASSERT_TRUE(civil_->AddAttachment(officer_, d->id, "lainnya", "x.pdf", "application/pdf", pdf).ok()) << i;
  }
  EXPECT_EQ(field_of("lainnya", "x.pdf", "application/pdf", pdf), "content");
  auto e = civil_->DeclareBirth(officer_, Birth(h, "Putra Santoso", D(2026, 11, 20)));
  ASSERT_TRUE(e.ok());
  ASSERT_TRUE(civil_->Register(supervisor_, e->id).ok());
  EXPECT_EQ(civil_->AddAttachment(officer_, e->id, "lainnya", "x.pdf", "application/pdf", pdf).status().code(),
            StatusCode::kConflict);
}

}  // namespace
}  // namespace siak
