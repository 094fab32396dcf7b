#include "app/auth_service.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/clock.h"
#include "common/crypto.h"
#include "store/store.h"

namespace siak {
namespace {

constexpr int64_t kStart = 1795852800;  // 2026-11-28T08:00:00Z
constexpr char kPassword[] = "rahasia-negara-1";

bool IsLowerHex(const std::string& s) { return s.find_first_not_of("0123456789abcdef") == std::string::npos; }

// Every test runs twice: without a session cache and with one (whose entries never age, so
// only the exact invalidation keeps them right).
class AuthServiceTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_EQ(IsoFromUnix(kStart), "2026-11-28T08:00:00Z");
    std::string tmpl = (std::filesystem::temp_directory_path() / "siak-auth-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto store = OpenStore("sqlite:" + dir_ + "/x.db");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    Status st = store_->Migrate(Store::LatestSchemaVersion());
    ASSERT_TRUE(st.ok()) << st.ToString();
    // Small numbers: two free failures, then 2 s, 4 s; the fifth failure locks for 10 minutes.
    options_.session_seconds = 3600;
    options_.free_failures = 2;
    options_.lock_after_failures = 5;
    options_.lock_seconds = 600;
    if (GetParam()) sessions_ = std::make_unique<SessionCache>(1000, 100, [] { return int64_t{0}; });
    auth_ = std::make_unique<AuthService>(*store_, clock_, options_, sessions_.get());
  }

  void TearDown() override {
    auth_.reset();
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void AddOfficer(const std::string& name = "siti.aminah") {
    Status st = auth_->AddUser(name, kPassword, Role::kRegistrar, "3273");
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  int64_t SessionCount() {
    auto r = store_->Sql("SELECT COUNT(*) FROM session", {});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::stoll(r->rows.at(0).at(0).value_or("-1")) : -1;
  }

  UserRecord User(const std::string& name) {
    auto u = store_->GetUser(name);
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : UserRecord{};
  }

  static void ExpectWrongCredentials(const Result<LoginResult>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_EQ(r.status().field(), "credentials");
  }
  static void ExpectSlowedDown(const Result<LoginResult>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted) << r.status().ToString();
    EXPECT_EQ(r.status().field(), "username");
  }
  static void ExpectBadToken(const Result<Principal>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kNotFound) << r.status().ToString();
    EXPECT_EQ(r.status().field(), "token");
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
  ManualClock clock_{kStart};
  AuthOptions options_;
  std::unique_ptr<SessionCache> sessions_;
  std::unique_ptr<AuthService> auth_;
};

INSTANTIATE_TEST_SUITE_P(Cache, AuthServiceTest, ::testing::Bool(),
                         [](const auto& param_info) { return param_info.param ? "cached" : "uncached"; });

TEST_P(AuthServiceTest, AddUserValidatesUsername) {
  for (std::string_view bad :
       {"", "ab", "Siti", "siti aminah", "siti@dukcapil", "siti/../x", "ßiti", "a123456789012345678901234567890123"}) {
    Status st = auth_->AddUser(bad, kPassword, Role::kRegistrar, "");
    ASSERT_FALSE(st.ok()) << "'" << bad << "' was accepted";
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(st.field(), "username") << bad << ": " << st.ToString();
  }
  for (std::string_view good : {"abc", "siti.aminah", "op_01", "kec-bojong", "a1234567890123456789012345678901"}) {
    Status st = auth_->AddUser(good, kPassword, Role::kAuditor, "");
    EXPECT_TRUE(st.ok()) << good << ": " << st.ToString();
  }
  auto users = auth_->ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 5u);
}

TEST_P(AuthServiceTest, AddUserValidatesPasswordWithoutEchoingIt) {
  for (const std::string& bad :
       {std::string(""), std::string("short"), std::string("123456789"), std::string(257, 'x')}) {
    Status st = auth_->AddUser("siti.aminah", bad, Role::kRegistrar, "");
    ASSERT_FALSE(st.ok()) << "a password of " << bad.size() << " characters was accepted";
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(st.field(), "password");
    if (!bad.empty()) {
      EXPECT_EQ(st.ToString().find(bad), std::string::npos) << st.ToString();
    }
  }
  EXPECT_TRUE(auth_->AddUser("siti.aminah", "1234567890", Role::kRegistrar, "").ok());
  EXPECT_TRUE(auth_->AddUser("budi", std::string(256, 'x'), Role::kRegistrar, "").ok());
}

TEST_P(AuthServiceTest, AddUserStoresAHashAndRefusesDuplicates) {
  AddOfficer();
  const UserRecord u = User("siti.aminah");
  EXPECT_TRUE(u.password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(u.password_hash.find(kPassword), std::string::npos);
  EXPECT_EQ(u.role, "registrar");
  EXPECT_EQ(u.scope, "3273");
  EXPECT_FALSE(u.disabled);
  EXPECT_EQ(u.created_at, kStart);
  Status again = auth_->AddUser("siti.aminah", "another-password", Role::kAdmin, "");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.field(), "username");
}

TEST_P(AuthServiceTest, LoginReturnsA64HexTokenAndAuthenticateWorks) {
  AddOfficer();
  auto login = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_EQ(login->token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(login->token)) << login->token;
  EXPECT_EQ(login->expires_at, kStart + 3600);
  EXPECT_EQ(login->principal.username, "siti.aminah");
  EXPECT_EQ(login->principal.role, Role::kRegistrar);
  EXPECT_EQ(login->principal.scope, "3273");

  auto who = auth_->Authenticate(login->token);
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->username, "siti.aminah");
  EXPECT_EQ(who->role, Role::kRegistrar);
  EXPECT_EQ(who->scope, "3273");

