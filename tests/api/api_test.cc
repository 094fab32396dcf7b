// The register API end to end over HTTP, against SQLite and PostgreSQL.
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <functional>
#include <set>
#include <thread>

#include "tests/api/api_server.h"

namespace siak::testing {
namespace {

class Api : public ApiBackendTest {
 protected:
  // Creates a person as `user`, returning the NIK.
  std::string Create(const Json& body, const std::string& user = "registrar") {
    HttpResult r = s_->As(user, "POST", "/api/v1/persons", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("nik", "");
  }
};

std::vector<std::string> AuditActions(ApiServer* s, const std::string& nik) {
  HttpResult r = s->As("auditor", "GET", "/api/v1/audit?nik=" + nik + "&limit=1000");
  std::vector<std::string> out;
  for (const auto& e : r.json()["items"]) out.push_back(e["actor"].get<std::string>() + ":" + e["action"].get<std::string>() + ":" + e["outcome"].get<std::string>());
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The issue's "done when": register a family of four, move it to another regency, find a
// person by a misspelt name, see it all in the audit log, and a registrar scoped elsewhere
// sees none of it.
TEST_P(Api, FamilyOfFourMovesAndEverythingIsAudited) {
  const std::string head = Create(PersonBody("Muhammad Rizky Pratama", "1984-02-11", 1, "32.73.01.1001",
                                             {{"status_perkawinan", 2}, {"perkawinan_tercatat", 1}}));
  const std::string wife = Create(PersonBody("Siti Nurhaliza", "1986-07-30", 2, "32.73.01.1001",
                                             {{"status_perkawinan", 2}, {"perkawinan_tercatat", 1}}));
  const std::string son = Create(PersonBody("Ahmad Fauzi", "2008-05-05", 1, "32.73.01.1001"));
  const std::string daughter = Create(PersonBody("Dewi Lestari", "2012-12-12", 2, "32.73.01.1001"));
  ASSERT_EQ(head.substr(0, 6), "327301") << "NIK issued in the kecamatan of registration";
  ASSERT_EQ(wife.substr(6, 2), "70") << "women's birth day +40";

  Json family{{"wilayah", "32.73.01.1001"}, {"alamat", "Jl. Sukasari 9"}, {"rt", 3}, {"rw", 4},
              {"members", {{{"nik", head}, {"shdk", 1}}, {{"nik", wife}, {"shdk", 3}}, {{"nik", son}, {"shdk", 4}},
                           {{"nik", daughter}, {"shdk", 4}}}}};
  HttpResult kk = s_->As("registrar", "POST", "/api/v1/families", family.dump());
  ASSERT_EQ(kk.status, 201) << kk.body;
  const std::string kk_number = kk.json()["kk_number"];
  EXPECT_EQ(kk.json()["members"].size(), 4u);
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/persons/" + son).json()["kk_number"], kk_number);

  // Move the whole family from Kota Bandung (32.73) to Kabupaten Bandung (32.04).
  HttpResult move = s_->As("registrar", "POST", "/api/v1/moves",
                           Json{{"movers", {head, wife, son, daughter}}, {"destination", "32.04.05.2003"},
                                {"alamat", "Kp. Babakan 2"}, {"rt", 1}, {"rw", 5}, {"reason", "pekerjaan"}}
                               .dump());
  ASSERT_EQ(move.status, 201) << move.body;
  EXPECT_TRUE(move.json()["skpwni"].get<std::string>().starts_with("SKPWNI/3273/")) << move.body;
  const std::string new_kk = move.json()["destination_kk"];
  EXPECT_EQ(new_kk.substr(0, 6), "320405") << "a new KK is issued at the destination";
  HttpResult moved = s_->As("admin", "GET", "/api/v1/persons/" + head);
  ASSERT_EQ(moved.status, 200);
  EXPECT_EQ(moved.json()["nik"], head) << "the NIK never changes";
  EXPECT_EQ(moved.json()["wilayah"], "32.04.05.2003");
  EXPECT_EQ(moved.json()["kk_number"], new_kk);

  // A misspelt name finds the head: "Mohamad Rizki Pratama".
  HttpResult found = s_->As("admin", "GET", "/api/v1/persons?q=Mohamad%20Riski%20Pratama");
  ASSERT_EQ(found.status, 200) << found.body;
  bool hit = false;
  for (const auto& p : found.json()["items"]) hit |= p["nik"] == head;
  EXPECT_TRUE(hit) << found.body;

  // The registrar of Kota Bandung no longer sees them (they live in 32.04 now), and a
  // registrar of Aceh Selatan never did.
  for (const std::string user : {"registrar", "registrar.aceh"}) {
    EXPECT_EQ(s_->As(user, "GET", "/api/v1/persons/" + head).status, 404) << user;
    EXPECT_EQ(s_->As(user, "GET", "/api/v1/families/" + new_kk).status, 404) << user;
    EXPECT_EQ(s_->As(user, "GET", "/api/v1/persons/" + head + "/history").status, 404) << user;
    HttpResult search = s_->As(user, "GET", "/api/v1/persons?q=Muhammad%20Rizky%20Pratama");
    EXPECT_EQ(search.status, 200);
    EXPECT_TRUE(search.json()["items"].empty()) << user << ": " << search.body;
  }

  // Every read and write of the head is in the audit log, with who and the outcome.
  const auto actions = AuditActions(s_, head);
  for (const std::string expected : {"registrar:createPerson:ok", "registrar:createFamily:ok", "registrar:createMove:ok",
                                     "admin:getPerson:ok", "admin:searchPersons:ok", "registrar:getPerson:not_found",
                                     "registrar.aceh:getPerson:not_found"}) {
    EXPECT_TRUE(Contains(actions, expected)) << expected;
  }
  // The history shows the move.
  HttpResult history = s_->As("admin", "GET", "/api/v1/persons/" + head + "/history");
  std::vector<std::string> events;
  for (const auto& e : history.json()["events"]) events.push_back(e["event"]);
  EXPECT_TRUE(Contains(events, "person.registered"));
  EXPECT_TRUE(Contains(events, "person.moved_out"));
  EXPECT_TRUE(Contains(events, "person.moved_in"));
}

TEST_P(Api, ProblemsNameTheFieldAndTheRule) {
  // Malformed JSON: 400.
  HttpResult bad = s_->As("registrar", "POST", "/api/v1/persons", "{not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.header("content-type"), "application/problem+json");
  EXPECT_EQ(bad.json()["code"], "malformed_request");
  // A wrong type: 400 naming the field.
  HttpResult type = s_->As("registrar", "POST", "/api/v1/persons", PersonBody("Ani", "1990-01-01", 2, "32.73.01.1001", {{"rt", "satu"}}).dump());
  EXPECT_EQ(type.status, 400) << type.body;
  EXPECT_EQ(type.json()["field"], "rt");
  // A rule: 422 naming the field, in both languages.
  HttpResult rule = s_->As("registrar", "POST", "/api/v1/persons", PersonBody("Ani 2", "1990-01-01", 2).dump());
  EXPECT_EQ(rule.status, 422);
  EXPECT_EQ(rule.json()["field"], "nama");
  EXPECT_NE(rule.json()["detail"].get<std::string>().find("digits"), std::string::npos);
  EXPECT_FALSE(rule.json()["keterangan"].get<std::string>().empty());
  Json missing = PersonBody("Ani", "1990-01-01", 2);
  missing.erase("tempat_lahir");
  HttpResult req = s_->As("registrar", "POST", "/api/v1/persons", missing.dump());
  EXPECT_EQ(req.status, 422);
  EXPECT_EQ(req.json()["field"], "tempat_lahir");
  HttpResult future = s_->As("registrar", "POST", "/api/v1/persons", PersonBody("Ani", "2999-01-01", 2).dump());
  EXPECT_EQ(future.status, 422);
  EXPECT_EQ(future.json()["field"], "tanggal_lahir");
  // A NIK that breaks the rules: 422 naming nik.
  EXPECT_EQ(s_->As("admin", "GET", "/api/v1/persons/3273010000000000").json()["field"], "nik");
  // Unknown endpoint 404, wrong method 405, no token 401 with WWW-Authenticate.
  EXPECT_EQ(s_->As("admin", "GET", "/api/v1/nothing").status, 404);
  EXPECT_EQ(s_->As("admin", "PUT", "/api/v1/persons").status, 405);
  HttpResult anon = s_->Call("GET", "/api/v1/persons?q=ani");
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.header("www-authenticate"), "Bearer");
  // Too large a body: 413.
  HttpResult big = s_->As("registrar", "POST", "/api/v1/persons", std::string((2 << 20) + 1, ' '));
  EXPECT_EQ(big.status, 413);
  // Importing an existing NIK twice: 409.
  const std::string nik = Create(PersonBody("Rina Marlina", "1991-04-04", 2));
  HttpResult again = s_->As("registrar", "POST", "/api/v1/persons",
                            PersonBody("Rina Marlina", "1991-04-04", 2, "32.73.01.1001", {{"nik", nik}}).dump());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.json()["field"], "nik");
  // Never a stack trace or an engine message.
  for (const auto* r : {&bad, &type, &rule, &again}) {
    EXPECT_EQ(r->body.find("sqlite"), std::string::npos);
    EXPECT_EQ(r->body.find("SQLSTATE"), std::string::npos);
  }
}

TEST_P(Api, UpdatesNeedTheCurrentETagAndStaticFieldsNeedACorrection) {
  const std::string nik = Create(PersonBody("Bambang Susilo", "1975-08-17", 1));
  HttpResult got = s_->As("registrar", "GET", "/api/v1/persons/" + nik);
  const std::string etag = got.header("etag");
  ASSERT_EQ(etag, "\"v1\"");
  const std::string path = "/api/v1/persons/" + nik;
  EXPECT_EQ(s_->As("registrar", "PATCH", path, R"({"pekerjaan": 65})").status, 428);
  HttpResult ok = s_->As("registrar", "PATCH", path, R"({"pekerjaan": 65})", {"If-Match: " + etag});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["pekerjaan_label"], "Guru");
  EXPECT_EQ(ok.header("etag"), "\"v2\"");
  HttpResult stale = s_->As("registrar", "PATCH", path, R"({"pekerjaan": 72})", {"If-Match: " + etag});
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(s_->As("registrar", "GET", path).json()["pekerjaan"], 65) << "a stale update changes nothing";
  HttpResult statik = s_->As("registrar", "PATCH", path, R"({"tanggal_lahir": "1975-08-18"})", {"If-Match: \"v2\""});
  EXPECT_EQ(statik.status, 422);
  EXPECT_EQ(statik.json()["field"], "tanggal_lahir");
  EXPECT_NE(statik.body.find("correction"), std::string::npos);
  HttpResult nodoc = s_->As("registrar", "POST", path + "/corrections",
                            R"({"tanggal_lahir": "1975-08-18", "reason": "salah ketik"})", {"If-Match: \"v2\""});
  EXPECT_EQ(nodoc.status, 422);
  EXPECT_EQ(nodoc.json()["field"], "document");
  HttpResult fixed = s_->As("registrar", "POST", path + "/corrections",
                            R"({"tanggal_lahir": "1975-08-18", "reason": "salah ketik pada formulir", "document": "F-1.01/2026/123"})",
                            {"If-Match: \"v2\""});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(fixed.json()["tanggal_lahir"], "1975-08-18");
  EXPECT_EQ(fixed.json()["nik"], nik) << "a NIK never changes, even when the birth date is corrected";
  HttpResult history = s_->As("registrar", "GET", path + "/history");
  std::vector<std::string> events;
  for (const auto& e : history.json()["events"]) events.push_back(e["event"]);
  EXPECT_TRUE(Contains(events, "person.updated"));
  EXPECT_TRUE(Contains(events, "person.corrected"));
}

TEST_P(Api, IdempotencyKeyReturnsTheFirstAnswerAndCreatesNothingTwice) {
  const Json body = PersonBody("Yohanes Mangunwijaya", "1969-05-06", 1);
  const std::string key = "Idempotency-Key: retry-" + GetParam() + "-1";
  HttpResult first = s_->As("registrar", "POST", "/api/v1/persons", body.dump(), {key});
  ASSERT_EQ(first.status, 201) << first.body;
  HttpResult second = s_->As("registrar", "POST", "/api/v1/persons", body.dump(), {key});
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.json()["nik"], first.json()["nik"]);
  EXPECT_EQ(second.header("idempotent-replayed"), "true");
  HttpResult search = s_->As("registrar", "GET", "/api/v1/persons?q=Yohanes%20Mangunwijaya");
  EXPECT_EQ(search.json()["items"].size(), 1u) << "a retried POST must not create a second person";
  Json other = body;
  other["nama"] = "Yohanes Lain";
  EXPECT_EQ(s_->As("registrar", "POST", "/api/v1/persons", other.dump(), {key}).status, 409);
}

TEST_P(Api, LoginFailuresSlowDownThenLock) {
  std::string out;
  ASSERT_EQ(s_->Cli("user add lockme --role registrar --scope 32.73", &out, std::string(kPassword) + "\n"), 0) << out;
  auto attempt = [&](const std::string& pw) {
    return s_->Call("POST", "/api/v1/auth/login", Json{{"username", "lockme"}, {"password", pw}}.dump());
  };
  EXPECT_EQ(attempt("salah-1").status, 401);
  EXPECT_EQ(attempt("salah-2").status, 401);
  EXPECT_EQ(attempt("salah-3").status, 401);  // the third failure imposes a delay
  HttpResult slowed = attempt(kPassword);
  EXPECT_EQ(slowed.status, 429) << "even the right password waits out the delay: " << slowed.body;
  EXPECT_FALSE(slowed.header("retry-after").empty());
  // An unknown user gets exactly the answer a wrong password gets.
  HttpResult unknown = s_->Call("POST", "/api/v1/auth/login", Json{{"username", "nobody"}, {"password", "x"}}.dump());
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json()["code"], "invalid_credentials");
}

