#include "app/dedup_service.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "abis/synthetic_finger.h"
#include "abis/synthetic_iris.h"
#include "app/register_events.h"
#include "domain/ektp_status.h"
#include "store/store.h"
#include "tests/support/synthetic_person.h"

namespace siak {
namespace {

using abis::Eye;
using abis::IrisTemplate;
using abis::SyntheticIrises;

constexpr int64_t kNow = 1795852800;  // 2026-11-28T08:00:00Z

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "siak-dedup-XXXXXX").string();
  return mkdtemp(tmpl.data()) ? tmpl : "";
}

std::vector<IrisTemplate> Irises(const SyntheticIrises& s, uint64_t identity, uint64_t capture) {
  return {IrisTemplate{Eye::kRight, 90, s.Capture(identity, Eye::kRight, capture)},
          IrisTemplate{Eye::kLeft, 90, s.Capture(identity, Eye::kLeft, capture)}};
}

class DedupServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    ASSERT_FALSE(dir_.empty());
    url_ = "sqlite:" + dir_ + "/x.db";
    auto store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(Store::LatestSchemaVersion()).ok());
    std::vector<Person> persons;
    for (int i = 0; i < 40; ++i) {
      Person p = testing::SyntheticPerson(1000 + i);
      p.ektp_status = EktpStatus::kBelumRekam;
      p.status_dasar = StatusDasar::kHidup;
      persons.push_back(p);
      niks_.push_back(p.nik);
    }
    ASSERT_TRUE(store_->InsertPersons(persons).ok());
    key_ = NewSecretKey();
    engine_ = std::make_unique<abis::IrisEngine>(abis::IrisPolicy{},
                                                 abis::IrisSearchOptions{abis::BestIrisKernel(), true, 2});
    dedup_ = std::make_unique<DedupService>(*engine_, key_, clock_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  AbisJobRecord Submit(int person, uint64_t identity, uint64_t capture, const std::string& recording) {
    bool created = false;
    auto job = dedup_->Submit(*store_, officer_, DedupSubmission{recording, niks_[person], Irises(irises_, identity, capture), ""},
                              &created);
    EXPECT_TRUE(job.ok()) << job.status().ToString();
    return job.ok() ? *job : AbisJobRecord{};
  }
  // Ten fingers of `identity` (impression `capture`), as ISO records.
  std::vector<DedupFinger> Fingers(uint64_t identity, uint64_t capture, int count = 10) {
    std::vector<DedupFinger> out;
    for (int pos = 1; pos <= count; ++pos) {
      out.push_back(DedupFinger{pos, *abis::EncodeFingerRecord(fingers_.CaptureRecord(identity, pos, capture))});
    }
    return out;
  }
  EktpStatus StatusOf(int person) { return store_->GetPerson(niks_[person])->person.ektp_status; }

  std::string dir_, url_;
  std::unique_ptr<Store> store_;
  std::vector<Nik> niks_;
  SecretKey key_;
  ManualClock clock_{kNow};
  SyntheticIrises irises_{42};
  abis::SyntheticFingers fingers_{43};
  std::unique_ptr<abis::IrisEngine> engine_;
  std::unique_ptr<DedupService> dedup_;
  Principal officer_{"rekam", Role::kRecordingOfficer, "32"};
  Principal supervisor_{"spv", Role::kSupervisor, "32"};
};