  // Every login is its own session with its own token.
  auto second = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->token, login->token);
  EXPECT_EQ(SessionCount(), 2);
  EXPECT_TRUE(auth_->Authenticate(login->token).ok());
  EXPECT_TRUE(auth_->Authenticate(second->token).ok());
}

TEST_P(AuthServiceTest, TheSessionRowHoldsTheTokenHashNeverTheToken) {
  AddOfficer();
  auto login = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  auto rows = store_->Sql("SELECT token_hash FROM session", {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->rows.size(), 1u);
  ASSERT_TRUE(rows->rows[0][0].has_value());
  EXPECT_EQ(*rows->rows[0][0], Sha256Hex(login->token));
  EXPECT_NE(*rows->rows[0][0], login->token);
  // No column of the session row holds the token.
  auto all = store_->Sql("SELECT * FROM session", {});
  ASSERT_TRUE(all.ok());
  for (const auto& cell : all->rows.at(0)) {
    if (cell) {
      EXPECT_EQ(cell->find(login->token), std::string::npos) << *cell;
    }
  }
}

TEST_P(AuthServiceTest, SessionsExpire) {
  AddOfficer();
  auto login = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  clock_.Advance(options_.session_seconds - 1);
  EXPECT_TRUE(auth_->Authenticate(login->token).ok()) << "still valid one second before expiry";
  clock_.Advance(1);
  ExpectBadToken(auth_->Authenticate(login->token));
  clock_.Advance(86400);
  ExpectBadToken(auth_->Authenticate(login->token));
  // A new login works again.
  auto again = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(auth_->Authenticate(again->token).ok());
}

TEST_P(AuthServiceTest, SessionLengthFollowsTheOptions) {
  AuthOptions options = options_;
  options.session_seconds = 60;
  AuthService short_sessions(*store_, clock_, options);
  ASSERT_TRUE(short_sessions.AddUser("budi", kPassword, Role::kAuditor, "").ok());
  auto login = short_sessions.Login("budi", kPassword);
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->expires_at, kStart + 60);
  clock_.Advance(61);
  ExpectBadToken(short_sessions.Authenticate(login->token));
}