TEST_P(Api, ParallelGuessesGetNoMoreTriesThanSequentialOnes) {
  std::string out;
  ASSERT_EQ(s_->Cli("user add guessme --role registrar --scope 32.73", &out, std::string(kPassword) + "\n"), 0) << out;
  // Sent at once: the two free failures and the one that earns the first delay are checked, the
  // rest answer 429 (each attempt is counted before its password is checked).
  constexpr int kGuesses = 12;
  std::vector<int> statuses(kGuesses);
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = s_->Call("POST", "/api/v1/auth/login",
                             Json{{"username", "guessme"}, {"password", "tebakan-" + std::to_string(i)}}.dump())
                        .status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 401), 3);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 429), kGuesses - 3);
  // Every answer is audited, the refused ones too.
  HttpResult audit = s_->As("auditor", "GET", "/api/v1/audit?user=guessme&limit=100");
  ASSERT_EQ(audit.status, 200) << audit.body.substr(0, 300);
  EXPECT_EQ(audit.json()["items"].size(), static_cast<size_t>(kGuesses)) << audit.body.substr(0, 600);
}

TEST_P(Api, TwoConnectionsLoggingInAsOneUserAreNeverSlowedDown) {
  std::string out;
  ASSERT_EQ(s_->Cli("user add sharedesk --role registrar --scope 32.73", &out, std::string(kPassword) + "\n"), 0) << out;
  // Each attempt counts until its password is checked; a success clears the count, the other
  // connection's attempt in flight included, so the right password is never answered 429.
  std::vector<std::vector<int>> statuses(2);
  std::vector<std::thread> threads;
  for (int c = 0; c < 2; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < 4; ++i) {
        statuses[c].push_back(
            s_->Call("POST", "/api/v1/auth/login", Json{{"username", "sharedesk"}, {"password", kPassword}}.dump())
                .status);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int c = 0; c < 2; ++c) {
    EXPECT_EQ(std::count(statuses[c].begin(), statuses[c].end(), 200), 4) << "connection " << c;
  }
}

