#include "app/audit_log.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/store.h"

namespace siak {
namespace {

AuditRecord SampleRecord(int i) {
  AuditRecord r;
  r.at = "2026-11-28T08:00:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "Z";
  r.actor = "petugas" + std::to_string(i);
  r.role = "registrar";
  r.source = "10.0.0." + std::to_string(i);
  r.action = "person.read";
  r.subjects = "3273014512900001";
  r.outcome = "ok";
  r.detail = "entry " + std::to_string(i);
  return r;
}

// A fresh SQLite store in its own temporary folder, removed afterwards.
class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "siak-audit-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    path_ = dir_ + "/x.db";
    auto store = OpenStore("sqlite:" + path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    Status st = store_->Migrate(Store::LatestSchemaVersion());
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::vector<AuditRecord> AppendSome(int n) {
    std::vector<AuditRecord> out;
    for (int i = 1; i <= n; ++i) {
      auto r = AppendAuditEntry(*store_, SampleRecord(i));
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (r.ok()) out.push_back(*r);
    }
    return out;
  }

  // Runs SQL on a second, raw connection to the same file (as a tamperer would).
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message << " in: " << sql;
  }

  AuditVerification Verify() {
    auto v = VerifyAuditChain(*store_);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : AuditVerification{};
  }

  std::string dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST(AuditEntryHashTest, IsSha256HexAndDeterministic) {
  AuditRecord r = SampleRecord(1);
  r.prev_hash = std::string(64, '0');
  const std::string h = AuditEntryHash(r);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos) << h;
  EXPECT_EQ(AuditEntryHash(r), h);
  EXPECT_EQ(AuditEntryHash(AuditRecord(r)), h);
}

TEST(AuditEntryHashTest, ChangesWhenAnyHashedFieldChanges) {
  AuditRecord base = SampleRecord(1);
  base.prev_hash = std::string(64, 'a');
  const std::string h = AuditEntryHash(base);
  std::string AuditRecord::*fields[] = {&AuditRecord::prev_hash, &AuditRecord::at,      &AuditRecord::actor,
                                        &AuditRecord::role,      &AuditRecord::source,  &AuditRecord::action,
                                        &AuditRecord::subjects,  &AuditRecord::outcome, &AuditRecord::detail};
  const char* names[] = {"prev_hash", "at", "actor", "role", "source", "action", "subjects", "outcome", "detail"};
  for (size_t i = 0; i < std::size(fields); ++i) {
    AuditRecord changed = base;
    changed.*fields[i] += "x";
    EXPECT_NE(AuditEntryHash(changed), h) << names[i] << " is not covered by the hash";
    AuditRecord emptied = base;
    (emptied.*fields[i]).clear();
    EXPECT_NE(AuditEntryHash(emptied), h) << names[i] << " emptied is not covered by the hash";
  }
}

TEST(AuditEntryHashTest, IsIndependentOfSeqAndHash) {
  AuditRecord r = SampleRecord(2);
  r.prev_hash = std::string(64, 'b');
  const std::string h = AuditEntryHash(r);
  AuditRecord other = r;
  other.seq = 12345;
  other.hash = "deadbeef";
  EXPECT_EQ(AuditEntryHash(other), h);
}

TEST(AuditEntryHashTest, FieldBoundariesCannotShift) {
  // The same characters split differently between two fields must hash differently.
  AuditRecord a = SampleRecord(1);
  AuditRecord b = a;
  a.actor = "ab";
  a.role = "c";
  b.actor = "a";
  b.role = "bc";
  EXPECT_NE(AuditEntryHash(a), AuditEntryHash(b));
  AuditRecord c = a;
  AuditRecord d = a;
  c.subjects = "1\n2:";
  c.outcome = "";
  d.subjects = "1";
  d.outcome = "2:";
  EXPECT_NE(AuditEntryHash(c), AuditEntryHash(d));
  // Swapping two fields' values changes the hash too.
  AuditRecord e = SampleRecord(1);
  AuditRecord f = e;
  e.action = "person.read";
  e.outcome = "ok";
  f.action = "ok";
  f.outcome = "person.read";
  EXPECT_NE(AuditEntryHash(e), AuditEntryHash(f));
}

TEST_F(AuditLogTest, AppendChainsEntries) {
  auto first = AppendAuditEntry(*store_, SampleRecord(1));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->prev_hash, std::string(64, '0'));
  EXPECT_GT(first->seq, 0);
  EXPECT_EQ(first->hash, AuditEntryHash(*first));
  EXPECT_EQ(first->actor, "petugas1");
  EXPECT_EQ(first->detail, "entry 1");

