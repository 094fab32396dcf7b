// Users, login sessions and bearer tokens.
//
// Passwords are hashed with argon2id (slow on purpose: call Login and the user commands off the
// network thread). Tokens are 256-bit random values; only their SHA-256 is stored. Repeated
// failed logins slow down, then lock the account for a while; an unknown user name costs the
// same hash work as a known one, fails with the same error, and slows down and locks the same
// way (tracked in memory), so names cannot be probed.
#pragma once

#include <string>
#include <vector>

#include "app/clock.h"
#include "app/principal.h"
#include "app/session_cache.h"
#include "common/result.h"
#include "domain/role.h"
#include "store/store.h"

namespace siak {

struct LoginResult {
  std::string token;  // returned once, to the client; never stored
  int64_t expires_at = 0;
  Principal principal;
};

// A login whose password was right (AuthService::CheckPassword), before its session is opened.
struct CheckedLogin {
  std::string username;
  std::string password_hash;  // the hash the password was checked against
  int64_t attempt = 0;        // the attempt's number in the account's failure count
};

struct AuthOptions {
  int64_t session_seconds = 8 * 3600;
  int free_failures = 2;          // failures before a delay is imposed
  int lock_after_failures = 5;    // failures that lock the account
  int64_t lock_seconds = 15 * 60;
};

class AuthService {
 public:
  // `sessions`, when given, is consulted before the store and filled from it (see SessionCache).
  AuthService(Store& store, const Clock& clock, AuthOptions options = {}, SessionCache* sessions = nullptr);

  // kInvalidArgument (field "credentials") for a wrong name or password; kResourceExhausted
  // (field "username") while the account is slowed down or locked, with the unlock time in
  // the message; kFailedPrecondition for a disabled account.
  Result<LoginResult> Login(std::string_view username, std::string_view password);
  // Login in two halves, for a server that keeps the slow one out of its transactions:
  // CheckPassword counts the attempt (in a statement of its own, committed at once) and checks
  // the password, with Login's errors; OpenSession clears the count and stores the session.
  Result<CheckedLogin> CheckPassword(std::string_view username, std::string_view password);
  Result<LoginResult> OpenSession(const CheckedLogin& checked);
  // kNotFound (field "token") for an unknown, expired or revoked token, or a disabled user.
  Result<Principal> Authenticate(std::string_view token);
  Status Logout(std::string_view token);

  Status AddUser(std::string_view username, std::string_view password, Role role, std::string_view scope);
  Result<std::vector<UserRecord>> ListUsers();
  Status SetDisabled(std::string_view username, bool disabled);  // disabling also ends the user's sessions
  Status ResetPassword(std::string_view username, std::string_view new_password);

  // Rules for names and passwords, for both the CLI and the API.
  static Status ValidateUsername(std::string_view username);
  static Status ValidatePassword(std::string_view password);

 private:
  // Seconds an account is slowed down or locked after its n-th failure in a row (0: none).
  int64_t DelayAfterFailure(int64_t n) const;
  // Counts a failed login of an unknown name and sets the delay or lock it earns.
  void RecordFailure(int* failed_attempts, int64_t* locked_until, int64_t now) const;

  Store& store_;
  const Clock& clock_;
  AuthOptions options_;
  SessionCache* sessions_;
  std::vector<int64_t> failure_delays_;  // DelayAfterFailure(1..lock_after_failures)
  std::string dummy_hash_;  // verified against for unknown users (equal timing)
};

}  // namespace siak