TEST_P(Api, ALoginIsNeverReplayedFromAnIdempotencyKey) {
  // Its answer holds a session token: storing it for replay would keep the token in the database.
  const std::string body = Json{{"username", "admin"}, {"password", kPassword}}.dump();
  HttpResult first = s_->Call("POST", "/api/v1/auth/login", body, {"Idempotency-Key: login-uji-1"});
  HttpResult second = s_->Call("POST", "/api/v1/auth/login", body, {"Idempotency-Key: login-uji-1"});
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_NE(first.json()["token"], second.json()["token"]);
  EXPECT_TRUE(second.header("idempotent-replayed").empty());
}

TEST_P(Api, LogoutRevokesTheTokenAndDisabledUsersAreOut) {
  std::string out;
  ASSERT_EQ(s_->Cli("user add shortlived --role supervisor --scope 32.73", &out, std::string(kPassword) + "\n"), 0);
  const std::string token = s_->Token("shortlived");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(s_->As("shortlived", "GET", "/api/v1/auth/me").status, 200);
  EXPECT_EQ(s_->As("shortlived", "POST", "/api/v1/auth/logout").status, 204);
  EXPECT_EQ(s_->Call("GET", "/api/v1/auth/me", "", {"Authorization: Bearer " + token}).status, 401);
  s_->ForgetToken("shortlived");
  ASSERT_FALSE(s_->Token("shortlived").empty());
  ASSERT_EQ(s_->Cli("user disable shortlived", &out), 0) << out;
  EXPECT_EQ(s_->As("shortlived", "GET", "/api/v1/auth/me").status, 401) << "disabling ends sessions";
  s_->ForgetToken("shortlived");
  HttpResult login = s_->Call("POST", "/api/v1/auth/login", Json{{"username", "shortlived"}, {"password", kPassword}}.dump());
  EXPECT_EQ(login.status, 403);
  EXPECT_EQ(login.json()["code"], "account_disabled");
}