  auto second = AppendAuditEntry(*store_, SampleRecord(2));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_GT(second->seq, first->seq);
  EXPECT_EQ(second->prev_hash, first->hash);
  EXPECT_EQ(second->hash, AuditEntryHash(*second));
  EXPECT_NE(second->hash, first->hash);

  // A caller cannot choose the link: prev_hash and hash given in the record are replaced.
  AuditRecord forged = SampleRecord(3);
  forged.prev_hash = std::string(64, 'f');
  forged.hash = std::string(64, 'e');
  forged.seq = 999;
  auto third = AppendAuditEntry(*store_, forged);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->prev_hash, second->hash);
  EXPECT_EQ(third->hash, AuditEntryHash(*third));
  EXPECT_NE(third->seq, 999);

  // What was stored is what was returned.
  auto stored = store_->ReadAudit(0, 10);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0].hash, first->hash);
  EXPECT_EQ((*stored)[1].prev_hash, first->hash);
  EXPECT_EQ((*stored)[2].hash, third->hash);
  EXPECT_EQ((*stored)[2].seq, third->seq);
}

TEST_F(AuditLogTest, ConcurrentWritersFormOneChain) {
  // Two connections (as two request workers or two processes would hold) append at once.
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      auto store = OpenStore("sqlite:" + path_);
      if (!store.ok()) {
        ++failures;
        return;
      }
      for (int i = 0; i < 25; ++i) {
        AuditRecord r = SampleRecord(i);
        r.actor = "worker" + std::to_string(w);
        if (!AppendAuditEntry(**store, r).ok()) ++failures;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 50);
  EXPECT_TRUE(v.findings.empty()) << v.findings.front().problem;
}

TEST_F(AuditLogTest, EmptyLogVerifies) {
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 0);
  EXPECT_TRUE(v.findings.empty());
}

TEST_F(AuditLogTest, IntactLogHasNoFindings) {
  const std::vector<AuditRecord> entries = AppendSome(5);
  ASSERT_EQ(entries.size(), 5u);
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 5);
  EXPECT_TRUE(v.findings.empty()) << v.findings.front().problem;
  EXPECT_EQ(v.head_hash, entries.back().hash);
}

TEST_F(AuditLogTest, VerifiesAcrossPages) {
  // More entries than one page of the verifier's reads.
  // One transaction, so the test does not wait for 2,000 fsyncs.
  Status st = store_->Transaction([&]() -> Status {
    for (int i = 0; i < 2105; ++i) {
      auto r = AppendAuditEntry(*store_, SampleRecord(i % 60));
      if (!r.ok()) return r.status();
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto last = AppendAuditEntry(*store_, SampleRecord(7));
  ASSERT_TRUE(last.ok());
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 2106);
  EXPECT_TRUE(v.findings.empty());
  EXPECT_EQ(v.head_hash, last->hash);
}

TEST_F(AuditLogTest, TheSchemaRefusesUpdateAndDelete) {
  AppendSome(2);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit SET detail = 'x' WHERE seq = 1", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 1", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(Verify().findings.empty());
}

TEST_F(AuditLogTest, EditedEntryIsReportedAsEdited) {
  const std::vector<AuditRecord> entries = AppendSome(5);
  ASSERT_EQ(entries.size(), 5u);
  const int64_t target = entries[2].seq;
  Tamper("DROP TRIGGER audit_no_update; UPDATE audit SET outcome = 'denied' WHERE seq = " + std::to_string(target));
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 5);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seq, target);
  EXPECT_NE(v.findings[0].problem.find("edited"), std::string::npos) << v.findings[0].problem;
}

TEST_F(AuditLogTest, EditWithRecomputedHashBreaksTheNextLink) {
  const std::vector<AuditRecord> entries = AppendSome(5);
  ASSERT_EQ(entries.size(), 5u);
  // The tamperer edits entry 3 and recomputes its own hash: entry 3 looks intact, entry 4's
  // link to it does not.
  AuditRecord edited = entries[2];
  edited.detail = "nothing happened here";
  const std::string new_hash = AuditEntryHash(edited);
  Tamper("DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing happened here', hash = '" + new_hash +
         "' WHERE seq = " + std::to_string(entries[2].seq));
  const AuditVerification v = Verify();
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seq, entries[3].seq);
  EXPECT_NE(v.findings[0].problem.find("broken"), std::string::npos) << v.findings[0].problem;
}

TEST_F(AuditLogTest, DeletedMiddleEntryBreaksTheLinkAtTheFollowingSeq) {
  const std::vector<AuditRecord> entries = AppendSome(5);
  ASSERT_EQ(entries.size(), 5u);
  Tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = " + std::to_string(entries[2].seq));
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 4);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seq, entries[3].seq);
  EXPECT_NE(v.findings[0].problem.find("broken"), std::string::npos) << v.findings[0].problem;
  EXPECT_NE(v.findings[0].problem.find("removed"), std::string::npos) << v.findings[0].problem;
  EXPECT_EQ(v.head_hash, entries.back().hash);
}

