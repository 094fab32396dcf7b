#include "app/session_cache.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "app/auth_service.h"
#include "app/clock.h"
#include "store/store.h"

namespace siak {
namespace {

constexpr int64_t kStart = 1795852800;  // 2026-11-28T08:00:00Z
constexpr char kPassword[] = "rahasia-negara-1";

SessionCache::Session Budi() { return SessionCache::Session{Principal{"budi", Role::kRegistrar, "3273"}, kStart + 60}; }

class SessionCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "siak-sessions-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    for (auto* store : {&writer_, &reader_, &other_process_}) {
      auto opened = OpenStore("sqlite:" + dir_ + "/x.db");
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
      *store = std::move(opened).value();
    }
    ASSERT_TRUE(writer_->Migrate(Store::LatestSchemaVersion()).ok());
  }
  void TearDown() override {
    writer_.reset();
    reader_.reset();
    other_process_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  // Like a server: one connection writes (logout, disabling), another authenticates.
  std::unique_ptr<Store> writer_, reader_, other_process_;
  std::atomic<int64_t> millis_{0};
  SessionCache cache_{1000, 100, [this] { return millis_.load(); }};
  ManualClock clock_{kStart};
};

TEST_F(SessionCacheTest, AnEntryServesUntilItIsMaxAgeOld) {
  cache_.Put("h", Budi(), cache_.Mark());
  auto hit = cache_.Find("h");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->principal.username, "budi");
  EXPECT_EQ(hit->principal.scope, "3273");
  EXPECT_EQ(hit->expires_at, kStart + 60);
  EXPECT_FALSE(cache_.Find("other").has_value());
  millis_ = 999;
  EXPECT_TRUE(cache_.Find("h").has_value());
  millis_ = 1000;
  EXPECT_FALSE(cache_.Find("h").has_value()) << "read 1000 ms ago: read it again";
  // The age counts from the start of the store read, not from when it returned.
  const SessionCache::ReadMark started = cache_.Mark();
  millis_ = 1400;
  cache_.Put("slow", Budi(), started);
  EXPECT_TRUE(cache_.Find("slow").has_value());
  millis_ = 2000;
  EXPECT_FALSE(cache_.Find("slow").has_value());
}

TEST_F(SessionCacheTest, AnEntryReadBeforeACommittedChangeIsStale) {
  // Autocommit: the change counts at once.
  cache_.Put("h", Budi(), cache_.Mark());
  ASSERT_TRUE(writer_->DeleteSession("no-such-token-hash").ok());
  EXPECT_FALSE(cache_.Find("h").has_value());

  // In a transaction: only when it commits; a rollback changes nothing.
  cache_.Put("h", Budi(), cache_.Mark());
  ASSERT_TRUE(writer_->Begin().ok());
  ASSERT_TRUE(writer_->DeleteSessionsOf("budi").ok());
  EXPECT_TRUE(cache_.Find("h").has_value()) << "not committed yet";
  ASSERT_TRUE(writer_->Rollback().ok());
  EXPECT_TRUE(cache_.Find("h").has_value()) << "rolled back";
  ASSERT_TRUE(writer_->Begin().ok());
  ASSERT_TRUE(writer_->DeleteSessionsOf("budi").ok());
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_FALSE(cache_.Find("h").has_value()) << "committed";

  // An entry put with the generation read before a change that committed meanwhile is never used.
  const SessionCache::ReadMark before = cache_.Mark();
  ASSERT_TRUE(writer_->DeleteSession("no-such-token-hash").ok());
  cache_.Put("h", Budi(), before);
  EXPECT_FALSE(cache_.Find("h").has_value());
}

TEST_F(SessionCacheTest, AFullCacheStartsOver) {
  SessionCache small(1000, 3, [] { return int64_t{0}; });
  const SessionCache::ReadMark g = small.Mark();
  for (const char* h : {"a", "b", "c"}) small.Put(h, Budi(), g);
  EXPECT_EQ(small.size(), 3u);
  small.Put("b", Budi(), g);  // a known key does not count
  EXPECT_EQ(small.size(), 3u);
  small.Put("d", Budi(), g);
  EXPECT_EQ(small.size(), 1u);
  EXPECT_TRUE(small.Find("d").has_value());
  EXPECT_FALSE(small.Find("a").has_value());
}