TEST_P(Api, AuditVerifyDetectsAnEditedEntry) {
  Create(PersonBody("Hendra Gunawan", "1979-09-09", 1));
  std::string out;
  ASSERT_EQ(s_->Cli("audit verify", &out), 0) << out;
  EXPECT_NE(out.find("intact"), std::string::npos);
  // Tampering needs the append-only trigger gone first: an operator with database access.
  std::string error;
  const bool pg = GetParam() == "postgresql";
  ASSERT_TRUE(s_->db().ExecRaw(pg ? "ALTER TABLE audit DISABLE TRIGGER audit_append_only" : "DROP TRIGGER audit_no_update", &error)) << error;
  const int64_t target = s_->db().QueryInt("SELECT min(seq) FROM audit WHERE action = 'createPerson'");
  ASSERT_TRUE(s_->db().ExecRaw("UPDATE audit SET actor = 'someone-else' WHERE seq = " + std::to_string(target), &error)) << error;
  EXPECT_EQ(s_->Cli("audit verify", &out), 1) << out;
  EXPECT_NE(out.find("TAMPERED seq " + std::to_string(target)), std::string::npos) << out;
  EXPECT_NE(out.find("edited"), std::string::npos) << out;
  // Put it back so that later tests see an intact log.
  ASSERT_TRUE(s_->db().ExecRaw("UPDATE audit SET actor = 'registrar' WHERE seq = " + std::to_string(target), &error));
  ASSERT_TRUE(s_->db().ExecRaw(pg ? "ALTER TABLE audit ENABLE TRIGGER audit_append_only"
                                  : "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'append-only: audit'); END",
                               &error)) << error;
  EXPECT_EQ(s_->Cli("audit verify", &out), 0) << out;
}

