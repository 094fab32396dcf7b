// ABIS over HTTP: recording -> de-duplication -> adjudication -> verification, bad input as
// problem+json naming the field, scope, audit, and the `siak abis` CLI on the server's store.
#include <atomic>
#include <set>

#include "tests/api/api_server.h"

namespace siak::testing {
namespace {

std::atomic<uint64_t> next_identity{2'000'000};

class AbisApi : public ApiBackendTest {};


TEST_P(AbisApi, RecordDeduplicateAdjudicateVerify) {
  const uint64_t eyes = next_identity++;
  const std::string first = NewAdult(*s_, "Siti Rekam");
  const std::string second = NewAdult(*s_, "Siti Ganda");
  ASSERT_FALSE(first.empty());
  HttpResult a = RecordAndWait(*s_, "recorder", first, eyes, 0, "api-" + first);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json()["outcome"], "UNIQUE") << a.body;
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + first).json()["ektp_status"], "PRINT_READY_RECORD");
  // A retried submission (same recording id) is the same job, not a second recording.
  HttpResult again = s_->As("recorder", "POST", "/api/v1/abis/jobs",
                            Json{{"recording_id", "api-" + first}, {"nik", first}, {"irises", IrisesJson(eyes, 0)}}.dump());
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], a.json()["id"]);

  HttpResult b = RecordAndWait(*s_, "recorder", second, eyes, 1, "api-" + second);
  ASSERT_EQ(b.json()["outcome"], "DUPLICATE") << b.body;
  ASSERT_EQ(b.json()["cases"].size(), 1u);
  const Json c = b.json()["cases"][0];
  EXPECT_EQ(c["candidate_nik"], first);
  EXPECT_LT(c["score_right"].get<double>(), 0.32);
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + second).json()["ektp_status"], "ADJUDICATE_RECORD");
  const std::string case_path = "/api/v1/abis/cases/" + std::to_string(c["id"].get<int64_t>());

  // Scope: a supervisor of Aceh neither sees nor decides a Bandung case.
  EXPECT_EQ(s_->As("supervisor.aceh", "GET", case_path).status, 404);
  HttpResult listed = s_->As("supervisor.aceh", "GET", "/api/v1/abis/cases?state=all&limit=200");
  for (const auto& item : listed.json()["cases"]) EXPECT_TRUE(item["nik"].get<std::string>().starts_with("32")) << item;
  for (const auto& item : listed.json()["cases"]) EXPECT_NE(item["nik"], second);

  // Bad decisions name the field.
  HttpResult bad = s_->As("supervisor", "POST", case_path + "/decision", Json{{"decision", "maybe"}, {"reason", "hmm hmm"}}.dump());
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["field"], "decision");
  bad = s_->As("supervisor", "POST", case_path + "/decision",
               Json{{"decision", "same"}, {"surviving_nik", "3273010101900001"}, {"reason", "orang yang sama"}}.dump());
  EXPECT_EQ(bad.json()["field"], "surviving_nik") << bad.body;

  HttpResult decided = s_->As("supervisor", "POST", case_path + "/decision",
                              Json{{"decision", "same"}, {"surviving_nik", first}, {"reason", "orang yang sama, KK dicek"}}.dump());
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["state"], "resolved");
  EXPECT_EQ(s_->As("supervisor", "POST", case_path + "/decision",
                   Json{{"decision", "different"}, {"reason", "berubah pikiran"}}.dump()).status, 409);
  HttpResult merged = s_->As("registrar", "GET", "/api/v1/persons/" + second);
  EXPECT_EQ(merged.json()["ektp_status"], "MERGED");

  // 1:1 verification (a partner institution).
  HttpResult yes = s_->As("partner", "POST", "/api/v1/abis/verify", Json{{"nik", first}, {"irises", IrisesJson(eyes, 4)}}.dump());
  ASSERT_EQ(yes.status, 200) << yes.body;
  EXPECT_TRUE(yes.json()["match"].get<bool>());
  HttpResult no = s_->As("partner", "POST", "/api/v1/abis/verify",
                         Json{{"nik", first}, {"irises", IrisesJson(next_identity++, 0)}}.dump());
  EXPECT_FALSE(no.json()["match"].get<bool>()) << no.body;

  // Every touch of the two persons is in the audit log, including the worker's outcomes.
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + second + "&limit=100");
  std::set<std::string> actions;
  for (const auto& e : audit.json()["items"]) actions.insert(e["action"].get<std::string>());
  EXPECT_TRUE(actions.contains("abis.outcome")) << audit.body;
  EXPECT_TRUE(actions.contains("submitAbisJob")) << audit.body;
  EXPECT_TRUE(actions.contains("decideAbisCase")) << audit.body;
}