TEST_F(DedupServiceTest, UniqueThenDuplicateThenAdjudicated) {
  const AbisJobRecord first = Submit(0, 7, 0, "rec-0");
  EXPECT_EQ(StatusOf(0), EktpStatus::kSentForEnrollment);
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  EXPECT_EQ(AbisStore(*store_).GetJob(first.id)->outcome, "UNIQUE");
  EXPECT_EQ(StatusOf(0), EktpStatus::kPrintReadyRecord);
  EXPECT_TRUE(engine_->Contains(NikKey(niks_[0].digits())));

  // The same eyes under another NIK.
  const AbisJobRecord second = Submit(1, 7, 1, "rec-1");
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  auto job = AbisStore(*store_).GetJob(second.id);
  EXPECT_EQ(job->outcome, "DUPLICATE");
  EXPECT_NE(job->detail.find(niks_[0].ToString()), std::string::npos) << job->detail;
  EXPECT_EQ(StatusOf(1), EktpStatus::kAdjudicateRecord);
  auto cases = dedup_->ListCases(*store_, supervisor_, "open", 0, 10);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ((*cases)[0].candidate_nik, niks_[0].ToString());
  EXPECT_FALSE((*cases)[0].score_right.empty());

  // Same person, the enrolled NIK survives: the new NIK is merged and never enrolled.
  auto decided = dedup_->Decide(*store_, supervisor_, (*cases)[0].id, "same", niks_[0].ToString(),
                                "one person, two NIKs (checked the KK)");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(StatusOf(1), EktpStatus::kMerged);
  EXPECT_EQ(store_->GetPerson(niks_[1])->person.status_dasar, StatusDasar::kTidakValid);
  EXPECT_EQ(dedup_->Decide(*store_, supervisor_, (*cases)[0].id, "different", "", "changed my mind").status().code(),
            StatusCode::kConflict);
  ASSERT_TRUE(dedup_->SyncGallery(*store_).ok());
  EXPECT_FALSE(engine_->Contains(NikKey(niks_[1].digits())));

  // A third NIK with the same eyes, judged a different person (twins' records, say): enrolled.
  const AbisJobRecord third = Submit(2, 7, 2, "rec-2");
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  auto open = dedup_->ListCases(*store_, supervisor_, "open", 0, 10);
  ASSERT_EQ(open->size(), 1u);
  ASSERT_TRUE(dedup_->Decide(*store_, supervisor_, (*open)[0].id, "different", "", "different people, same photo?").ok());
  EXPECT_EQ(StatusOf(2), EktpStatus::kPrintReadyRecord);
  ASSERT_TRUE(dedup_->SyncGallery(*store_).ok());
  EXPECT_TRUE(engine_->Contains(NikKey(niks_[2].digits())));
  // Every outcome is in the person's history.
  auto events = store_->EventsFor(niks_[1].ToString());
  std::set<int> types;
  for (const auto& e : *events) types.insert(e.type);
  for (EktpEvent e : {EktpEvent::kRecorded, EktpEvent::kAbisDuplicate, EktpEvent::kAdjudicationOpened,
                      EktpEvent::kAdjudicatedSame}) {
    EXPECT_TRUE(types.contains(static_cast<int>(e))) << EktpEventName(e);
  }
}

TEST_F(DedupServiceTest, TheNewNikCanSurviveAndTheOldOneLeavesTheGallery) {
  Submit(0, 9, 0, "a");
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  Submit(1, 9, 1, "b");
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  auto cases = dedup_->ListCases(*store_, supervisor_, "open", 0, 10);
  ASSERT_EQ(cases->size(), 1u);
  ASSERT_TRUE(dedup_->Decide(*store_, supervisor_, (*cases)[0].id, "same", niks_[1].ToString(),
                             "the old NIK was issued by mistake").ok());
  ASSERT_TRUE(dedup_->SyncGallery(*store_).ok());
  EXPECT_FALSE(engine_->Contains(NikKey(niks_[0].digits())));
  EXPECT_TRUE(engine_->Contains(NikKey(niks_[1].digits())));
  EXPECT_EQ(store_->GetPerson(niks_[0])->person.status_dasar, StatusDasar::kTidakValid);
  EXPECT_EQ(StatusOf(1), EktpStatus::kPrintReadyRecord);
  auto events = store_->EventsFor(niks_[0].ToString());
  EXPECT_TRUE(std::any_of(events->begin(), events->end(), [](const EventRecord& e) {
    return e.type == static_cast<int>(RegisterEvent::kNikDeactivated);
  }));
}

TEST_F(DedupServiceTest, DuplicatesInsideOneBatchAreCaught) {
  Submit(0, 11, 0, "x0");
  Submit(1, 12, 0, "x1");
  Submit(2, 11, 1, "x2");  // the same eyes as x0, in the same batch
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 3);
  AbisStore abis(*store_);
  EXPECT_EQ(abis.FindJobByRecording("x0")->value().outcome, "UNIQUE");
  EXPECT_EQ(abis.FindJobByRecording("x1")->value().outcome, "UNIQUE");
  EXPECT_EQ(abis.FindJobByRecording("x2")->value().outcome, "DUPLICATE");
}

