#include "app/ektp_service.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "abis/synthetic_iris.h"
#include "card/chip_payload.h"
#include "card/suket_render.h"
#include "store/store.h"
#include "tests/support/synthetic_capture.h"
#include "tests/support/synthetic_person.h"

namespace siak {
namespace {

using abis::Eye;

constexpr int64_t kNow = 1795852800;  // 2026-11-28T08:00:00Z

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    const auto& siak_ok_ = (expr);                                  \
    ASSERT_TRUE(siak_ok_.ok()) << OkStatus(siak_ok_).ToString();   \
  } while (0)

Status OkStatus(const Status& s) { return s; }
template <typename T>
Status OkStatus(const Result<T>& r) {
  return r.status();
}

SiteInput Site(std::string code, std::string kind, std::string name, std::string region, std::string starts = "",
               std::string ends = "") {
  SiteInput in;
  in.code = std::move(code);
  in.kind = std::move(kind);
  in.name = std::move(name);
  in.region_code = std::move(region);
  in.starts_on = std::move(starts);
  in.ends_on = std::move(ends);
  return in;
}

DeviceRecord Device(std::string serial, std::string kind, std::string model) {
  DeviceRecord d;
  d.serial = std::move(serial);
  d.kind = std::move(kind);
  d.model = std::move(model);
  return d;
}

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "siak-ektp-XXXXXX").string();
  return mkdtemp(tmpl.data()) ? tmpl : "";
}

std::vector<Region> Regions() {
  std::vector<Region> out;
  for (auto [code, name] : {std::pair{"32", "JAWA BARAT"}, std::pair{"3273", "KOTA BANDUNG"},
                            std::pair{"327301", "SUKASARI"}, std::pair{"3273011001", "SUKARASA"},
                            std::pair{"3273011002", "GEGERKALONG"}, std::pair{"11", "ACEH"},
                            std::pair{"1101", "KABUPATEN ACEH SELATAN"}}) {
    out.push_back(Region{*RegionCode::Parse(code), name, false, false, ""});
  }
  return out;
}

class EktpServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    ASSERT_FALSE(dir_.empty());
    auto store = OpenStore("sqlite:" + dir_ + "/x.db");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->Migrate(Store::LatestSchemaVersion()).ok());
    std::vector<Person> persons;
    for (int i = 0; i < 12; ++i) {
      Person p = testing::SyntheticPerson(2000 + i);
      p.ektp_status = EktpStatus::kBelumRekam;
      persons.push_back(p);
      niks_.push_back(std::string(p.nik.digits()));
    }
    // A child of 12: not wajib KTP.
    Person child = testing::SyntheticPerson(2100);
    child.tanggal_lahir = *Date::FromYmd(2014, 3, 1);
    child.status_perkawinan = StatusPerkawinan::kBelumKawin;
    child.perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku;
    child.ektp_status = EktpStatus::kBelumWajib;
    child_ = std::string(child.nik.digits());
    persons.push_back(child);
    ASSERT_TRUE(store_->InsertPersons(persons).ok());
    regions_ = std::make_unique<RegionIndex>(Regions());
    key_ = NewSecretKey();
    signing_ = std::make_unique<card::SigningKey>(card::SigningKey::Generate());
    engine_ = std::make_unique<abis::IrisEngine>(abis::IrisPolicy{},
                                                 abis::IrisSearchOptions{abis::BestIrisKernel(), true, 2});
    dedup_ = std::make_unique<DedupService>(*engine_, key_, clock_);
    ektp_ = std::make_unique<EktpService>(key_, *signing_, clock_, *regions_, dedup_.get());
    ektp_->Attach(*dedup_);

    auto dinas = ektp_->CreateSite(*store_, admin_, Site("3273-DINAS", "dinas", "Disdukcapil Kota Bandung", "32.73"));
    ASSERT_OK(dinas);
    dinas_ = dinas->id;
    auto mobile = ektp_->CreateSite(*store_, admin_, Site("3273-MOBIL-1", "mobile", "Tim jemput bola", "32.73.01"));
    ASSERT_OK(mobile);
    mobile_ = mobile->id;
    ASSERT_OK(ektp_->RegisterDevice(*store_, admin_, mobile_, Device("KIT-7", "kit", "Perekam e-KTP v2")));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // `finger_identity`: whose fingers (default: the same identity's; another's plants a duplicate).
  RecordingInput Recording(const std::string& id, const std::string& nik, uint64_t identity,
                           uint64_t finger_identity = ~uint64_t{0}, uint64_t capture = 1) {
    if (finger_identity == ~uint64_t{0}) finger_identity = identity;
    RecordingInput in;
    in.recording_id = id;
    in.nik = nik;
    in.site_id = mobile_;
    in.device_serial = "KIT-7";
    in.captured_at = "2026-11-28T07:30:00Z";
    in.photo = testing::SyntheticFacePng(identity);
    in.signature = testing::SyntheticSignaturePng(identity);
    for (int pos = 1; pos <= 10; ++pos) {
      FingerInput f;
      f.position = pos;
      if (pos == 5) {
        f.missing = "amputated";
      } else {
        f.template_bytes = testing::SyntheticFingerCapture(pos, finger_identity, capture);
      }
      in.fingers.push_back(f);
    }
    for (Eye eye : {Eye::kRight, Eye::kLeft}) {
      in.irises.push_back(IrisInput{eye, abis::IrisTemplate{eye, 90, irises_.Capture(identity, eye, 1)}, ""});
    }
    return in;
  }
  EktpStatus StatusOf(const std::string& nik) {
    return store_->GetPerson(*Nik::ParseStructure(nik))->person.ektp_status;
  }
  void Stock(int64_t blanks) {
    ASSERT_OK(ektp_->MoveStock(*store_, admin_, StockMoveInput{"procured", "", "pusat", blanks, "tender 2026"}));
    ASSERT_OK(ektp_->MoveStock(*store_, admin_, StockMoveInput{"delivered", "pusat", "kab:3273", blanks, ""}));
    ASSERT_OK(ektp_->MoveStock(*store_, supervisor_,
                               StockMoveInput{"allocated", "kab:3273", "site:" + std::to_string(dinas_), blanks, ""}));
  }
  // Records and runs the de-duplication queue: the person is PRINT_READY_RECORD.
  void RecordUnique(int person, uint64_t identity) {
    auto r = ektp_->Record(*store_, officer_, Recording("rec-" + std::to_string(person), niks_[person], identity));
    ASSERT_OK(r);
    ASSERT_OK(dedup_->ProcessQueue(*store_, 32));
    ASSERT_EQ(StatusOf(niks_[person]), EktpStatus::kPrintReadyRecord);
  }
  int64_t OnHand(int64_t site) { return EktpStore(*store_).Account("site:" + std::to_string(site))->on_hand; }

  std::string dir_;
  std::unique_ptr<Store> store_;
  std::vector<std::string> niks_;
  std::string child_;
  std::unique_ptr<RegionIndex> regions_;
  SecretKey key_;
  std::unique_ptr<card::SigningKey> signing_;
  ManualClock clock_{kNow};
  abis::SyntheticIrises irises_{7};
  std::unique_ptr<abis::IrisEngine> engine_;
  std::unique_ptr<DedupService> dedup_;
  std::unique_ptr<EktpService> ektp_;
  int64_t dinas_ = 0, mobile_ = 0;
  Principal admin_{"admin", Role::kAdmin, ""};
  Principal supervisor_{"spv", Role::kSupervisor, "3273"};
  Principal officer_{"rekam", Role::kRecordingOfficer, "3273"};
  Principal printer_{"cetak", Role::kPrintOfficer, "3273"};
  Principal aceh_{"rekam.aceh", Role::kRecordingOfficer, "1101"};
};

