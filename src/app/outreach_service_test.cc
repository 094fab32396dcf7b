// OutreachService on a real SQLite store with the official regions: the coverage history and
// the projection follow recordings; the outbox delivers once and gives up after three failures;
// the outermost small islands of the region data flag the districts named after them.
#include "app/outreach_service.h"

#include <fstream>

#include "app/register_test_fixture.h"

namespace siak {
namespace {

class OutreachServiceTest : public RegisterServiceTest {
 protected:
  void SetUp() override {
    RegisterServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto regions = store_->LoadRegions();
    ASSERT_TRUE(regions.ok());
    index_ = std::make_unique<RegionIndex>(std::move(*regions));
    outreach_ = std::make_unique<OutreachService>(*store_, clock_, *index_);
  }
  void TearDown() override {
    outreach_.reset();
    RegisterServiceTest::TearDown();
  }
  // Marks the person recorded (the status the e-KTP module sets when a recording is submitted).
  void MarkRecorded(const Nik& nik) {
    auto p = store_->GetPerson(nik);
    ASSERT_TRUE(p.ok());
    Person person = p->person;
    person.ektp_status = EktpStatus::kSentForEnrollment;
    ASSERT_TRUE(store_->UpdatePerson(person, p->version).ok());
  }
  std::unique_ptr<RegionIndex> index_;
  std::unique_ptr<OutreachService> outreach_;
};

TEST_F(OutreachServiceTest, TheProjectionFollowsTheRecordingsOfTheWeeks) {
  std::vector<Nik> adults;
  for (int i = 0; i < 10; ++i) {
    StoredPerson p = Register(admin_, "Warga Uji", "3273051001", D(1990, 1, 1 + i), JenisKelamin::kLakiLaki);
    ASSERT_EQ(p.person.ektp_status, EktpStatus::kBelumRekam);
    adults.push_back(p.person.nik);
  }
  ASSERT_TRUE(outreach_->SetTarget(admin_, "3273", 0.9, clock_.Today().AddDays(365)).ok());
  // Weekly snapshots: 0, 2 and 4 recorded; today 6.
  for (int week = 0; week < 3; ++week) {
    ASSERT_TRUE(outreach_->Snapshot(clock_.Today()).ok());
    for (int i = 0; i < 2; ++i) MarkRecorded(adults[2 * week + i]);
    clock_.Advance(7 * 86400);
  }
  auto rows = outreach_->Projections(admin_, "32.73.05");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);  // the one village with residents
  const RegionProjection& r = (*rows)[0];
  EXPECT_EQ(r.region_code, "3273051001");
  EXPECT_EQ(r.recorded, 6);
  EXPECT_EQ(r.wajib_ktp, 10);
  EXPECT_FALSE(r.default_target);
  EXPECT_EQ(r.projection.status, ProjectionStatus::kOnTrack);
  EXPECT_EQ(r.projection.remaining, 3);
  EXPECT_NEAR(r.projection.recorded_per_week, 2.0, 1e-9);
  // 0.3 of rate to gain at 0.2 a week: 10.5 days, so the 11th day from today.
  ASSERT_TRUE(r.projection.projected.has_value());
  EXPECT_EQ(*r.projection.projected, clock_.Today().AddDays(11));
  // One more recording today moves the projection earlier.
  MarkRecorded(adults[6]);
  auto after = outreach_->Projections(admin_, "32.73.05");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)[0].recorded, 7);
  EXPECT_LT(*(*after)[0].projection.projected, *r.projection.projected);
  // Outside the caller's scope: not found.
  const Principal aceh{"aceh", Role::kSupervisor, "11"};
  EXPECT_EQ(outreach_->Projections(aceh, "32.73").status().code(), StatusCode::kNotFound);
}

class FailingSender final : public OutboxSender {
 public:
  Status Send(const OutboxRecord&) override {
    ++calls;
    return Status::Unavailable("gateway down");
  }
  int calls = 0;
};