TEST_F(DedupServiceTest, SubmissionIsIdempotentAndChecked) {
  const AbisJobRecord a = Submit(0, 5, 0, "same-id");
  bool created = true;
  auto again = dedup_->Submit(*store_, officer_, DedupSubmission{"same-id", niks_[0], Irises(irises_, 5, 0), ""}, &created);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(again->id, a.id);
  auto other = dedup_->Submit(*store_, officer_, DedupSubmission{"same-id", niks_[1], Irises(irises_, 5, 0), ""}, &created);
  EXPECT_EQ(other.status().code(), StatusCode::kConflict);
  auto bad_id = dedup_->Submit(*store_, officer_, DedupSubmission{"no spaces", niks_[1], Irises(irises_, 5, 0), ""}, &created);
  EXPECT_EQ(bad_id.status().field(), "recording_id");
  auto none = dedup_->Submit(*store_, officer_, DedupSubmission{"r9", niks_[1], {}, ""}, &created);
  EXPECT_EQ(none.status().field(), "irises");
  auto closed = Irises(irises_, 5, 0);
  closed[1].iris.mask.fill(0);
  auto blind = dedup_->Submit(*store_, officer_, DedupSubmission{"r10", niks_[1], closed, ""}, &created);
  EXPECT_EQ(blind.status().field(), "irises[1].template");
  Principal aceh{"aceh", Role::kRecordingOfficer, "11"};
  EXPECT_EQ(dedup_->Submit(*store_, aceh, DedupSubmission{"r11", niks_[1], Irises(irises_, 5, 0), ""}, &created)
                .status()
                .code(),
            StatusCode::kNotFound);
  // Already recorded and waiting: a second recording is refused by the lifecycle.
  auto twice = dedup_->Submit(*store_, officer_, DedupSubmission{"r12", niks_[0], Irises(irises_, 5, 1), ""}, &created);
  EXPECT_EQ(twice.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(DedupServiceTest, TemplatesAreEncryptedAtRest) {
  Submit(0, 3, 0, "enc");
  auto rows = store_->Sql("SELECT templates FROM abis_job", {});
  ASSERT_EQ(rows->rows.size(), 1u);
  const std::string stored = *rows->rows[0][0];
  const std::string plain = abis::SerializeIris(Irises(irises_, 3, 0)[0]);
  EXPECT_EQ(stored.find(ToHex(plain.substr(8, 32))), std::string::npos);
  DedupService wrong_key(*engine_, NewSecretKey(), clock_);
  EXPECT_FALSE(wrong_key.OpenTemplates(stored).ok());
  EXPECT_TRUE(dedup_->OpenTemplates(stored).ok());
}

TEST_F(DedupServiceTest, VerifyOneToOne) {
  Submit(0, 21, 0, "v");
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  auto same = dedup_->Verify(*store_, officer_, niks_[0], Irises(irises_, 21, 5));
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->match);
  auto other = dedup_->Verify(*store_, officer_, niks_[0], Irises(irises_, 22, 0));
  EXPECT_FALSE(other->match);
  EXPECT_EQ(dedup_->Verify(*store_, officer_, niks_[1], Irises(irises_, 21, 5)).status().code(),
            StatusCode::kFailedPrecondition);
}

// The gallery snapshot: a restart loads it; a snapshot behind the store catches up from the log;
// one that does not match the store is replaced by a rebuild.
TEST_F(DedupServiceTest, GalleryReopensFromSnapshotAndCatchesUp) {
  for (int i = 0; i < 5; ++i) Submit(i, 100 + i, 0, "s" + std::to_string(i));
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 5);
  const std::string snap = dir_ + "/gallery.snap";
  ASSERT_TRUE(dedup_->SaveGallery(snap).ok());
  Submit(5, 105, 0, "s5");
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);

  abis::IrisEngine engine2(abis::IrisPolicy{}, engine_->options());
  DedupService restarted(engine2, key_, clock_);
  std::string how;
  ASSERT_TRUE(restarted.OpenGallery(*store_, snap, &how).ok());
  EXPECT_EQ(how, "snapshot");
  EXPECT_EQ(engine2.persons(), 6u);
  EXPECT_EQ(engine2.log_position(), engine_->log_position());

  abis::IrisEngine engine3(abis::IrisPolicy{}, engine_->options());
  DedupService wrong(engine3, NewSecretKey(), clock_);
  EXPECT_FALSE(wrong.OpenGallery(*store_, snap, &how).ok()) << "the store's templates need the right key";

  std::filesystem::remove(snap);
  abis::IrisEngine engine4(abis::IrisPolicy{}, engine_->options());
  DedupService rebuilt(engine4, key_, clock_);
  ASSERT_TRUE(rebuilt.OpenGallery(*store_, snap, &how).ok());
  EXPECT_NE(how.find("from the store"), std::string::npos) << how;
  EXPECT_EQ(engine4.persons(), 6u);
}