TEST_F(EktpServiceTest, SitesFollowTheirKindsRules) {
  auto s = ektp_->CreateSite(*store_, admin_, Site("BAD CODE", "dinas", "x", "32.73"));
  EXPECT_EQ(s.status().field(), "code");
  s = ektp_->CreateSite(*store_, admin_, Site("3273-X", "dinas", "x", "32.73.01"));
  EXPECT_EQ(s.status().field(), "region_code");
  EXPECT_NE(s.status().rule().find("regency"), std::string::npos);
  s = ektp_->CreateSite(*store_, admin_, Site("3273-EVENT", "counter", "Loket CFD Dago", "32.73"));
  EXPECT_EQ(s.status().field(), "starts_on");
  s = ektp_->CreateSite(*store_, admin_,
                        Site("3273-EVENT", "counter", "Loket CFD Dago", "32.73", "2026-11-29", "2026-11-28"));
  EXPECT_EQ(s.status().field(), "ends_on");
  s = ektp_->CreateSite(*store_, admin_,
                        Site("3273-EVENT", "counter", "Loket CFD Dago", "32.73", "2026-11-28", "2026-11-29"));
  ASSERT_OK(s);
  EXPECT_EQ(s->print_site_id, dinas_);  // printed at the regency's Dinas
  s = ektp_->CreateSite(*store_, admin_, Site("3273-DINAS", "dinas", "again", "32.73"));
  EXPECT_EQ(s.status().code(), StatusCode::kAlreadyExists);
  s = ektp_->CreateSite(*store_, supervisor_, Site("1101-DINAS", "dinas", "Aceh Selatan", "11.01"));
  EXPECT_NE(s.status().rule().find("outside your region scope"), std::string::npos);
  EXPECT_EQ(ektp_->GetSite(*store_, aceh_, dinas_).status().code(), StatusCode::kNotFound);
  auto d = ektp_->RegisterDevice(*store_, admin_, mobile_, Device("KIT-7", "kit", "again"));
  EXPECT_EQ(d.status().code(), StatusCode::kAlreadyExists);
  d = ektp_->RegisterDevice(*store_, admin_, mobile_, Device("CAM-1", "toaster", "x"));
  EXPECT_EQ(d.status().field(), "kind");
}

