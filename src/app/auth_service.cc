#include "app/auth_service.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "common/crypto.h"

namespace siak {

AuthService::AuthService(Store& store, const Clock& clock, AuthOptions options, SessionCache* sessions)
    : store_(store), clock_(clock), options_(options), sessions_(sessions) {
  for (int64_t n = 1; n <= std::max(options_.lock_after_failures, 1); ++n) failure_delays_.push_back(DelayAfterFailure(n));
}

Status AuthService::ValidateUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 32) {
    return Status::Invalid("username", username, "must be 3 to 32 characters");
  }
  for (char c : username) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return Status::Invalid("username", username, "may contain only a-z, 0-9, '.', '_' and '-'");
    }
  }
  return Status::Ok();
}

Status AuthService::ValidatePassword(std::string_view password) {
  if (password.size() < 10) return Status::Invalid("password", "(hidden)", "must be at least 10 characters");
  if (password.size() > 256) return Status::Invalid("password", "(hidden)", "must be at most 256 characters");
  return Status::Ok();
}

namespace {

Status SlowedDown(int64_t locked_until, int64_t now) {
  return Status::ResourceExhausted("username", "too many failed logins; try again after " + IsoFromUnix(locked_until) +
                                                   " (in " + std::to_string(locked_until - now) + " s)");
}

// Unknown user names fail, slow down and lock exactly as real ones do, so that neither the
// answer nor its timing tells whether a name exists. Kept in memory per process, bounded.
struct PhantomAccounts {
  std::mutex mutex;
  std::unordered_map<std::string, std::pair<int, int64_t>> failures;  // name -> (failed, locked_until)
};
PhantomAccounts& Phantoms() {
  static PhantomAccounts phantoms;
  return phantoms;
}

}  // namespace

int64_t AuthService::DelayAfterFailure(int64_t n) const {
  if (n >= options_.lock_after_failures) return options_.lock_seconds;
  if (n > options_.free_failures) return int64_t{1} << std::min<int64_t>(n - options_.free_failures, 6);  // 2, 4, 8 s
  return 0;
}

void AuthService::RecordFailure(int* failed_attempts, int64_t* locked_until, int64_t now) const {
  ++*failed_attempts;
  if (const int64_t delay = DelayAfterFailure(*failed_attempts); delay > 0) *locked_until = now + delay;
}

Result<LoginResult> AuthService::Login(std::string_view username, std::string_view password) {
  SIAK_ASSIGN_OR_RETURN(CheckedLogin checked, CheckPassword(username, password));
  return OpenSession(checked);
}

Result<CheckedLogin> AuthService::CheckPassword(std::string_view username, std::string_view password) {
  const int64_t now = clock_.NowUnix();
  const Status wrong = Status::Invalid("credentials", "", "wrong user name or password");
  auto dummy_check = [&] {  // the work a real user's check costs
    if (dummy_hash_.empty()) {
      auto h = HashPassword("not-a-real-password");
      if (h.ok()) dummy_hash_ = *h;
    }
    (void)VerifyPassword(password, dummy_hash_);
  };
  auto user = store_.GetUser(username);
  if (!user.ok()) {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    PhantomAccounts& phantoms = Phantoms();
    {
      std::lock_guard lock(phantoms.mutex);
      if (phantoms.failures.size() > 100000) phantoms.failures.clear();
      auto& [failed, locked_until] = phantoms.failures[std::string(username)];
      if (locked_until > now) return SlowedDown(locked_until, now);
      RecordFailure(&failed, &locked_until, now);
    }
    dummy_check();
    return wrong;
  }
  UserRecord u = std::move(user).value();
  if (u.locked_until > now) return SlowedDown(u.locked_until, now);
  // The attempt is counted, with the delay it earns, before the password is checked, and only if
  // no attempt in flight has slowed the account down since it was read: parallel guesses cannot
  // all pass the check above and each take a free try while the slow verification runs.
  SIAK_ASSIGN_OR_RETURN(std::optional<int64_t> attempt, store_.CountLoginAttempt(u.username, now, failure_delays_));
  if (!attempt) {
    SIAK_ASSIGN_OR_RETURN(UserRecord again, store_.GetUser(username));  // (kNotFound: removed meanwhile)
    if (again.locked_until > now) return SlowedDown(again.locked_until, now);
    dummy_check();
    return wrong;
  }
  if (!VerifyPassword(password, u.password_hash)) return wrong;
  if (u.disabled) return Status::FailedPrecondition("the account '" + u.username + "' is disabled");
  return CheckedLogin{u.username, u.password_hash, *attempt};
}