// Fingers de-duplicate on their own (no usable eyes), fuse with eyes, survive a restart from the
// iris snapshot, and bad finger records are refused naming the field.
TEST_F(DedupServiceTest, FingersAloneOrWithIrisesFindDuplicates) {
  bool created = false;
  ASSERT_TRUE(dedup_->Submit(*store_, officer_, DedupSubmission{"f0", niks_[0], {}, "", Fingers(500, 0)}, &created).ok());
  ASSERT_TRUE(dedup_->Submit(*store_, officer_,
                             DedupSubmission{"f1", niks_[1], Irises(irises_, 501, 0), "", Fingers(501, 0)}, &created)
                  .ok());
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 2);
  EXPECT_EQ(StatusOf(0), EktpStatus::kPrintReadyRecord);
  EXPECT_EQ(StatusOf(1), EktpStatus::kPrintReadyRecord);
  EXPECT_EQ(dedup_->fingers().persons(), 2u);
  EXPECT_EQ(dedup_->fingers().fingers(), 20u);
  // Person 0's fingers again under another NIK, with two fingers only and no eyes.
  ASSERT_TRUE(
      dedup_->Submit(*store_, officer_, DedupSubmission{"f2", niks_[2], {}, "", Fingers(500, 3, 2)}, &created).ok());
  // Person 1's eyes under another NIK with someone else's fingers: the eyes still tell.
  ASSERT_TRUE(dedup_->Submit(*store_, officer_,
                             DedupSubmission{"f3", niks_[3], Irises(irises_, 501, 2), "", Fingers(777, 0)}, &created)
                  .ok());
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 2);
  EXPECT_EQ(StatusOf(2), EktpStatus::kAdjudicateRecord);
  EXPECT_EQ(StatusOf(3), EktpStatus::kAdjudicateRecord);
  auto cases = AbisStore(*store_).Cases("open", "", 0, 10);
  ASSERT_TRUE(cases.ok());
  ASSERT_EQ(cases->size(), 2u);
  EXPECT_EQ((*cases)[0].candidate_nik, std::string(niks_[0].digits()));
  EXPECT_EQ((*cases)[1].candidate_nik, std::string(niks_[1].digits()));

  // A restart from the iris snapshot rebuilds the finger gallery from the store.
  const std::string snap = dir_ + "/gallery.snap";
  ASSERT_TRUE(dedup_->SaveGallery(snap).ok());
  abis::IrisEngine engine2(abis::IrisPolicy{}, engine_->options());
  DedupService restarted(engine2, key_, clock_);
  std::string how;
  ASSERT_TRUE(restarted.OpenGallery(*store_, snap, &how).ok());
  EXPECT_EQ(how, "snapshot");
  EXPECT_EQ(restarted.fingers().persons(), 2u);
  EXPECT_EQ(engine2.persons(), 1u);  // person 0 has no irises

  // 1:1 by fingers: person 0 (no irises enrolled) by another impression of two fingers.
  auto yes = dedup_->Verify(*store_, officer_, niks_[0], {}, Fingers(500, 5, 2));
  ASSERT_TRUE(yes.ok()) << yes.status().ToString();
  EXPECT_TRUE(yes->match);
  ASSERT_TRUE(yes->fingers.has_value());
  EXPECT_EQ(yes->fingers->compared, 2);
  auto no = dedup_->Verify(*store_, officer_, niks_[0], {}, Fingers(501, 5, 2));
  ASSERT_TRUE(no.ok());
  EXPECT_FALSE(no->match);
  // Irises against a person enrolled with fingers only: nothing to compare.
  EXPECT_EQ(dedup_->Verify(*store_, officer_, niks_[0], Irises(irises_, 500, 0)).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(dedup_->Verify(*store_, officer_, niks_[0], {}, {}).status().field(), "irises");

  // Bad input: nothing at all; a cut record; a finger listed twice; a wrong position.
  auto none = dedup_->Submit(*store_, officer_, DedupSubmission{"f4", niks_[4], {}, "", {}}, &created);
  EXPECT_EQ(none.status().field(), "irises");
  auto cut = Fingers(600, 0, 2);
  cut[1].record.resize(cut[1].record.size() - 2);
  EXPECT_EQ(dedup_->Submit(*store_, officer_, DedupSubmission{"f4", niks_[4], {}, "", cut}, &created).status().field(),
            "fingers[1].template");
  auto twice = Fingers(600, 0, 2);
  twice[1].position = 1;
  EXPECT_EQ(dedup_->Submit(*store_, officer_, DedupSubmission{"f4", niks_[4], {}, "", twice}, &created).status().field(),
            "fingers[1].position");
  auto wrong = Fingers(600, 0, 1);
  wrong[0].position = 2;
  EXPECT_EQ(dedup_->Submit(*store_, officer_, DedupSubmission{"f4", niks_[4], {}, "", wrong}, &created).status().field(),
            "fingers[0].template");
  EXPECT_TRUE(AbisStore(*store_).JobsOf(std::string(niks_[4].digits()))->empty());
}