TEST_P(AuthServiceTest, LogoutEndsOnlyThatSession) {
  AddOfficer();
  auto a = auth_->Login("siti.aminah", kPassword);
  auto b = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(auth_->Authenticate(a->token).ok());  // (cached, when there is a cache)
  ASSERT_TRUE(auth_->Logout(a->token).ok());
  ExpectBadToken(auth_->Authenticate(a->token));
  EXPECT_TRUE(auth_->Authenticate(b->token).ok());
  EXPECT_EQ(SessionCount(), 1);
}

TEST_P(AuthServiceTest, GarbageTokensAreNotFound) {
  AddOfficer();
  auto login = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  std::string upper = login->token;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& bad :
       {std::string(""), std::string("abc"), std::string(64, 'z'), std::string(64, '0'), RandomTokenHex(),
        login->token + "0", login->token.substr(1), upper, Sha256Hex(login->token), std::string(100000, 'a')}) {
    ExpectBadToken(auth_->Authenticate(bad));
  }
  EXPECT_TRUE(auth_->Authenticate(login->token).ok());
}

TEST_P(AuthServiceTest, DisablingAUserEndsSessionsAndRefusesLogin) {
  AddOfficer();
  AddOfficer("budi");
  auto login = auth_->Login("siti.aminah", kPassword);
  auto other = auth_->Login("budi", kPassword);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(auth_->Authenticate(login->token).ok());
  ASSERT_TRUE(auth_->SetDisabled("siti.aminah", true).ok());
  EXPECT_TRUE(User("siti.aminah").disabled);
  ExpectBadToken(auth_->Authenticate(login->token));
  EXPECT_EQ(SessionCount(), 1) << "the disabled user's sessions are deleted, the others kept";
  EXPECT_TRUE(auth_->Authenticate(other->token).ok());

  auto refused = auth_->Login("siti.aminah", kPassword);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition) << refused.status().ToString();

  ASSERT_TRUE(auth_->SetDisabled("siti.aminah", false).ok());
  ExpectBadToken(auth_->Authenticate(login->token));  // re-enabling does not revive old sessions
  auto again = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(auth_->Authenticate(again->token).ok());

  Status missing = auth_->SetDisabled("nobody", true);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
}

TEST_P(AuthServiceTest, ADisabledUsersRemainingSessionIsRefused) {
  // Disabled behind the service's back (sessions left in place): Authenticate still refuses.
  AddOfficer();
  auto login = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(auth_->Authenticate(login->token).ok());
  UserRecord u = User("siti.aminah");
  u.disabled = true;
  ASSERT_TRUE(store_->UpdateUser(u).ok());
  EXPECT_EQ(SessionCount(), 1);
  ExpectBadToken(auth_->Authenticate(login->token));
}

TEST_P(AuthServiceTest, UnknownUserGetsTheSameErrorAsAWrongPassword) {
  AddOfficer();
  auto wrong = auth_->Login("siti.aminah", "not-the-password");
  auto unknown = auth_->Login("nobody.here", "not-the-password");
  ExpectWrongCredentials(wrong);
  ExpectWrongCredentials(unknown);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.status().code(), unknown.status().code());
  EXPECT_EQ(wrong.status().field(), unknown.status().field());
  EXPECT_EQ(wrong.status().value(), unknown.status().value());
  EXPECT_EQ(wrong.status().rule(), unknown.status().rule());
  EXPECT_EQ(wrong.status().ToString(), unknown.status().ToString());
  EXPECT_EQ(unknown.status().ToString().find("nobody.here"), std::string::npos);
  EXPECT_EQ(wrong.status().ToString().find("not-the-password"), std::string::npos);
  EXPECT_EQ(SessionCount(), 0);
}

