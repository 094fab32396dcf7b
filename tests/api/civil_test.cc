// Civil registration over HTTP: an officer declares a birth, a supervisor registers it, the
// child is in the KK with a NIK, every step is audited; bad input is problem+json naming the field.
#include <set>

#include "tests/api/api_server.h"

namespace siak::testing {
namespace {

class CivilApi : public ApiBackendTest {};

TEST_P(CivilApi, DeclareRegisterAndTheChildIsInTheKk) {
  const std::string father = s_->As("admin", "POST", "/api/v1/persons", PersonBody("Ayah Sipil", "1985-02-02", 1).dump())
                                 .json()["nik"];
  HttpResult fam = s_->As("admin", "POST", "/api/v1/families",
                          Json{{"wilayah", "32.73.01.1001"}, {"alamat", "Jl. Lahir 1"}, {"rt", 1}, {"rw", 2},
                               {"members", {{{"nik", father}, {"shdk", 1}}}}}.dump());
  ASSERT_EQ(fam.status, 201) << fam.body;
  const std::string kk = fam.json()["kk_number"];

  HttpResult declared = s_->As("registrar", "POST", "/api/v1/civil/births", BirthBody(kk, father).dump());
  ASSERT_EQ(declared.status, 201) << declared.body;
  EXPECT_EQ(declared.json()["state"], "DECLARED");
  EXPECT_EQ(declared.json()["timeliness"], "on_time");
  const std::string path = "/api/v1/civil/events/" + std::to_string(declared.json()["id"].get<int64_t>());
  // The officer cannot register it; the supervisor does.
  EXPECT_EQ(s_->As("registrar", "POST", path + "/register").status, 403);
  HttpResult registered = s_->As("supervisor", "POST", path + "/register");
  ASSERT_EQ(registered.status, 200) << registered.body;
  EXPECT_EQ(registered.json()["state"], "REGISTERED");
  const std::string akta = registered.json()["akta_number"];
  EXPECT_TRUE(akta.starts_with("3273-LT-")) << akta;
  const std::string child = registered.json()["subject_nik"];
  EXPECT_EQ(s_->As("supervisor", "POST", path + "/register").status, 409);

  HttpResult family = s_->As("registrar", "GET", "/api/v1/families/" + kk);
  ASSERT_EQ(family.status, 200) << family.body;
  bool found = false;
  for (const auto& m : family.json()["members"]) {
    const Json& shdk = m["shdk"].is_object() ? m["shdk"]["code"] : m["shdk"];
    found = found || (m["nik"] == child && shdk == 4);
  }
  EXPECT_TRUE(found) << family.body;
  HttpResult person = s_->As("registrar", "GET", "/api/v1/persons/" + child);
  ASSERT_EQ(person.status, 200) << person.body;
  EXPECT_EQ(person.json()["nama"], "Bayi Uji");
  EXPECT_EQ(person.json()["nama_ayah"], "Ayah Sipil");

  // Audited, with the child as subject.
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + child + "&limit=50");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> ops;
  for (const auto& e : audit.json()["items"]) ops.insert(e["action"].get<std::string>());
  EXPECT_TRUE(ops.contains("registerCivilEvent")) << audit.body.substr(0, 1500);
  // Out of scope: not found.
  EXPECT_EQ(s_->As("supervisor.aceh", "GET", path).status, 404);
}

TEST_P(CivilApi, BadDeclarationsNameTheField) {
  const std::string father = s_->As("admin", "POST", "/api/v1/persons", PersonBody("Ayah Salah", "1985-02-02", 1).dump())
                                 .json()["nik"];
  HttpResult fam = s_->As("admin", "POST", "/api/v1/families",
                          Json{{"wilayah", "32.73.01.1001"}, {"alamat", "x"}, {"rt", 1}, {"rw", 1},
                               {"members", {{{"nik", father}, {"shdk", 1}}}}}.dump());
  const std::string kk = fam.json()["kk_number"];
  auto field_of = [&](const Json& body) {
    HttpResult r = s_->As("registrar", "POST", "/api/v1/civil/births", body.dump());
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json().value("field", "");
  };
  Json b = BirthBody(kk, father);
  b["tanggal_lahir"] = "2099-01-01";
  EXPECT_EQ(field_of(b), "tanggal_lahir");
  b = BirthBody(kk, father);
  b["tanggal_lahir"] = "2026-01-10";  // long ago: late, needs the Dinas's decision
  EXPECT_EQ(field_of(b), "late_decision");
  b = BirthBody(kk, father);
  b["penolong"] = "tetangga";
  EXPECT_EQ(field_of(b), "penolong");
  b = BirthBody(kk, father);
  b["saksi"] = Json::array({"Satu"});
  EXPECT_EQ(field_of(b), "saksi");
  b = BirthBody(kk, father);
  b["jenis_kelamin"] = 3;
  EXPECT_EQ(field_of(b), "jenis_kelamin");
  b = BirthBody(kk, father);
  b.erase("nama_ibu");
  EXPECT_EQ(field_of(b), "ibu");
  HttpResult reject = s_->As("supervisor", "POST", "/api/v1/civil/events/999999/reject", Json{{"reason", "tidak ada"}}.dump());
  EXPECT_EQ(reject.status, 404) << reject.body;
}

// The "done when" over HTTP: a birth's akta PDF verifies; a death of a family head
// reissues the KK with a new head and widows the spouse; every effect is audited.
TEST_P(CivilApi, TheAktaVerifiesAndADeathReissuesTheKk) {
  const Json kMarried{{"status_perkawinan", 2}, {"perkawinan_tercatat", 1}};
  const std::string father = s_->As("admin", "POST", "/api/v1/persons",
                                    PersonBody("Ayah Wafat", "1970-02-02", 1, "32.73.01.1001", kMarried).dump())
                                 .json()["nik"];
  const std::string mother = s_->As("admin", "POST", "/api/v1/persons",
                                    PersonBody("Ibu Janda", "1975-03-03", 2, "32.73.01.1001", kMarried).dump())
                                 .json()["nik"];
  HttpResult fam = s_->As("admin", "POST", "/api/v1/families",
                          Json{{"wilayah", "32.73.01.1001"}, {"alamat", "Jl. Duka 1"}, {"rt", 1}, {"rw", 2},
                               {"members", {{{"nik", father}, {"shdk", 1}}, {{"nik", mother}, {"shdk", 3}}}}}.dump());
  ASSERT_EQ(fam.status, 201) << fam.body;
  const std::string kk = fam.json()["kk_number"];

  // A birth, registered; its akta as PDF and PNG; the QR's reference checks publicly.
  HttpResult declared = s_->As("registrar", "POST", "/api/v1/civil/births", BirthBody(kk, father).dump());
  ASSERT_EQ(declared.status, 201) << declared.body;
  const std::string birth = "/api/v1/civil/events/" + std::to_string(declared.json()["id"].get<int64_t>());
  ASSERT_EQ(s_->As("supervisor", "POST", birth + "/register").status, 200);
  HttpResult pdf = s_->As("registrar", "GET", birth + "/akta.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  HttpResult png = s_->As("auditor", "GET", birth + "/akta.png");
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.body.substr(1, 3), "PNG");
  HttpResult akta = s_->As("registrar", "GET", birth + "/akta");
  ASSERT_EQ(akta.status, 200) << akta.body;
  EXPECT_EQ(akta.json()["title"], "KUTIPAN AKTA KELAHIRAN");
  EXPECT_EQ(akta.json()["copy"], 1);
  HttpResult copy = s_->As("registrar", "POST", birth + "/copies");
  ASSERT_EQ(copy.status, 201) << copy.body;
  EXPECT_EQ(copy.json()["copy"], 2);
  // The QR's reference checks publicly: valid, the NIK masked, no name.
  const std::string reference = akta.json()["reference"];
  HttpResult good = s_->Call("GET", "/api/v1/akta/verify?ref=" + reference);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json()["valid"], true) << good.body;
  EXPECT_EQ(good.json()["akta_number"], akta.json()["akta_number"]);
  EXPECT_EQ(good.json()["nik"].get<std::string>().substr(6, 6), "******");
  EXPECT_EQ(good.body.find("Bayi Uji"), std::string::npos) << "no personal data beyond the masked NIK";
  HttpResult check = s_->Call("GET", "/api/v1/akta/verify?ref=AKT1.bukan.referensi");
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.json()["signature_valid"], false);
  EXPECT_FALSE(check.json()["problem"].is_null());

  // The head dies.
  Json death{{"nik", father},         {"tanggal_kematian", DaysAgo(2)}, {"waktu_kematian", "03:15"},
             {"tempat_kematian", "Rumah"}, {"sebab", "sakit_biasa"},     {"yang_menerangkan", "dokter"},
             {"pelapor", "Ibu Janda"}, {"pelapor_nik", mother},         {"saksi", {"Satu", "Dua"}}};
  Json no_cause = death;
  no_cause.erase("sebab");
  HttpResult refused = s_->As("registrar", "POST", "/api/v1/civil/declarations/kematian", no_cause.dump());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json().value("field", ""), "sebab");
  EXPECT_EQ(s_->As("registrar", "POST", "/api/v1/civil/declarations/wafat", death.dump()).status, 422);
  HttpResult d = s_->As("registrar", "POST", "/api/v1/civil/declarations/kematian", death.dump());
  ASSERT_EQ(d.status, 201) << d.body;
  const std::string path = "/api/v1/civil/events/" + std::to_string(d.json()["id"].get<int64_t>());
  HttpResult r = s_->As("supervisor", "POST", path + "/register");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["akta_number"].get<std::string>().starts_with("3273-KM-"));
  const std::string new_kk = r.json()["effects"]["kk"]["new"];
  EXPECT_NE(new_kk, kk);
  HttpResult widow = s_->As("registrar", "GET", "/api/v1/persons/" + mother);
  ASSERT_EQ(widow.status, 200);
  EXPECT_EQ(widow.json()["kk_number"], new_kk);
  const Json& status = widow.json()["status_perkawinan"];
  EXPECT_EQ(status.is_object() ? status["code"] : status, 4) << widow.body;
  HttpResult family = s_->As("registrar", "GET", "/api/v1/families/" + new_kk);
  ASSERT_EQ(family.status, 200) << family.body;
  bool head = false;
  for (const auto& m : family.json()["members"]) {
    const Json& shdk = m["shdk"].is_object() ? m["shdk"]["code"] : m["shdk"];
    head = head || (m["nik"] == mother && shdk == 1);
  }
  EXPECT_TRUE(head) << family.body;
  // Every effect in the audit log, traceable to the event: the widow is a subject of the registration.
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?nik=" + mother + "&limit=50");
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::set<std::string> ops;
  for (const auto& e : audit.json()["items"]) ops.insert(e["action"].get<std::string>());
  EXPECT_TRUE(ops.contains("registerCivilEvent")) << audit.body.substr(0, 1500);
  HttpResult events = s_->As("auditor", "GET", "/api/v1/persons/" + father + "/civil-events");
  ASSERT_EQ(events.status, 200) << events.body;
  ASSERT_EQ(events.json()["events"].size(), 2u) << "his child's birth names him; his death";
  EXPECT_EQ(events.json()["events"][0]["kind"], "kelahiran");
  EXPECT_EQ(events.json()["events"][1]["kind"], "kematian");
  // Statistics: one birth and one death in the district this month (at least: other tests add theirs).
  HttpResult stats = s_->As("supervisor", "GET", "/api/v1/civil/statistics?region=327301&level=6");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_FALSE(stats.json()["rows"].empty());
  EXPECT_EQ(s_->As("supervisor", "GET", "/api/v1/civil/statistics?from=2026-13-01").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, CivilApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