TEST_F(EktpServiceTest, RecordingIsRefusedWithAReasonTheOfficerCanActOn) {
  auto in = Recording("rec-child", child_, 1);
  auto r = ektp_->Record(*store_, officer_, in);
  EXPECT_EQ(r.status().field(), "nik");
  EXPECT_NE(r.status().rule().find("not wajib KTP"), std::string::npos) << r.status().ToString();

  in = Recording("rec-a", niks_[0], 1);
  in.device_serial = "KIT-999";
  EXPECT_EQ(ektp_->Record(*store_, officer_, in).status().field(), "device_serial");

  in = Recording("rec-a", niks_[0], 1);
  in.photo = testing::FlatPng(300, 400, 0.5);
  r = ektp_->Record(*store_, officer_, in);
  EXPECT_EQ(r.status().field(), "photo");

  in = Recording("rec-a", niks_[0], 1);
  in.fingers[4].missing = "";
  r = ektp_->Record(*store_, officer_, in);
  EXPECT_EQ(r.status().field(), "fingers[4].missing");

  in = Recording("rec-a", niks_[0], 1);
  in.fingers[0].template_bytes = testing::SyntheticFingerIso(1, 1, 5);
  r = ektp_->Record(*store_, officer_, in);
  EXPECT_EQ(r.status().field(), "fingers[0].template");
  EXPECT_NE(r.status().rule().find("clean the finger"), std::string::npos);

  in = Recording("rec-a", niks_[0], 1);
  in.fingers[1].template_bytes = testing::SyntheticFingerIso(3, 1);  // the right middle, sent as the index
  EXPECT_EQ(ektp_->Record(*store_, officer_, in).status().field(), "fingers[1].template");

  in = Recording("rec-a", niks_[0], 1);
  in.fingers[2].template_bytes.resize(in.fingers[2].template_bytes.size() - 3);  // truncated
  EXPECT_EQ(ektp_->Record(*store_, officer_, in).status().field(), "fingers[2].template");

  in = Recording("rec-a", niks_[0], 1);
  in.captured_at = "2026-11-29T07:30:00Z";
  EXPECT_NE(ektp_->Record(*store_, officer_, in).status().rule().find("future"), std::string::npos);

  in = Recording("rec-a", niks_[0], 1);
  in.irises[0].iris.reset();
  in.irises[1].iris.reset();
  in.irises[0].missing = in.irises[1].missing = "unusable";
  for (auto& f : in.fingers) {
    f.template_bytes.clear();
    f.missing = "unusable";
  }
  // Neither a usable iris nor a usable finger: the uniqueness check cannot run.
  EXPECT_EQ(ektp_->Record(*store_, officer_, in).status().field(), "irises");

  // Outside the officer's scope: not found, not "forbidden".
  EXPECT_EQ(ektp_->Record(*store_, aceh_, Recording("rec-a", niks_[0], 1)).status().code(), StatusCode::kNotFound);

  // Nothing was written by any refusal.
  EXPECT_EQ(StatusOf(niks_[0]), EktpStatus::kBelumRekam);
  EXPECT_TRUE(EktpStore(*store_).RecordingsOf(niks_[0])->empty());
  EXPECT_TRUE(AbisStore(*store_).JobsOf(niks_[0])->empty());
}

TEST_F(EktpServiceTest, RecordingIsIdempotentAndKeepsBothTimes) {
  clock_.Advance(10 * 86400);  // the mobile team syncs ten days after capture
  auto in = Recording("mobile-7:0001", niks_[1], 11);
  auto first = ektp_->Record(*store_, officer_, in);
  ASSERT_OK(first);
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->recording.captured_at, "2026-11-28T07:30:00Z");
  EXPECT_EQ(first->recording.submitted_at, "2026-12-08T08:00:00Z");
  auto again = ektp_->Record(*store_, officer_, in);
  ASSERT_OK(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->job.id, first->job.id);
  EXPECT_EQ(AbisStore(*store_).JobsOf(niks_[1])->size(), 1u);
  in.nik = niks_[2];
  EXPECT_EQ(ektp_->Record(*store_, officer_, in).status().code(), StatusCode::kConflict);
  EXPECT_EQ(StatusOf(niks_[1]), EktpStatus::kSentForEnrollment);
  // Stored sealed: the photo bytes are not in the row.
  auto row = EktpStore(*store_).FindRecording("mobile-7:0001");
  ASSERT_OK(row);
  EXPECT_EQ(ToHex(in.photo).find(row->value().photo.substr(100, 64)), std::string::npos);
  // A second recording of a recorded person is refused.
  auto second = ektp_->Record(*store_, officer_, Recording("other", niks_[1], 11));
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
}