TEST_P(AuthServiceTest, UnknownNamesSlowDownAndLockLikeRealOnes) {
  AddOfficer();
  // Failing the same number of times, a real and an unknown name get the same answers.
  for (int i = 0; i < options_.lock_after_failures + 2; ++i) {
    auto real = auth_->Login("siti.aminah", "wrong-password");
    auto phantom = auth_->Login("no.such.user." + std::to_string(reinterpret_cast<uintptr_t>(this)), "wrong-password");
    ASSERT_FALSE(real.ok());
    ASSERT_FALSE(phantom.ok());
    EXPECT_EQ(real.status().code(), phantom.status().code()) << "attempt " << i;
    EXPECT_EQ(real.status().field(), phantom.status().field()) << "attempt " << i;
    EXPECT_EQ(real.status().rule(), phantom.status().rule()) << "attempt " << i;
  }
}

TEST_P(AuthServiceTest, FailedLoginsSlowDownThenLock) {
  AddOfficer();
  // The free failures carry no delay.
  for (int i = 1; i <= options_.free_failures; ++i) {
    ExpectWrongCredentials(auth_->Login("siti.aminah", "wrong-password"));
    EXPECT_EQ(User("siti.aminah").failed_attempts, i);
    EXPECT_LE(User("siti.aminah").locked_until, clock_.NowUnix()) << "failure " << i << " imposed a delay";
  }
  // The next failure imposes a delay: even the right password is refused until it passes.
  ExpectWrongCredentials(auth_->Login("siti.aminah", "wrong-password"));
  const int64_t delay1 = User("siti.aminah").locked_until - clock_.NowUnix();
  EXPECT_GT(delay1, 0);
  EXPECT_LT(delay1, options_.lock_seconds);
  ExpectSlowedDown(auth_->Login("siti.aminah", kPassword));
  ExpectSlowedDown(auth_->Login("siti.aminah", "wrong-password"));
  EXPECT_EQ(User("siti.aminah").failed_attempts, options_.free_failures + 1)
      << "attempts refused while slowed down do not count";
  clock_.Advance(delay1 - 1);
  ExpectSlowedDown(auth_->Login("siti.aminah", kPassword));
  clock_.Advance(1);
  // The delay has passed; another failure, with a longer delay.
  ExpectWrongCredentials(auth_->Login("siti.aminah", "wrong-password"));
  const int64_t delay2 = User("siti.aminah").locked_until - clock_.NowUnix();
  EXPECT_GT(delay2, delay1);
  ExpectSlowedDown(auth_->Login("siti.aminah", kPassword));
  clock_.Advance(delay2);
  // The fifth failure locks the account for lock_seconds, the right password included.
  ExpectWrongCredentials(auth_->Login("siti.aminah", "wrong-password"));
  EXPECT_EQ(User("siti.aminah").failed_attempts, options_.lock_after_failures);
  EXPECT_EQ(User("siti.aminah").locked_until, clock_.NowUnix() + options_.lock_seconds);
  auto locked = auth_->Login("siti.aminah", kPassword);
  ExpectSlowedDown(locked);
  EXPECT_NE(locked.status().rule().find(IsoFromUnix(clock_.NowUnix() + options_.lock_seconds)), std::string::npos)
      << "the message names the unlock time: " << locked.status().rule();
  clock_.Advance(options_.lock_seconds - 1);
  ExpectSlowedDown(auth_->Login("siti.aminah", kPassword));
  clock_.Advance(1);
  auto unlocked = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(unlocked.ok()) << unlocked.status().ToString();
  EXPECT_EQ(User("siti.aminah").failed_attempts, 0);
  EXPECT_EQ(User("siti.aminah").locked_until, 0);
}

