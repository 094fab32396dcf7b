// e-KTP over HTTP: the "done when" path on a real server (record at a mobile team site,
// de-duplication, printing with a blank leaving the stock, handover, coverage; a Suket when the
// stock is empty; every step in the timeline and the audit log), printing racing for the last
// blanks, and the errors an officer sees.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "card/chip_payload.h"
#include "common/crypto.h"
#include "tests/api/api_server.h"
#include "tests/support/synthetic_capture.h"

namespace siak::testing {
namespace {

std::atomic<uint64_t> next_identity{3'000'000};
std::atomic<int> next_site{1};

class EktpApi : public ApiBackendTest {
 protected:
  void MakeSites() {
    sites_ = MakeEktpSites(*s_, std::to_string(next_site++) + "-" + GetParam().substr(0, 2));
    dinas_ = sites_.dinas;
    mobile_ = sites_.mobile;
  }
  std::string RecordNewAdult(const std::string& name) {
    const std::string nik = RecordUniqueAdult(*s_, sites_, name, next_identity++);
    EXPECT_FALSE(nik.empty());
    return nik;
  }
  int64_t OnHand() {
    HttpResult r = s_->As("printer", "GET", "/api/v1/stock/site:" + std::to_string(dinas_));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? r.json()["on_hand"].get<int64_t>() : -1;
  }
  Json Coverage() {
    HttpResult r = s_->As("supervisor", "GET", "/api/v1/coverage?region=32.73.01");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["total"];
  }
  EktpSites sites_;
  int64_t dinas_ = 0, mobile_ = 0;
};

TEST_P(EktpApi, RecordDeduplicatePrintHandOverOrSuket) {
  MakeSites();
  const Json before = Coverage();
  const std::string nik = RecordNewAdult("Wati Jemput Bola");
  // The retried submission of a mobile team is the same recording.
  HttpResult again = s_->As("recorder", "POST", "/api/v1/recordings",
                            EktpRecordingBody(sites_, "rekam-" + nik, nik, 1).dump());
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + nik).json()["ektp_status"], "PRINT_READY_RECORD");

