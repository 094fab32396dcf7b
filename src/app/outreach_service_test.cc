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
                          clock_.NowIso(), ""});
    ASSERT_TRUE(id.ok() && *id > 0);
  }
  // The same visit, household and channel again: not queued twice.
  auto again = os.Enqueue({0, "sms", "3273010101200001", "3273011001", 9, "lagi", "PENDING", 0, "", clock_.NowIso(), ""});
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
                           clock_.NowIso(), ""});
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
  // A district-scoped administrator flags only inside the scope.
  const Principal local{"local", Role::kAdmin, "3204"};
  EXPECT_EQ(outreach_->SetFlag(local, "32.73.01", "perbatasan", "uji", "").code(), StatusCode::kNotFound);
  Status inside = outreach_->SetFlag(local, "32.04.05", "perbatasan", "uji", "");
  EXPECT_TRUE(inside.ok()) << inside.ToString();
}

}  // namespace
}  // namespace siak