TEST_F(OutreachServiceTest, TheOutboxDeliversOnceAndGivesUpAfterThreeFailures) {
  OutreachStore os(*store_);
  for (const char* kk : {"3273010101200001", "3273010101200002"}) {
    auto id = os.Enqueue({0, "sms", kk, "3273011001", 9, "Yth. Bpk/Ibu: undangan perekaman KTP-el", "PENDING", 0, "",
                          clock_.NowIso(), "", ""});
    ASSERT_TRUE(id.ok() && *id > 0);
  }
  // The same visit, household and channel again: not queued twice.
  auto again = os.Enqueue({0, "sms", "3273010101200001", "3273011001", 9, "lagi", "PENDING", 0, "", clock_.NowIso(), "", ""});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);

  FailingSender failing;
  for (int round = 0; round < 3; ++round) {
    auto sent = outreach_->Deliver(failing, 10);
    ASSERT_TRUE(sent.ok());
    EXPECT_EQ(*sent, 0);
  }
  EXPECT_EQ(failing.calls, 6);
  auto pending = os.Pending(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());  // both FAILED after three attempts
  auto all = os.Outbox("", 0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].state, "FAILED");
  EXPECT_EQ((*all)[0].attempts, 3);
  EXPECT_NE((*all)[0].last_error.find("gateway down"), std::string::npos);

  auto third = os.Enqueue({0, "whatsapp", "3273010101200001", "3273011001", 9, "Undangan", "PENDING", 0, "",
                           clock_.NowIso(), "", ""});
  ASSERT_TRUE(third.ok() && *third > 0);
  const std::string file = dir_ + "/outbox.jsonl";
  FileOutboxSender sender(file);
  auto sent = outreach_->Deliver(sender, 10);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, 1);
  auto none = outreach_->Deliver(sender, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  std::ifstream in(file);
  std::string line, lines;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    lines += line;
  }
  EXPECT_EQ(n, 1);
  EXPECT_NE(lines.find("\"channel\":\"whatsapp\""), std::string::npos) << lines;
}

TEST_F(OutreachServiceTest, OutermostSmallIslandsFlagTheDistrictsNamedAfterThem) {
  auto seed = outreach_->SeedIslandFlags(admin_);
  ASSERT_TRUE(seed.ok()) << seed.status().ToString();
  EXPECT_GT(seed->flagged, 10);
  auto flags = outreach_->Flags(admin_, "71.04");  // Kepulauan Talaud
  ASSERT_TRUE(flags.ok());
  bool miangas = false;
  for (const auto& f : *flags) miangas = miangas || (f.region_code == "710413" && f.flag == "pulau_terluar");
  EXPECT_TRUE(miangas);
  // Pulau Weh is all of Kota Sabang: no district is named after it, so a person must flag it.
  EXPECT_NE(std::find(seed->unmatched.begin(), seed->unmatched.end(), "Pulau Weh (11.72)"), seed->unmatched.end());
  // A word of a kecamatan's name is not enough: Pasie Raya (Aceh Jaya) is not Pulau Raya.
  auto aceh_jaya = outreach_->Flags(admin_, "11.14");
  ASSERT_TRUE(aceh_jaya.ok());
  for (const auto& f : *aceh_jaya) EXPECT_NE(f.region_code, "111409") << f.source;
  EXPECT_NE(std::find_if(seed->review.begin(), seed->review.end(),
                         [](const std::string& r) { return r.find("Pasie Raya") != std::string::npos; }),
            seed->review.end());
  // Compass words after the name are the island still: Rupat Utara (Bengkalis).
  auto bengkalis = outreach_->Flags(admin_, "14.03");
  ASSERT_TRUE(bengkalis.ok());
  bool rupat_utara = false;
  for (const auto& f : *bengkalis) rupat_utara = rupat_utara || f.region_code == "140311";
  EXPECT_TRUE(rupat_utara);
  // A regency-scoped administrator flags only inside the scope.
  const Principal local{"local", Role::kAdmin, "3204"};
  EXPECT_EQ(outreach_->SetFlag(local, "32.73.01", "perbatasan", "uji", "").status().code(), StatusCode::kNotFound);
  auto inside = outreach_->SetFlag(local, "32.04.05", "perbatasan", "uji", "");
  ASSERT_TRUE(inside.ok()) << inside.status().ToString();
  EXPECT_EQ(inside->region_code, "320405");
  EXPECT_EQ(inside->set_by, "local");
}