  // The queue has it; with no blanks the print is refused and a Suket is issued instead.
  HttpResult queue = s_->As("printer", "GET", "/api/v1/sites/" + std::to_string(dinas_) + "/print-queue");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.json()["requests"].size(), 1u) << queue.body;
  EXPECT_EQ(queue.json()["requests"][0]["nik"], nik);
  HttpResult no_blank = s_->As("printer", "POST", "/api/v1/sites/" + std::to_string(dinas_) + "/print", "{}");
  EXPECT_EQ(no_blank.status, 409) << no_blank.body;
  EXPECT_EQ(no_blank.header("content-type"), "application/problem+json");
  EXPECT_NE(no_blank.body.find("Suket"), std::string::npos) << no_blank.body;
  HttpResult suket = s_->As("printer", "POST", "/api/v1/suket", Json{{"nik", nik}, {"site_id", dinas_}}.dump());
  ASSERT_EQ(suket.status, 201) << suket.body;
  const std::string number = suket.json()["number"];
  HttpResult listed = s_->As("supervisor", "GET", "/api/v1/suket?state=active&limit=500");
  ASSERT_EQ(listed.status, 200) << listed.body;
  bool found = false;
  for (const auto& item : listed.json()["items"]) found |= item["number"] == number;
  EXPECT_TRUE(found) << listed.body;
  EXPECT_EQ(s_->As("supervisor", "GET", "/api/v1/suket?state=lost").status, 422);
  HttpResult pdf = s_->As("printer", "GET", "/api/v1/suket/" + number + "/suket.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  // Anyone can check the QR reference, without logging in.
  auto verify = [&]() {
    CURL* c = curl_easy_init();
    char* esc = curl_easy_escape(c, suket.json()["reference"].get<std::string>().c_str(), 0);
    HttpResult v = s_->Call("GET", std::string("/api/v1/suket/verify?ref=") + esc);
    curl_free(esc);
    curl_easy_cleanup(c);
    return v;
  };
  HttpResult checked = verify();
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json()["valid"], true) << checked.body;
  EXPECT_EQ(Coverage()["suket_outstanding"].get<int64_t>(), before["suket_outstanding"].get<int64_t>() + 1);

  // Blanks arrive: the card prints and one blank leaves the stock.
  GiveBlanks(*s_, dinas_, 2);
  EXPECT_EQ(OnHand(), 2);
  HttpResult printed = s_->As("printer", "POST", "/api/v1/sites/" + std::to_string(dinas_) + "/print", "{}");
  ASSERT_EQ(printed.status, 201) << printed.body;
  EXPECT_EQ(OnHand(), 1);
  const std::string serial = printed.json()["serial"];
  EXPECT_EQ(printed.json()["face"]["berlaku_hingga"], "SEUMUR HIDUP");
  EXPECT_EQ(verify().json()["valid"], false);  // superseded by the card
  HttpResult card_pdf = s_->As("printer", "GET", "/api/v1/cards/" + serial + "/card.pdf");
  ASSERT_EQ(card_pdf.status, 200);
  EXPECT_EQ(card_pdf.body.substr(0, 5), "%PDF-");
  HttpResult card_png = s_->As("printer", "GET", "/api/v1/cards/" + serial + "/card.png");
  ASSERT_EQ(card_png.status, 200);
  EXPECT_EQ(card_png.header("content-type"), "image/png");
  // The chip payload verifies offline with the published key (library and CLI).
  HttpResult key = s_->Call("GET", "/api/v1/keys/card");
  ASSERT_EQ(key.status, 200) << key.body;
  auto pub = card::ParsePublicKeyHex(key.json()["public_key"].get<std::string>(), "public_key");
  ASSERT_TRUE(pub.ok());
  HttpResult chip = s_->As("printer", "GET", "/api/v1/cards/" + serial + "/chip");
  ASSERT_EQ(chip.status, 200);
  auto payload = card::DecodeChipPayload(chip.body, *pub);
  ASSERT_TRUE(payload.ok()) << payload.status().ToString();
  EXPECT_EQ(payload->Get(card::ChipItem::kNik), nik);
  EXPECT_EQ(payload->fingers.size(), 2u);
  const std::string chip_file = ::testing::TempDir() + "/chip-" + serial;
  std::ofstream(chip_file, std::ios::binary) << chip.body;
  std::string out;
  EXPECT_EQ(s_->Cli("card verify " + chip_file + " --public-key " + pub->Hex(), &out), 0) << out;
  EXPECT_NE(out.find(nik), std::string::npos) << out;
  std::string tampered = chip.body;
  tampered[20] ^= 1;
  std::ofstream(chip_file, std::ios::binary | std::ios::trunc) << tampered;
  EXPECT_NE(s_->Cli("card verify " + chip_file + " --public-key " + pub->Hex(), &out), 0) << out;

  // Handover; the coverage moved.
  HttpResult handed = s_->As("printer", "POST", "/api/v1/cards/" + serial + "/handover",
                             Json{{"received_by", "Wati (sendiri)"}}.dump());
  ASSERT_EQ(handed.status, 200) << handed.body;
  const Json after = Coverage();
  EXPECT_EQ(after["recorded"].get<int64_t>(), before["recorded"].get<int64_t>() + 1);
  EXPECT_EQ(after["cards_issued"].get<int64_t>(), before["cards_issued"].get<int64_t>() + 1);
  EXPECT_EQ(after["wajib_ktp"].get<int64_t>(), before["wajib_ktp"].get<int64_t>() + 1);
  EXPECT_EQ(after["suket_outstanding"], before["suket_outstanding"]);

  // Every step is in the timeline and the audit log.
  HttpResult t = s_->As("registrar", "GET", "/api/v1/persons/" + nik + "/ektp");
  ASSERT_EQ(t.status, 200) << t.body;
  std::vector<std::string> events;
  for (const auto& e : t.json()["events"]) events.push_back(e["event"]);
  const std::vector<std::string> want = {"recorded", "abis_unique", "suket_issued", "sent_for_printing", "card_printed",
                                         "card_issued"};
  EXPECT_EQ(events, want) << t.body;
  EXPECT_EQ(t.json()["status"], "CARD_ISSUED");
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + nik + "&limit=100");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> ops;
  for (const auto& e : audit.json()["items"]) ops.insert(e["action"].get<std::string>());
  for (const char* op : {"createRecording", "issueSuket", "printCard", "getCardPdf", "handoverCard", "getEktpTimeline"}) {
    EXPECT_TRUE(ops.contains(op)) << op << " missing from " << audit.body.substr(0, 2000);
  }
}