TEST_F(SessionCacheTest, ThroughAuthServiceEveryRevocationOfThisProcessIsSeenAtOnce) {
  AuthService writer(*writer_, clock_, {}, &cache_);
  AuthService reader(*reader_, clock_, {}, &cache_);
  for (const char* name : {"siti.aminah", "budi", "made"}) {
    ASSERT_TRUE(writer.AddUser(name, kPassword, Role::kRegistrar, "3273").ok());
  }
  auto siti = writer.Login("siti.aminah", kPassword);
  auto budi = writer.Login("budi", kPassword);
  auto made = writer.Login("made", kPassword);
  ASSERT_TRUE(siti.ok() && budi.ok() && made.ok());
  for (const auto* login : {&*siti, &*budi, &*made}) ASSERT_TRUE(reader.Authenticate(login->token).ok());
  EXPECT_EQ(cache_.size(), 3u);

  // Served from the cache: the store's session rows are not read again.
  ASSERT_TRUE(other_process_->Sql("UPDATE session SET expires_at = 0", {}).ok());
  EXPECT_TRUE(reader.Authenticate(siti->token).ok());
  ASSERT_TRUE(other_process_->Sql("UPDATE session SET expires_at = ?", {std::to_string(kStart + 3600)}).ok());

  ASSERT_TRUE(writer.Logout(siti->token).ok());
  EXPECT_EQ(reader.Authenticate(siti->token).status().code(), StatusCode::kNotFound) << "logged out";
  EXPECT_TRUE(reader.Authenticate(budi->token).ok());
  ASSERT_TRUE(writer.SetDisabled("budi", true).ok());
  EXPECT_EQ(reader.Authenticate(budi->token).status().code(), StatusCode::kNotFound) << "disabled";
  EXPECT_TRUE(reader.Authenticate(made->token).ok());
  ASSERT_TRUE(writer.ResetPassword("made", "kata-sandi-baru-2").ok());
  EXPECT_EQ(reader.Authenticate(made->token).status().code(), StatusCode::kNotFound) << "new password";
}

TEST_F(SessionCacheTest, InsideATransactionTheStoreIsAskedNotTheCache) {
  // The writer's batch: a logout earlier in the same transaction, not yet committed, already ends
  // the session for the requests after it.
  AuthService writer(*writer_, clock_, {}, &cache_);
  AuthService reader(*reader_, clock_, {}, &cache_);
  ASSERT_TRUE(writer.AddUser("siti.aminah", kPassword, Role::kRegistrar, "3273").ok());
  auto login = writer.Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(reader.Authenticate(login->token).ok());
  ASSERT_EQ(cache_.size(), 1u);
  ASSERT_TRUE(writer_->Begin().ok());
  ASSERT_TRUE(writer.Logout(login->token).ok());
  EXPECT_EQ(writer.Authenticate(login->token).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(reader.Authenticate(login->token).ok()) << "outside the transaction: not committed yet";
  ASSERT_TRUE(writer_->Commit().ok());
  EXPECT_EQ(reader.Authenticate(login->token).status().code(), StatusCode::kNotFound);
}

TEST_F(SessionCacheTest, ThroughAuthServiceAnotherProcesssChangeIsSeenWithinMaxAge) {
  AuthService reader(*reader_, clock_, {}, &cache_);
  ASSERT_TRUE(reader.AddUser("siti.aminah", kPassword, Role::kRegistrar, "3273").ok());
  auto login = reader.Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(reader.Authenticate(login->token).ok());
  // The CLI of another process disables the user with plain SQL: this process is not told.
  ASSERT_TRUE(other_process_->Sql("UPDATE app_user SET disabled = 1 WHERE username = 'siti.aminah'", {}).ok());
  millis_ = 999;
  EXPECT_TRUE(reader.Authenticate(login->token).ok()) << "within max age the cached session still serves";
  millis_ = 1000;
  EXPECT_EQ(reader.Authenticate(login->token).status().code(), StatusCode::kNotFound);
}

TEST_F(SessionCacheTest, ThroughAuthServiceACachedSessionStillExpires) {
  AuthOptions options;
  options.session_seconds = 60;
  AuthService reader(*reader_, clock_, options, &cache_);
  ASSERT_TRUE(reader.AddUser("siti.aminah", kPassword, Role::kRegistrar, "3273").ok());
  auto login = reader.Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(reader.Authenticate(login->token).ok());
  clock_.Advance(59);
  EXPECT_TRUE(reader.Authenticate(login->token).ok());
  clock_.Advance(1);
  EXPECT_EQ(reader.Authenticate(login->token).status().code(), StatusCode::kNotFound);
}

TEST_F(SessionCacheTest, ThroughAuthServiceUnknownTokensAreNotKept) {
  AuthService reader(*reader_, clock_, {}, &cache_);
  for (int i = 0; i < 50; ++i) {
    EXPECT_FALSE(reader.Authenticate(std::string(63, 'a') + static_cast<char>('0' + i % 10)).ok());
  }
  EXPECT_EQ(cache_.size(), 0u);
}

}  // namespace
}  // namespace siak