TEST_P(AuthServiceTest, ASuccessResetsTheFailureCounter) {
  AddOfficer();
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < options_.free_failures; ++i) {
      ExpectWrongCredentials(auth_->Login("siti.aminah", "wrong-password"));
    }
    auto ok = auth_->Login("siti.aminah", kPassword);
    ASSERT_TRUE(ok.ok()) << "round " << round << ": " << ok.status().ToString();
    EXPECT_EQ(User("siti.aminah").failed_attempts, 0);
  }
  // Had the counter not been reset, the third round's failures would have locked the account.
  EXPECT_EQ(User("siti.aminah").locked_until, 0);
}

TEST_P(AuthServiceTest, FailedLoginsKeepOtherSessionsCached) {
  AddOfficer();
  auto session = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  ASSERT_TRUE(auth_->Authenticate(session->token).ok());  // (cached, when there is a cache)
  const uint64_t before = Store::AuthGeneration();
  // Someone guessing this account's password: counted, but the cache is not emptied.
  for (int i = 0; i < options_.free_failures; ++i) {
    ExpectWrongCredentials(auth_->Login("siti.aminah", "wrong-password"));
  }
  EXPECT_EQ(User("siti.aminah").failed_attempts, options_.free_failures);
  EXPECT_EQ(Store::AuthGeneration(), before) << "a failed login invalidated every cached session";
  EXPECT_TRUE(auth_->Authenticate(session->token).ok());
  // The success that resets the counter leaves it alone too.
  ASSERT_TRUE(auth_->Login("siti.aminah", kPassword).ok());
  EXPECT_EQ(User("siti.aminah").failed_attempts, 0);
  EXPECT_EQ(Store::AuthGeneration(), before);
  // Disabling still reaches the cached session at once.
  ASSERT_TRUE(auth_->SetDisabled("siti.aminah", true).ok());
  EXPECT_GT(Store::AuthGeneration(), before);
  ExpectBadToken(auth_->Authenticate(session->token));
}