// Fail closed: while the audit log refuses entries (a full disk, a revoked grant), reads are not
// answered and writes change nothing. When it refuses only the reads' entries, the reads fail,
// and a write either fails with them (when it shared their group commit: the batch is rolled
// back) or is stored with its entry, never stored without one. Once it is writable again
// everything is served and audited.
TEST_P(Api, AnUnwritableAuditLogFailsClosed) {
  const std::string nik = Create(PersonBody("Wulan Sari", "1988-03-03", 2));
  const bool pg = GetParam() == "postgresql";
  std::string error;
  auto refuse = [&](const std::string& when) {
    return s_->db().ExecRaw(
        pg ? "CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF " + when +
                 " THEN RAISE EXCEPTION 'no space left'; END IF; RETURN NEW; END $$; CREATE TRIGGER audit_refuse "
                 "BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION audit_refuse()"
           : "CREATE TRIGGER audit_refuse BEFORE INSERT ON audit WHEN " + when +
                 " BEGIN SELECT RAISE(ABORT, 'no space left'); END",
        &error);
  };
  auto accept = [&] {
    return s_->db().ExecRaw(pg ? "DROP TRIGGER IF EXISTS audit_refuse ON audit; DROP FUNCTION IF EXISTS audit_refuse()"
                               : "DROP TRIGGER IF EXISTS audit_refuse",
                            &error);
  };
  // Whatever happens below, later tests on this server get a writable log.
  struct Restore {
    std::function<bool()> fn;
    ~Restore() { fn(); }
  } restore{accept};
  const std::string auth = "Authorization: Bearer " + s_->Token("registrar");
  auto persons = [&] { return s_->db().QueryInt("SELECT count(*) FROM person"); };
  auto entries = [&] { return s_->db().QueryInt("SELECT count(*) FROM audit"); };

  // 1. Every entry refused.
  ASSERT_TRUE(refuse("NEW.action <> ''")) << error;
  const int64_t persons_before = persons(), entries_before = entries();
  HttpResult read = s_->As("registrar", "GET", "/api/v1/persons/" + nik);
  EXPECT_EQ(read.status, 503) << read.body;
  EXPECT_EQ(read.json().value("code", ""), "audit_unavailable") << read.body;
  EXPECT_EQ(read.body.find("Wulan"), std::string::npos) << "the person's data left unaudited: " << read.body;
  HttpResult write = s_->As("registrar", "POST", "/api/v1/persons", PersonBody("Tak Tercatat", "1990-01-01", 1).dump());
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_EQ(write.json().value("code", ""), "audit_unavailable") << write.body;
  EXPECT_EQ(persons(), persons_before) << "a write was stored unaudited";
  EXPECT_EQ(entries(), entries_before);

  // 2. Only the reads' entries refused, reads and writes at once (they share the writer's commits).
  ASSERT_TRUE(accept()) << error;
  ASSERT_TRUE(refuse("NEW.action = 'getPerson'")) << error;
  const int64_t last_seq = s_->db().QueryInt("SELECT max(seq) FROM audit");
  std::vector<HttpResult> results(16);
  std::vector<std::thread> clients;
  for (size_t i = 0; i < results.size(); ++i) {
    clients.emplace_back([&, i] {
      results[i] = i % 2 ? s_->Call("GET", "/api/v1/persons/" + nik, "", {auth})
                         : s_->Call("POST", "/api/v1/persons",
                                    PersonBody("Tercatat " + std::string(1, static_cast<char>('A' + i)), "1990-01-01",
                                               1)
                                        .dump(),
                                    {auth, "Content-Type: application/json"});
    });
  }
  for (auto& t : clients) t.join();
  int64_t created = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    if (i % 2) {
      EXPECT_EQ(results[i].status, 503) << results[i].body;
      EXPECT_EQ(results[i].body.find("Wulan"), std::string::npos) << results[i].body;
    } else {
      EXPECT_TRUE(results[i].status == 201 || results[i].status == 503) << results[i].body;
      if (results[i].status == 503) {
        EXPECT_EQ(results[i].json().value("code", ""), "audit_unavailable");
      }
      created += results[i].status == 201;
    }
  }
  EXPECT_EQ(persons(), persons_before + created);
  EXPECT_EQ(entries(), entries_before + created) << "each stored write has its entry, no read has one";
  EXPECT_EQ(s_->db().QueryInt("SELECT count(*) FROM audit WHERE action = 'createPerson' AND seq > " +
                              std::to_string(last_seq)),
            created);

  // 3. Writable again.
  ASSERT_TRUE(accept()) << error;
  read = s_->As("registrar", "GET", "/api/v1/persons/" + nik);
  EXPECT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json().value("nama", ""), "Wulan Sari");
  EXPECT_EQ(entries(), entries_before + created + 1);
  std::string out;
  EXPECT_EQ(s_->Cli("audit verify", &out), 0) << out;
}