TEST_F(AuditLogTest, DeletedFirstEntryIsDetected) {
  const std::vector<AuditRecord> entries = AppendSome(3);
  ASSERT_EQ(entries.size(), 3u);
  Tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = " + std::to_string(entries[0].seq));
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 2);
  ASSERT_FALSE(v.findings.empty());
  EXPECT_EQ(v.findings[0].seq, entries[1].seq);
}

TEST_F(AuditLogTest, TruncatedTailChangesTheHeadHash) {
  // Removing the newest entries leaves a consistent chain; only the head hash, anchored
  // elsewhere, shows it.
  const std::vector<AuditRecord> entries = AppendSome(4);
  ASSERT_EQ(entries.size(), 4u);
  const std::string anchored = Verify().head_hash;
  EXPECT_EQ(anchored, entries.back().hash);
  Tamper("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = " + std::to_string(entries.back().seq));
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 3);
  EXPECT_NE(v.head_hash, anchored);
  EXPECT_EQ(v.head_hash, entries[2].hash);
}

TEST_F(AuditLogTest, SwappedEntriesAreDetected) {
  const std::vector<AuditRecord> entries = AppendSome(5);
  ASSERT_EQ(entries.size(), 5u);
  const std::string a = std::to_string(entries[1].seq);
  const std::string b = std::to_string(entries[2].seq);
  // Swap every column but seq between the two rows.
  Tamper(
      "DROP TRIGGER audit_no_update;"
      "CREATE TEMP TABLE saved AS SELECT * FROM audit WHERE seq IN (" +
      a + ", " + b +
      ");"
      "UPDATE audit SET (at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash) = "
      "(SELECT at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash FROM saved WHERE "
      "saved.seq = " +
      b + ") WHERE seq = " + a +
      ";"
      "UPDATE audit SET (at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash) = "
      "(SELECT at, actor, role, source, action, subjects, outcome, detail, prev_hash, hash FROM saved WHERE "
      "saved.seq = " +
      a + ") WHERE seq = " + b + ";");
  auto rows = store_->ReadAudit(0, 10);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 5u);
  ASSERT_EQ((*rows)[1].detail, entries[2].detail) << "the swap did not happen";
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 5);
  ASSERT_FALSE(v.findings.empty());
  bool at_swapped = false;
  for (const AuditFinding& f : v.findings) {
    at_swapped |= f.seq == entries[1].seq || f.seq == entries[2].seq;
    EXPECT_GE(f.seq, entries[1].seq) << f.problem;
    EXPECT_LE(f.seq, entries[3].seq) << f.problem;
  }
  EXPECT_TRUE(at_swapped);
}

TEST_F(AuditLogTest, SwappedContentsWithRecomputedHashesAreDetected) {
  // The two entries' contents (not their links) are exchanged and each hash is recomputed, so
  // every entry is self-consistent: the links still give it away.
  const std::vector<AuditRecord> entries = AppendSome(5);
  ASSERT_EQ(entries.size(), 5u);
  AuditRecord x = entries[1];
  AuditRecord y = entries[2];
  std::swap(x.detail, y.detail);
  std::swap(x.actor, y.actor);
  x.hash = AuditEntryHash(x);
  y.hash = AuditEntryHash(y);
  Tamper(
      "DROP TRIGGER audit_no_update;"
      "UPDATE audit SET detail = '" +
      x.detail + "', actor = '" + x.actor + "', hash = '" + x.hash + "' WHERE seq = " + std::to_string(x.seq) +
      ";"
      "UPDATE audit SET detail = '" +
      y.detail + "', actor = '" + y.actor + "', hash = '" + y.hash + "' WHERE seq = " + std::to_string(y.seq) + ";");
  const AuditVerification v = Verify();
  ASSERT_FALSE(v.findings.empty());
  EXPECT_EQ(v.findings.front().seq, entries[2].seq);
}

TEST_F(AuditLogTest, AppendAfterTamperingStillVerifiesTheDamage) {
  const std::vector<AuditRecord> entries = AppendSome(3);
  ASSERT_EQ(entries.size(), 3u);
  Tamper("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone' WHERE seq = " +
         std::to_string(entries[0].seq));
  auto next = AppendAuditEntry(*store_, SampleRecord(4));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->prev_hash, entries.back().hash);
  const AuditVerification v = Verify();
  EXPECT_EQ(v.entries, 4);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].seq, entries[0].seq);
  EXPECT_EQ(v.head_hash, next->hash);
}

}  // namespace
}  // namespace siak