TEST_P(EktpApi, ParallelPrintersNeverTakeMoreBlanksThanTheStockHolds) {
  MakeSites();
  for (const char* name : {"Antri Satu", "Antri Dua", "Antri Tiga", "Antri Empat", "Antri Lima", "Antri Enam"}) {
    RecordNewAdult(name);
  }
  GiveBlanks(*s_, dinas_, 3);
  s_->Token("printer");  // log in once, before the threads share the token
  std::atomic<int> printed{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      HttpResult r = s_->As("printer", "POST", "/api/v1/sites/" + std::to_string(dinas_) + "/print", "{}");
      if (r.status == 201) {
        ++printed;
      } else if (r.status == 409) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(printed.load(), 3);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(OnHand(), 0);
  HttpResult queue = s_->As("printer", "GET", "/api/v1/sites/" + std::to_string(dinas_) + "/print-queue");
  EXPECT_EQ(queue.json()["requests"].size(), 3u);
  HttpResult ledger = s_->As("printer", "GET", "/api/v1/stock/site:" + std::to_string(dinas_));
  int consumed = 0;
  for (const auto& e : ledger.json()["entries"]) consumed += e["kind"] == "consumed";
  EXPECT_EQ(consumed, 3);
}

TEST_P(EktpApi, BadInputNamesTheFieldAndTheRule) {
  MakeSites();
  const std::string nik = NewAdult(*s_, "Salah Isi");
  Json body = EktpRecordingBody(sites_, "api-bad-" + nik, nik, next_identity++);
  body["photo"] = "not base64!";
  HttpResult r = s_->As("recorder", "POST", "/api/v1/recordings", body.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("photo"), std::string::npos) << r.body;
  body = EktpRecordingBody(sites_, "api-bad-" + nik, nik, next_identity++);
  body["photo"] = ToBase64(FlatPng(300, 400, 0.5));
  r = s_->As("recorder", "POST", "/api/v1/recordings", body.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("\"photo\""), std::string::npos) << r.body;
  body = EktpRecordingBody(sites_, "api-bad-" + nik, nik, next_identity++);
  body["fingers"].erase(3);
  r = s_->As("recorder", "POST", "/api/v1/recordings", body.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("all ten fingers"), std::string::npos) << r.body;
  body = EktpRecordingBody(sites_, "api-bad-" + nik, nik, next_identity++);
  body["captured_at"] = "yesterday";
  r = s_->As("recorder", "POST", "/api/v1/recordings", body.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("captured_at"), std::string::npos) << r.body;
  // Nothing was recorded by the refusals.
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + nik).json()["ektp_status"], "BELUM_REKAM");
  EXPECT_EQ(s_->As("recorder", "GET", "/api/v1/recordings/api-bad-" + nik).status, 404);

  HttpResult stock = s_->As("admin", "POST", "/api/v1/stock/movements",
                            Json{{"kind", "spoiled"}, {"from", "site:" + std::to_string(dinas_)}, {"quantity", 1},
                                 {"reason", "damaged"}}
                                .dump());
  EXPECT_EQ(stock.status, 409) << stock.body;  // no blanks to spoil
  EXPECT_NE(stock.body.find("blanks on hand"), std::string::npos) << stock.body;
  HttpResult site = s_->As("admin", "POST", "/api/v1/sites",
                           Json{{"code", "x y"}, {"kind", "dinas"}, {"name", "x"}, {"region_code", "32.73"}}.dump());
  EXPECT_EQ(site.status, 422) << site.body;
  // Roles and scope: a recording officer does not print; Aceh does not see Bandung's sites.
  EXPECT_EQ(s_->As("recorder", "POST", "/api/v1/sites/" + std::to_string(dinas_) + "/print", "{}").status, 403);
  EXPECT_EQ(s_->As("supervisor.aceh", "GET", "/api/v1/sites/" + std::to_string(dinas_)).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, EktpApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