// One person, one NIK: a second NIK recorded with the fingers of someone already enrolled (and
// eyes of its own) is caught by the fingers, goes to adjudication and is not printed.
TEST_F(EktpServiceTest, PlantedDuplicateFingersAreCaught) {
  RecordUnique(0, 21);
  ASSERT_OK(ektp_->Record(*store_, officer_, Recording("rec-dup", niks_[1], 22, /*finger_identity=*/21, 2)));
  ASSERT_OK(dedup_->ProcessQueue(*store_, 32));
  EXPECT_EQ(StatusOf(niks_[1]), EktpStatus::kAdjudicateRecord);
  auto cases = AbisStore(*store_).Cases("open", "", 0, 10);
  ASSERT_OK(cases);
  ASSERT_EQ(cases->size(), 1u);
  EXPECT_EQ((*cases)[0].nik, niks_[1]);
  EXPECT_EQ((*cases)[0].candidate_nik, niks_[0]);
  // Irises alone would not have matched: the case's eye scores are impostor-like.
  EXPECT_GT(std::stod((*cases)[0].score_right), 0.4);
  auto jobs = AbisStore(*store_).JobsOf(niks_[1]);
  ASSERT_OK(jobs);
  ASSERT_EQ(jobs->size(), 1u);
  EXPECT_EQ((*jobs)[0].outcome, "DUPLICATE");
  EXPECT_NE((*jobs)[0].detail.find("right_index"), std::string::npos) << (*jobs)[0].detail;
  // A third person, new fingers and new eyes: unique.
  RecordUnique(2, 23);
  EXPECT_EQ(dedup_->fingers().persons(), 2u);
}