TEST_P(AbisApi, BadRecordingsAreRefusedNamingTheField) {
  const std::string nik = NewAdult(*s_, "Budi Salah");
  auto submit = [&](const Json& irises, const std::string& id = "bad-1") {
    return s_->As("recorder", "POST", "/api/v1/abis/jobs", Json{{"recording_id", id}, {"nik", nik}, {"irises", irises}}.dump());
  };
  Json good = IrisesJson(next_identity++, 0);
  Json not_base64 = good;
  not_base64[0]["template"] = "!!!";
  HttpResult r = submit(not_base64);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["field"], "irises[0].template");
  Json cut = good;
  cut[1]["template"] = good[1]["template"].get<std::string>().substr(0, 100);
  r = submit(cut);
  EXPECT_EQ(r.json()["field"], "irises[1].template") << r.body;
  Json swapped = good;
  swapped[0]["eye"] = "left";
  r = submit(swapped);
  EXPECT_EQ(r.json()["field"], "irises[0].eye") << r.body;
  Json twice = Json::array({good[0], good[0]});
  r = submit(twice);
  EXPECT_EQ(r.json()["field"], "irises[1].eye") << r.body;
  r = submit(Json::array());
  EXPECT_EQ(r.json()["field"], "irises") << r.body;
  r = submit(good, "spasi tidak boleh");
  EXPECT_EQ(r.json()["field"], "recording_id") << r.body;
  r = s_->As("recorder", "POST", "/api/v1/abis/jobs",
             Json{{"recording_id", "bad-2"}, {"nik", nik}, {"captured_at", "kemarin"}, {"irises", good}}.dump());
  EXPECT_EQ(r.json()["field"], "captured_at") << r.body;
  // Nothing was recorded by any of these.
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + nik).json()["ektp_status"], "BELUM_REKAM");
  // A child cannot record (the lifecycle refuses BELUM_WAJIB).
  HttpResult child = s_->As("admin", "POST", "/api/v1/persons", PersonBody("Anak Kecil", "2019-01-01", 2).dump());
  r = s_->As("recorder", "POST", "/api/v1/abis/jobs",
             Json{{"recording_id", "bad-3"}, {"nik", child.json()["nik"]}, {"irises", good}}.dump());
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(s_->As("printer", "POST", "/api/v1/abis/jobs", Json{{"recording_id", "bad-4"}, {"nik", nik}, {"irises", good}}.dump()).status, 403);
}

// Fingers over HTTP: a job with fingers only is de-duplicated by them; the duplicate's detail
// shows each finger's score; bad finger input is problem+json naming the field.
TEST_P(AbisApi, FingersAloneDeduplicateAndBadFingersAreNamed) {
  // A fixed identity (below the counter's range): the per-finger score checked below is the
  // same whichever tests ran before this one in the process.
  const uint64_t hands = 1'000'000;
  const std::string first = NewAdult(*s_, "Jari Pertama");
  const std::string second = NewAdult(*s_, "Jari Kedua");
  HttpResult a = SubmitAndWait(*s_, "recorder",
                               Json{{"recording_id", "fp-" + first}, {"nik", first}, {"fingers", FingersJson(hands, 0)}});
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json()["outcome"], "UNIQUE") << a.body;
  HttpResult b = SubmitAndWait(*s_, "recorder",
                               Json{{"recording_id", "fp-" + second}, {"nik", second}, {"fingers", FingersJson(hands, 1)}});
  ASSERT_EQ(b.json()["outcome"], "DUPLICATE") << b.body;
  ASSERT_EQ(b.json()["cases"].size(), 1u) << b.body;
  EXPECT_EQ(b.json()["cases"][0]["candidate_nik"], first);
  const Json candidate = b.json()["detail"]["candidates"][0];
  EXPECT_EQ(candidate["fingers"]["compared"], 10) << b.body;
  EXPECT_GT(candidate["fingers"]["scores"]["right_index"].get<double>(), 0.1) << b.body;
  EXPECT_TRUE(candidate["right"].is_null());

  // 1:1 by fingers over HTTP.
  HttpResult verified = s_->As("partner", "POST", "/api/v1/abis/verify",
                               Json{{"nik", first}, {"fingers", FingersJson(hands, 3)}}.dump());
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_TRUE(verified.json()["match"].get<bool>()) << verified.body;
  EXPECT_EQ(verified.json()["fingers"]["compared"], 10);
  HttpResult other = s_->As("partner", "POST", "/api/v1/abis/verify",
                            Json{{"nik", first}, {"fingers", FingersJson(next_identity++, 0)}}.dump());
  EXPECT_FALSE(other.json()["match"].get<bool>()) << other.body;

  const std::string nik = NewAdult(*s_, "Jari Salah");
  auto submit = [&](const Json& fingers) {
    return s_->As("recorder", "POST", "/api/v1/abis/jobs",
                  Json{{"recording_id", "fp-bad"}, {"nik", nik}, {"fingers", fingers}}.dump());
  };
  Json good = FingersJson(next_identity++, 0);
  Json bad = good;
  bad[0]["position"] = 11;
  HttpResult r = submit(bad);
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["field"], "fingers[0].position") << r.body;
  bad = good;
  bad[3]["template"] = "%%%";
  EXPECT_EQ(submit(bad).json()["field"], "fingers[3].template");
  bad = good;
  bad[4]["template"] = good[4]["template"].get<std::string>().substr(0, 40);
  EXPECT_EQ(submit(bad).json()["field"], "fingers[4].template");
  bad = good;
  bad[5]["position"] = 1;
  EXPECT_EQ(submit(bad).json()["field"], "fingers[5].position");
  EXPECT_EQ(submit(Json::object()).json()["field"], "fingers") << "not an array";
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + nik).json()["ektp_status"], "BELUM_REKAM");

  HttpResult stats = s_->As("supervisor", "GET", "/api/v1/abis/stats");
  EXPECT_GE(stats.json()["finger_gallery"]["persons"].get<int64_t>(), 1) << stats.body;
}