TEST_F(OutreachServiceTest, ARepeatedReportOpensOneTaskAndACorrectedOneWithdrawsIt) {
  StoredPerson p = Register(admin_, "Warga Pindah", "3273051001", D(1990, 1, 1), JenisKelamin::kLakiLaki);
  StoredPerson q = Register(admin_, "Warga Lain", "3273051001", D(1991, 1, 1), JenisKelamin::kLakiLaki);
  TeamInput team{"Tim Uji", "32.73", "327305", {"Dedi"}, {"KIT-1"}, 50, "1234567"};
  auto t = outreach_->CreateTeam(admin_, team);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  PlanRequest req;
  req.region = "32.73.05";
  req.from = clock_.Today();
  req.to = clock_.Today().AddDays(6);
  auto plan = outreach_->MakePlan(admin_, req);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_FALSE(plan->visits.empty());
  const int64_t visit = plan->visits[0].id;
  const std::string nik(p.person.nik.digits());
  for (int i = 0; i < 2; ++i) {
    auto o = outreach_->RecordOutcome(admin_, visit, {nik, "moved_away", "", "ke Jakarta"});
    ASSERT_TRUE(o.ok()) << o.status().ToString();
  }
  auto open = outreach_->Tasks(admin_, "32.73.05", "OPEN", 0, 100);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);  // retried: still one task
  // The team corrects itself: not moved, just not at home. The task is withdrawn.
  ASSERT_TRUE(outreach_->RecordOutcome(admin_, visit, {nik, "not_at_home", "", ""}).ok());
  open = outreach_->Tasks(admin_, "32.73.05", "OPEN", 0, 100);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  auto dismissed = outreach_->Tasks(admin_, "32.73.05", "DISMISSED", 0, 100);
  ASSERT_TRUE(dismissed.ok());
  ASSERT_EQ(dismissed->size(), 1u);
  EXPECT_NE((*dismissed)[0].resolution.find("not_at_home"), std::string::npos);
  // A plan of the regency over the same days would send the same team twice: refused by name.
  PlanRequest wide = req;
  wide.region = "32.73";
  auto overlap = outreach_->MakePlan(admin_, wide);
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.status().code(), StatusCode::kConflict);
  EXPECT_EQ(overlap.status().field(), "region_code");
  // A re-plan: the visit made stays DONE in the old plan; the new plan's visits are new.
  ASSERT_TRUE(outreach_->RecordOutcome(admin_, visit, {std::string(q.person.nik.digits()), "refused", "", ""}).ok());
  auto replan = outreach_->MakePlan(admin_, req);
  ASSERT_TRUE(replan.ok()) << replan.status().ToString();
  for (const auto& v : replan->visits) EXPECT_NE(v.id, visit);
  auto old_plan = outreach_->GetPlan(admin_, plan->plan.id);
  ASSERT_TRUE(old_plan.ok());
  EXPECT_EQ(old_plan->plan.state, "SUPERSEDED");
  for (const auto& v : old_plan->visits) EXPECT_EQ(v.state, v.id == visit ? "DONE" : "CANCELLED");
  // A planned visit the re-plan cancelled takes no outcome.
  for (const auto& v : old_plan->visits) {
    if (v.state == "CANCELLED") {
      EXPECT_EQ(outreach_->RecordOutcome(admin_, v.id, {nik, "refused", "", ""}).status().code(),
                StatusCode::kFailedPrecondition);
    }
  }
  // The refusing person is not planned again: only the one not at home is.
  int64_t planned = 0;
  for (const auto& v : replan->visits) planned += v.village_code == "3273051001" ? v.planned : 0;
  EXPECT_EQ(planned, 1);
  auto progress = outreach_->Progress(admin_, replan->plan.id);
  ASSERT_TRUE(progress.ok());
  EXPECT_TRUE(progress->outcomes.empty());
}

}  // namespace
}  // namespace siak