TEST_F(EktpServiceTest, FromRecordingToTheCardInTheResidentsHand) {
  RecordUnique(0, 21);
  auto queue = ektp_->PrintQueue(*store_, printer_, dinas_, 10);
  ASSERT_OK(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].nik, niks_[0]);
  EXPECT_EQ((*queue)[0].site_id, dinas_);  // recorded by the mobile team, printed at the Dinas

  // No blanks: printing fails and changes nothing; a Suket is issued instead.
  auto none = ektp_->Print(*store_, printer_, dinas_, 0);
  EXPECT_EQ(none.status().code(), StatusCode::kConflict);
  EXPECT_NE(none.status().rule().find("Suket"), std::string::npos);
  EXPECT_EQ(StatusOf(niks_[0]), EktpStatus::kPrintReadyRecord);
  auto suket = ektp_->IssueSuket(*store_, printer_, niks_[0], mobile_);
  ASSERT_OK(suket);
  EXPECT_EQ(suket->valid_until, "2027-05-28");
  EXPECT_EQ(suket->number, "SKT-3273-2026-000001");
  auto checked = card::VerifySuketReference(suket->reference, signing_->public_key());
  ASSERT_OK(checked);
  EXPECT_EQ(checked->nik, niks_[0]);
  auto check = ektp_->CheckSuket(*store_, suket->reference);
  ASSERT_OK(check);
  EXPECT_TRUE(check->valid_today);
  EXPECT_EQ(check->nik_masked.find(niks_[0].substr(6, 6)), std::string::npos);  // the NIK is masked
  EXPECT_EQ(ektp_->IssueSuket(*store_, printer_, niks_[0], mobile_).status().code(), StatusCode::kConflict);
  auto pdf = ektp_->RenderSuket(*store_, printer_, suket->number);
  ASSERT_OK(pdf);
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");

  // Blanks arrive: no more Suket; the card prints and the blank leaves the stock.
  Stock(3);
  RecordUnique(1, 22);
  EXPECT_NE(ektp_->IssueSuket(*store_, printer_, niks_[1], dinas_).status().rule().find("print the card"),
            std::string::npos);
  auto card = ektp_->Print(*store_, printer_, dinas_, 0);
  ASSERT_OK(card);
  EXPECT_EQ(card->nik, niks_[0]);  // oldest first
  EXPECT_EQ(OnHand(dinas_), 2);
  EXPECT_EQ(StatusOf(niks_[0]), EktpStatus::kCardPrinted);
  EXPECT_EQ(EktpStore(*store_).GetSuket(suket->number)->state, "superseded");
  EXPECT_FALSE(ektp_->CheckSuket(*store_, suket->reference)->valid_today);

  // The chip payload verifies offline and carries the two index fingers.
  auto chip = card::DecodeChipPayload(*FromHex(card->chip), signing_->public_key());
  ASSERT_OK(chip);
  EXPECT_EQ(chip->Get(card::ChipItem::kNik), niks_[0]);
  EXPECT_EQ(chip->Get(card::ChipItem::kCardSerial), card->serial);
  EXPECT_EQ(chip->Get(card::ChipItem::kBerlakuHingga), "SEUMUR HIDUP");
  ASSERT_EQ(chip->fingers.size(), 2u);
  EXPECT_EQ(chip->fingers[0].template_bytes, testing::SyntheticFingerCapture(chip->fingers[0].position, 21, 1));
  auto other = card::SigningKey::Generate();
  EXPECT_FALSE(card::DecodeChipPayload(*FromHex(card->chip), other.public_key()).ok());

  auto png = ektp_->RenderCard(*store_, printer_, card->serial, "png");
  ASSERT_OK(png);
  EXPECT_EQ(png->substr(1, 3), "PNG");
  EXPECT_EQ(ektp_->RenderCard(*store_, aceh_, card->serial, "pdf").status().code(), StatusCode::kNotFound);

  // Handover, then a lost card: reprinted without recording, first in the queue, old serial revoked.
  EXPECT_EQ(ektp_->Handover(*store_, printer_, card->serial, "").status().field(), "received_by");
  auto issued = ektp_->Handover(*store_, printer_, card->serial, "Budi (sendiri)");
  ASSERT_OK(issued);
  EXPECT_EQ(issued->state, "issued");
  EXPECT_EQ(StatusOf(niks_[0]), EktpStatus::kCardIssued);
  EXPECT_EQ(ektp_->RequestReprint(*store_, printer_, niks_[0], "lost", "", dinas_).status().field(), "document_ref");
  auto reprint = ektp_->RequestReprint(*store_, printer_, niks_[0], "lost", "LP/123/XI/2026/Polsek", dinas_);
  ASSERT_OK(reprint);
  EXPECT_EQ(reprint->priority, 1);
  EXPECT_EQ(EktpStore(*store_).GetCard(card->serial)->state, "revoked");
  queue = ektp_->PrintQueue(*store_, printer_, dinas_, 10);
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].nik, niks_[0]);  // the lost card jumps the queue
  auto second = ektp_->Print(*store_, printer_, dinas_, 0);
  ASSERT_OK(second);
  EXPECT_NE(second->serial, card->serial);
  EXPECT_EQ(OnHand(dinas_), 1);

  // A misprint before handover: revoked and queued again (the blank stays consumed).
  auto misprint = ektp_->Misprint(*store_, printer_, second->serial, "photo smeared");
  ASSERT_OK(misprint);
  EXPECT_EQ(StatusOf(niks_[0]), EktpStatus::kSentForCardPrinting);

  EXPECT_EQ(ektp_->RenderCard(*store_, printer_, second->serial, "pdf").status().code(),
            StatusCode::kFailedPrecondition);  // revoked: not rendered again

  // The timeline has every step.
  auto t = ektp_->Timeline(*store_, printer_, niks_[0]);
  ASSERT_OK(t);
  std::vector<std::string> names;
  for (const auto& e : t->events) names.push_back(e.event);
  const std::vector<std::string> want = {"recorded",     "abis_unique",       "suket_issued", "sent_for_printing",
                                         "card_printed", "card_issued",       "reprint_requested", "card_printed",
                                         "reprint_requested"};
  EXPECT_EQ(names, want);
  EXPECT_EQ(t->cards.size(), 2u);
  EXPECT_EQ(t->sukets.size(), 1u);
  EXPECT_TRUE(t->cards[0].chip.empty());
}

