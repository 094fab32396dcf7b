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

INSTANTIATE_TEST_SUITE_P(Backends, CivilApi, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