TEST_P(Api, RegionsTreeAndTypeAhead) {
  HttpResult provinces = s_->As("partner", "GET", "/api/v1/regions");
  ASSERT_EQ(provinces.status, 200);
  EXPECT_EQ(provinces.json()["items"].size(), 38u);
  HttpResult districts = s_->As("partner", "GET", "/api/v1/regions?parent=32.73");
  EXPECT_EQ(districts.json()["items"].size(), 30u) << "Kota Bandung has 30 kecamatan";
  HttpResult found = s_->As("registrar", "GET", "/api/v1/regions/search?q=keude%20bakongan");
  ASSERT_EQ(found.status, 200);
  EXPECT_EQ(found.json()["items"][0]["code"], "11.01.01.2001");
  EXPECT_EQ(s_->As("registrar", "GET", "/api/v1/regions/32.73.01").json()["name"], "Sukasari");
}

TEST_P(Api, ServesItsContractAndHealth) {
  EXPECT_EQ(s_->Call("GET", "/healthz").status, 200);
  EXPECT_EQ(s_->Call("GET", "/readyz").status, 200);
  HttpResult doc = s_->Call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.json()["openapi"], "3.1.0");
}

TEST_P(Api, ConcurrentRegistrationsOfOneBirthDateGetDistinctNiks) {
  constexpr int kClients = 8;
  std::vector<std::string> niks(kClients);
  std::vector<long> statuses(kClients);
  const std::string token = s_->Token("registrar");
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      HttpResult r = s_->Call("POST", "/api/v1/persons", PersonBody("Kembar Serentak", "1999-09-09", 1).dump(),
                              {"Authorization: Bearer " + token});
      statuses[static_cast<size_t>(i)] = r.status;
      niks[static_cast<size_t>(i)] = r.json().value("nik", "");
    });
  }
  for (auto& c : clients) c.join();
  std::set<std::string> distinct;
  for (int i = 0; i < kClients; ++i) {
    EXPECT_EQ(statuses[static_cast<size_t>(i)], 201) << "client " << i;
    EXPECT_EQ(niks[static_cast<size_t>(i)].substr(0, 12), "327301090999");
    distinct.insert(niks[static_cast<size_t>(i)]);
  }
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kClients)) << "every registration draws its own serial";
}

INSTANTIATE_TEST_SUITE_P(Backends, Api, ::testing::ValuesIn(AllBackends()),
                         [](const ::testing::TestParamInfo<std::string>& backend) { return backend.param; });

}  // namespace
}  // namespace siak::testing