TEST_F(EktpServiceTest, AMoveMarksTheCardAndTheReprintRequestCompletesIt) {
  Stock(2);
  RecordUnique(4, 41);
  auto card = ektp_->Print(*store_, printer_, dinas_, 0);
  ASSERT_OK(card);
  ASSERT_OK(ektp_->Handover(*store_, printer_, card->serial, "Dedi"));
  // What a move (pindah-datang) does to the e-KTP status, without a print request.
  auto stored = store_->GetPerson(*Nik::ParseStructure(niks_[4]));
  Person p = stored->person;
  p.ektp_status = EktpStatus::kSentForCardPrinting;
  ASSERT_OK(store_->UpdatePerson(p, stored->version));
  auto q = ektp_->RequestReprint(*store_, printer_, niks_[4], "data_change", "SKPWNI/3273/2026/7", dinas_);
  ASSERT_OK(q);
  EXPECT_EQ(q->old_serial, card->serial);
  EXPECT_EQ(EktpStore(*store_).GetCard(card->serial)->state, "revoked");
  // A second request while one is queued is refused.
  EXPECT_EQ(ektp_->RequestReprint(*store_, printer_, niks_[4], "data_change", "X", dinas_).status().code(),
            StatusCode::kFailedPrecondition);
  auto reprinted = ektp_->Print(*store_, printer_, dinas_, 0);
  ASSERT_OK(reprinted);
  EXPECT_EQ(reprinted->nik, niks_[4]);
}

TEST_F(EktpServiceTest, PrintNextSkipsWhatCannotPrintAndStaysInScope) {
  Stock(3);
  RecordUnique(5, 51);
  RecordUnique(6, 52);
  // The oldest request's person died before printing: the next one prints.
  auto stored = store_->GetPerson(*Nik::ParseStructure(niks_[5]));
  Person dead = stored->person;
  dead.status_dasar = StatusDasar::kMati;
  ASSERT_OK(store_->UpdatePerson(dead, stored->version));
  auto card = ektp_->Print(*store_, printer_, dinas_, 0);
  ASSERT_OK(card);
  EXPECT_EQ(card->nik, niks_[6]);
  // A printer scoped to another district sees nothing of this queue.
  Principal elsewhere{"cetak.lain", Role::kPrintOfficer, "327302"};
  EXPECT_EQ(ektp_->PrintQueue(*store_, elsewhere, dinas_, 10).status().code(), StatusCode::kNotFound);
}

TEST_F(EktpServiceTest, LedgerRulesQuotaAndScope) {
  ASSERT_OK(ektp_->MoveStock(*store_, admin_, StockMoveInput{"procured", "", "pusat", 1000, "tender"}));
  EXPECT_EQ(ektp_->MoveStock(*store_, supervisor_, StockMoveInput{"procured", "", "pusat", 5, ""}).status().field(),
            "kind");
  EXPECT_EQ(ektp_->MoveStock(*store_, admin_, StockMoveInput{"delivered", "pusat", "kab:9999", 5, ""}).status().field(),
            "to");
  EXPECT_EQ(ektp_->SetQuota(*store_, supervisor_, "kab:3273", 0, 0).field(), "account");  // its own quota
  ASSERT_OK(ektp_->SetQuota(*store_, admin_, "kab:3273", 500, 50));
  ASSERT_OK(ektp_->MoveStock(*store_, admin_, StockMoveInput{"delivered", "pusat", "kab:3273", 450, ""}));
  auto over = ektp_->MoveStock(*store_, admin_, StockMoveInput{"delivered", "pusat", "kab:3273", 60, ""});
  EXPECT_EQ(over.status().code(), StatusCode::kConflict);
  EXPECT_NE(over.status().rule().find("monthly quota of 500"), std::string::npos) << over.status().ToString();
  const std::string site = "site:" + std::to_string(dinas_);
  ASSERT_OK(ektp_->MoveStock(*store_, supervisor_, StockMoveInput{"allocated", "kab:3273", site, 430, ""}));
  auto view = ektp_->Stock(*store_, supervisor_, "kab:3273");
  ASSERT_OK(view);
  EXPECT_EQ(view->account.on_hand, 20);
  EXPECT_TRUE(view->low);  // 20 <= 50
  auto spoil = ektp_->MoveStock(*store_, printer_, StockMoveInput{"spoiled", site, "", 2, "wet"});
  EXPECT_EQ(spoil.status().field(), "reason");
  ASSERT_OK(ektp_->MoveStock(*store_, printer_, StockMoveInput{"spoiled", site, "", 2, "damaged"}));
  auto too_many = ektp_->MoveStock(*store_, printer_, StockMoveInput{"spoiled", site, "", 1000, "damaged"});
  EXPECT_EQ(too_many.status().code(), StatusCode::kConflict);
  EXPECT_EQ(OnHand(dinas_), 428);
  EXPECT_EQ(ektp_->Stock(*store_, aceh_, site).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ektp_->MoveStock(*store_, aceh_, StockMoveInput{"transferred", site, "site:" + std::to_string(mobile_), 1, ""})
                .status()
                .field(),
            "from");
  // Every blank is accounted for: procured = on hand everywhere + spoiled.
  int64_t on_hand = 0;
  auto accounts = EktpStore(*store_).Accounts();
  ASSERT_OK(accounts);
  for (const auto& a : *accounts) on_hand += a.on_hand;
  EXPECT_EQ(on_hand + 2, 1000);
}