// Enrolments from before the system (a migrated gallery, the demo's history) enter without a
// search and without an e-KTP step, and are then searched like any other.
TEST_F(DedupServiceTest, ImportedEnrolmentsJoinTheGalleries) {
  for (int i : {5, 6}) {
    auto p = store_->GetPerson(niks_[i]);
    ASSERT_TRUE(p.ok());
    Person updated = p->person;
    updated.ektp_status = EktpStatus::kCardIssued;
    ASSERT_TRUE(store_->UpdatePerson(updated, p->version).ok());
  }
  std::vector<DedupSubmission> old{DedupSubmission{"old-5", niks_[5], Irises(irises_, 905, 0), "", Fingers(905, 0)},
                                   DedupSubmission{"old-6", niks_[6], {}, "", Fingers(906, 0)}};
  auto n = dedup_->ImportEnrolled(*store_, officer_, old);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 2);
  EXPECT_EQ(StatusOf(5), EktpStatus::kCardIssued);  // untouched
  // Again: the first is enrolled already, and nothing of the batch is written.
  EXPECT_EQ(dedup_->ImportEnrolled(*store_, officer_, old).status().code(), StatusCode::kConflict);
  // A person not past de-duplication cannot be imported.
  EXPECT_EQ(dedup_->ImportEnrolled(*store_, officer_, {DedupSubmission{"old-7", niks_[7], {}, "", Fingers(907, 0)}})
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
  // The worker picks them up and catches a new NIK with person 6's fingers.
  bool created = false;
  ASSERT_TRUE(
      dedup_->Submit(*store_, officer_, DedupSubmission{"new-8", niks_[8], {}, "", Fingers(906, 1)}, &created).ok());
  ASSERT_EQ(*dedup_->ProcessQueue(*store_, 32), 1);
  EXPECT_EQ(dedup_->fingers().persons(), 2u);
  EXPECT_EQ(engine_->persons(), 1u);
  EXPECT_EQ(StatusOf(8), EktpStatus::kAdjudicateRecord);
}

// A crash in the middle of a batch: the process dies (no cleanup) after some jobs committed and
// inside the transaction of the next. After a restart every job has exactly one outcome, the
// outcome events are not doubled, and the galleries hold exactly the UNIQUE persons.
TEST_F(DedupServiceTest, CrashMidBatchLosesNothingAndDoublesNothing) {
  for (int i = 0; i < 12; ++i) Submit(i, 200 + (i == 7 ? 203 - 200 : i), 0, "c" + std::to_string(i));  // 7 repeats 3
  for (int crash_inside : {0, 1}) {
    store_.reset();
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto store = OpenStore(url_);
      abis::IrisEngine engine(abis::IrisPolicy{}, abis::IrisSearchOptions{abis::IrisKernelKind::kScalar, true, 1});
      DedupService dying(engine, key_, clock_);
      std::string how;
      if (!store.ok() || !dying.OpenGallery(**store, dir_ + "/none.snap", &how).ok()) std::_Exit(3);
      dying.SetFaultHookForTesting([&](int finished, bool committed) {
        if (finished == 4 && committed != static_cast<bool>(crash_inside)) std::_Exit(9);
      });
      (void)dying.ProcessQueue(**store, 32);
      std::_Exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 9) << "the child should have crashed mid-batch";
    store_ = std::move(OpenStore(url_)).value();
  }
  // Restart: the rest of the queue.
  std::string how;
  ASSERT_TRUE(dedup_->OpenGallery(*store_, dir_ + "/none.snap", &how).ok());
  ASSERT_GE(*dedup_->ProcessQueue(*store_, 32), 1);
  AbisStore abis(*store_);
  auto counts = abis.JobCounts();
  EXPECT_EQ((*counts)["queued"], 0);
  EXPECT_EQ((*counts)["UNIQUE"], 11);
  EXPECT_EQ((*counts)["DUPLICATE"], 1);
  for (int i = 0; i < 12; ++i) {
    auto events = store_->EventsFor(niks_[i].ToString());
    int outcomes = 0;
    for (const auto& e : *events) {
      outcomes += e.type == static_cast<int>(EktpEvent::kAbisUnique) || e.type == static_cast<int>(EktpEvent::kAbisDuplicate);
    }
    EXPECT_EQ(outcomes, 1) << "person " << i;
  }
  EXPECT_EQ(engine_->persons(), 11u);
  EXPECT_EQ(*abis.CountEnrolled(), 11);
}

}  // namespace
}  // namespace siak