TEST_P(AbisApi, StatsAndTheCli) {
  const uint64_t eyes = next_identity++;
  const std::string nik = NewAdult(*s_, "Cli Rekam");
  ASSERT_EQ(RecordAndWait(*s_, "recorder", nik, eyes, 0, "cli-" + nik).json()["outcome"], "UNIQUE");
  HttpResult stats = s_->As("supervisor", "GET", "/api/v1/abis/stats");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_GE(stats.json()["enrolled_persons"].get<int64_t>(), 1);
  // Every enrolled person is in the iris or the finger gallery (some have only one of them).
  const int64_t enrolled = stats.json()["enrolled_persons"].get<int64_t>();
  EXPECT_LE(stats.json()["galleries"]["right"].get<int64_t>(), enrolled) << stats.body;
  EXPECT_LE(stats.json()["finger_gallery"]["persons"].get<int64_t>(), enrolled) << stats.body;
  EXPECT_GE(stats.json()["galleries"]["right"].get<int64_t>() + stats.json()["finger_gallery"]["persons"].get<int64_t>(),
            enrolled)
      << stats.body;
  EXPECT_EQ(stats.json()["rotations"], 17);

  std::string out;
  ASSERT_EQ(s_->Cli("abis stats", &out), 0) << out;
  EXPECT_NE(out.find("persons enrolled in the store"), std::string::npos) << out;
  const std::string right = "/tmp/siak-abis-cli-" + std::to_string(getpid()) + "-right.skir";
  const std::string left = "/tmp/siak-abis-cli-" + std::to_string(getpid()) + "-left.skir";
  // The API tests' synthetic irises use seed 77.
  ASSERT_EQ(s_->Cli("abis synth --seed 77 --identity " + std::to_string(eyes) + " --capture 2 --eye right --out " + right, &out), 0) << out;
  ASSERT_EQ(s_->Cli("abis synth --seed 77 --identity " + std::to_string(eyes) + " --capture 2 --eye left --out " + left, &out), 0) << out;
  ASSERT_EQ(s_->Cli("abis search --right " + right + " --left " + left, &out), 0) << out;
  EXPECT_NE(out.find("DUPLICATE"), std::string::npos) << out;
  EXPECT_NE(out.find(nik), std::string::npos) << out;
  ASSERT_EQ(s_->Cli("abis verify --nik " + nik + " --right " + right, &out), 0) << out;
  EXPECT_NE(out.find("MATCH"), std::string::npos) << out;
  EXPECT_EQ(out.find("NO MATCH"), std::string::npos) << out;
  EXPECT_EQ(s_->Cli("abis search --right " + left, &out), 1) << "a left template given as --right";
  EXPECT_NE(out.find("--right"), std::string::npos) << out;
  EXPECT_EQ(s_->Cli("abis verify --nik 123 --right " + right, &out), 1);
  std::remove(right.c_str());
  std::remove(left.c_str());
}

INSTANTIATE_TEST_SUITE_P(Backends, AbisApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