TEST_F(EktpServiceTest, CoverageMovesWithTheLifecycleAndMatchesAScan) {
  auto before = ektp_->GetCoverage(*store_, supervisor_, "32.73");
  ASSERT_OK(before);
  ASSERT_EQ(before->children.size(), 1u);  // one district
  EXPECT_EQ(before->total.wajib_ktp, 12);
  EXPECT_EQ(before->total.recorded, 0);
  Stock(5);
  RecordUnique(3, 31);
  auto card = ektp_->Print(*store_, printer_, dinas_, 0);
  ASSERT_OK(card);
  ASSERT_OK(ektp_->Handover(*store_, printer_, card->serial, "Ani"));
  auto after = ektp_->GetCoverage(*store_, supervisor_, "32.73");
  ASSERT_OK(after);
  EXPECT_EQ(after->total.recorded, 1);
  EXPECT_EQ(after->total.cards_issued, 1);
  EXPECT_EQ(after->total.blanks_on_hand, 4);
  EXPECT_NEAR(after->total.recording_rate, 1.0 / 12, 1e-9);
  auto villages = ektp_->GetCoverage(*store_, supervisor_, "32.73.01");
  ASSERT_OK(villages);
  EXPECT_EQ(villages->children.at(0).region_code, "3273011001");
  EXPECT_EQ(villages->children.at(0).name, "SUKARASA");
  EXPECT_EQ(ektp_->GetCoverage(*store_, supervisor_, "11").status().field(), "region");
  // The counters and a full scan agree.
  EktpStore ektp(*store_);
  EXPECT_EQ(*ektp.CoverageCounts("3273", 6), *ektp.CoverageCountsByScan("3273", 6));
}

TEST_F(EktpServiceTest, SweepMakesSeventeenYearOldsWajib) {
  Person teen = testing::SyntheticPerson(2200);
  teen.tanggal_lahir = *Date::FromYmd(2009, 11, 28);  // 17 today
  teen.status_perkawinan = StatusPerkawinan::kBelumKawin;
  teen.perkawinan_tercatat = PencatatanPerkawinan::kTidakBerlaku;
  teen.ektp_status = EktpStatus::kBelumWajib;
  ASSERT_TRUE(store_->InsertPersons(std::vector<Person>{teen}).ok());
  auto n = ektp_->SweepWajib(*store_, "siak");
  ASSERT_OK(n);
  EXPECT_EQ(*n, 1);  // the teen, not the child
  EXPECT_EQ(StatusOf(std::string(teen.nik.digits())), EktpStatus::kBelumRekam);
  EXPECT_EQ(StatusOf(child_), EktpStatus::kBelumWajib);
  EXPECT_EQ(*ektp_->SweepWajib(*store_, "siak"), 0);
}

}  // namespace
}  // namespace siak