TEST_P(AuthServiceTest, ParallelGuessesGetNoMoreTriesThanSequentialOnes) {
  AddOfficer();
  // Guesses sent at once, each on its own connection (as the server's workers are): all read the
  // account before any password check ends, yet only the free failures and the one that earns
  // the first delay are checked. Counted after the check, every guess was a free try.
  constexpr int kGuesses = 12;
  std::latch start(kGuesses);
  std::atomic<int> wrong{0}, slowed{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kGuesses; ++i) {
    threads.emplace_back([&] {
      auto store = OpenStore("sqlite:" + dir_ + "/x.db");
      if (!store.ok()) {
        ++other;
        start.count_down();
        return;
      }
      AuthService mine(**store, clock_, options_);
      start.arrive_and_wait();
      auto r = mine.Login("siti.aminah", "wrong-password");
      if (!r.ok() && r.status().code() == StatusCode::kInvalidArgument) {
        ++wrong;
      } else if (!r.ok() && r.status().code() == StatusCode::kResourceExhausted) {
        ++slowed;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(wrong.load(), options_.free_failures + 1) << "passwords checked";
  EXPECT_EQ(slowed.load(), kGuesses - options_.free_failures - 1);
  EXPECT_EQ(User("siti.aminah").failed_attempts, options_.free_failures + 1) << "every checked guess is counted";
  EXPECT_GT(User("siti.aminah").locked_until, clock_.NowUnix());
}

TEST_P(AuthServiceTest, OverlappingLoginsWithTheRightPasswordDoNotSlowTheAccountDown) {
  AddOfficer();
  // Each attempt is counted before its password is checked...
  auto a = auth_->CheckPassword("siti.aminah", kPassword);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->attempt, 1);
  auto b = auth_->CheckPassword("siti.aminah", kPassword);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->attempt, 2);
  EXPECT_EQ(User("siti.aminah").failed_attempts, 2) << "counted before the password was checked";
  // ...and a success clears the count of those still in flight too, so the user's next logins
  // (another tab, a colleague at the same desk) are not slowed down by the ones before.
  ASSERT_TRUE(auth_->OpenSession(*a).ok());
  EXPECT_EQ(User("siti.aminah").failed_attempts, 0);
  for (int i = 0; i < options_.free_failures + 1; ++i) {
    auto more = auth_->CheckPassword("siti.aminah", kPassword);
    ASSERT_TRUE(more.ok()) << "login " << i << ": " << more.status().ToString();
  }
  ASSERT_TRUE(auth_->OpenSession(*b).ok());
  EXPECT_EQ(User("siti.aminah").failed_attempts, 0);
  EXPECT_EQ(User("siti.aminah").locked_until, 0);
}

TEST_P(AuthServiceTest, ALoginCheckedBeforeAPasswordResetOpensNoSession) {
  AddOfficer();
  // The password is checked, then reset (which ends the sessions), then the session would open:
  // it must not, or it would outlive the reset.
  auto checked = auth_->CheckPassword("siti.aminah", kPassword);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  ASSERT_TRUE(auth_->ResetPassword("siti.aminah", "kata-sandi-baru-2").ok());
  ExpectWrongCredentials(auth_->OpenSession(*checked));
  EXPECT_EQ(SessionCount(), 0);
  // The same for an account disabled meanwhile.
  auto again = auth_->CheckPassword("siti.aminah", "kata-sandi-baru-2");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_TRUE(auth_->SetDisabled("siti.aminah", true).ok());
  ExpectWrongCredentials(auth_->OpenSession(*again));
  EXPECT_EQ(SessionCount(), 0);
  ASSERT_TRUE(auth_->SetDisabled("siti.aminah", false).ok());
  ASSERT_TRUE(auth_->Login("siti.aminah", "kata-sandi-baru-2").ok());
  EXPECT_EQ(SessionCount(), 1);
}

TEST_P(AuthServiceTest, LockingOneUserLeavesOthersAlone) {
  AddOfficer();
  AddOfficer("budi");
  for (int i = 0; i < options_.lock_after_failures; ++i) {
    (void)auth_->Login("siti.aminah", "wrong-password");
    clock_.Advance(100);
  }
  ExpectSlowedDown(auth_->Login("siti.aminah", kPassword));
  EXPECT_TRUE(auth_->Login("budi", kPassword).ok());
}

TEST_P(AuthServiceTest, ResetPasswordEndsSessionsAndReplacesThePassword) {
  AddOfficer();
  auto login = auth_->Login("siti.aminah", kPassword);
  ASSERT_TRUE(login.ok());
  Status weak = auth_->ResetPassword("siti.aminah", "short");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.field(), "password");
  EXPECT_TRUE(auth_->Authenticate(login->token).ok()) << "a refused reset changes nothing";

  ASSERT_TRUE(auth_->ResetPassword("siti.aminah", "kata-sandi-baru-2").ok());
  ExpectBadToken(auth_->Authenticate(login->token));
  EXPECT_EQ(SessionCount(), 0);
  ExpectWrongCredentials(auth_->Login("siti.aminah", kPassword));
  auto fresh = auth_->Login("siti.aminah", "kata-sandi-baru-2");
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_TRUE(auth_->Authenticate(fresh->token).ok());

  EXPECT_EQ(auth_->ResetPassword("nobody", "kata-sandi-baru-2").code(), StatusCode::kNotFound);
}

TEST_P(AuthServiceTest, ResetPasswordLiftsALock) {
  AddOfficer();
  for (int i = 0; i < options_.lock_after_failures; ++i) {
    (void)auth_->Login("siti.aminah", "wrong-password");
    clock_.Advance(100);
  }
  ExpectSlowedDown(auth_->Login("siti.aminah", kPassword));
  ASSERT_TRUE(auth_->ResetPassword("siti.aminah", "kata-sandi-baru-2").ok());
  EXPECT_TRUE(auth_->Login("siti.aminah", "kata-sandi-baru-2").ok());
}

}  // namespace
}  // namespace siak