Result<LoginResult> AuthService::OpenSession(const CheckedLogin& checked) {
  const int64_t now = clock_.NowUnix();
  // The right password clears the count, with the attempts still in flight. Clearing only its
  // own count would keep those of the user's other logins: a few at once would then slow the
  // account down (measured: 2 connections logging in got 93% answers 429). The same statement
  // makes sure the password was not reset, nor the account disabled, since it was checked: a
  // session opened after the reset ended the others would outlive it.
  SIAK_ASSIGN_OR_RETURN(std::optional<UserRecord> u, store_.ClearLoginAttempts(checked.username, checked.password_hash));
  if (!u) return Status::Invalid("credentials", "", "wrong user name or password");
  auto role = ParseRole(u->role);
  if (!role.ok()) return Status::Internal("stored role of " + u->username + " is unknown");
  LoginResult result{RandomTokenHex(32), now + options_.session_seconds, Principal{u->username, *role, u->scope}};
  SIAK_RETURN_IF_ERROR(store_.InsertSession(SessionRecord{Sha256Hex(result.token), u->username, result.expires_at, now}));
  return result;
}

Result<Principal> AuthService::Authenticate(std::string_view token) {
  if (token.size() != 64) return Status::NotFound("token", "");
  const std::string token_hash = Sha256Hex(token);
  const int64_t now = clock_.NowUnix();
  // Only outside a transaction: inside one (the writer's batch) the store may hold an uncommitted
  // logout or disabling that the cache cannot know of yet, and what the read sees may roll back.
  SessionCache* sessions = store_.InExplicitTransaction() ? nullptr : sessions_;
  if (sessions) {
    if (auto hit = sessions->Find(token_hash)) {
      if (hit->expires_at <= now) return Status::NotFound("token", "");
      return std::move(hit->principal);
    }
  }
  const SessionCache::ReadMark mark = sessions ? sessions->Mark() : SessionCache::ReadMark{};  // before the read
  auto found = store_.GetSessionUser(token_hash);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) return Status::NotFound("token", "");
    return found.status();
  }
  if (found->session.expires_at <= now || found->user.disabled) return Status::NotFound("token", "");
  auto role = ParseRole(found->user.role);
  if (!role.ok()) return Status::Internal("stored role of " + found->user.username + " is unknown");
  Principal principal{found->user.username, *role, found->user.scope};
  if (sessions) sessions->Put(token_hash, SessionCache::Session{principal, found->session.expires_at}, mark);
  return principal;
}

Status AuthService::Logout(std::string_view token) { return store_.DeleteSession(Sha256Hex(token)); }

Status AuthService::AddUser(std::string_view username, std::string_view password, Role role, std::string_view scope) {
  SIAK_RETURN_IF_ERROR(ValidateUsername(username));
  SIAK_RETURN_IF_ERROR(ValidatePassword(password));
  SIAK_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  return store_.InsertUser(UserRecord{std::string(username), hash, std::string(RoleName(role)), std::string(scope),
                                      false, 0, 0, clock_.NowUnix()});
}

Result<std::vector<UserRecord>> AuthService::ListUsers() { return store_.ListUsers(); }

Status AuthService::SetDisabled(std::string_view username, bool disabled) {
  return store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(UserRecord u, store_.GetUser(username));
    u.disabled = disabled;
    SIAK_RETURN_IF_ERROR(store_.UpdateUser(u));
    return disabled ? store_.DeleteSessionsOf(username) : Status::Ok();
  });
}

Status AuthService::ResetPassword(std::string_view username, std::string_view new_password) {
  SIAK_RETURN_IF_ERROR(ValidatePassword(new_password));
  SIAK_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  return store_.Transaction([&]() -> Status {
    SIAK_ASSIGN_OR_RETURN(UserRecord u, store_.GetUser(username));
    u.password_hash = hash;
    u.failed_attempts = 0;
    u.locked_until = 0;
    SIAK_RETURN_IF_ERROR(store_.UpdateUser(u));
    return store_.DeleteSessionsOf(username);  // old sessions end with the old password
  });
}

}  // namespace siak
