#include "app/auth_service.h"

#include <algorithm>

#include "common/crypto.h"

namespace siak {

AuthService::AuthService(Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {}

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

Result<LoginResult> AuthService::Login(std::string_view username, std::string_view password) {
  const int64_t now = clock_.NowUnix();
  auto user = store_.GetUser(username);
  if (!user.ok()) {
    if (user.status().code() != StatusCode::kNotFound) return user.status();
    if (dummy_hash_.empty()) {
      auto h = HashPassword("not-a-real-password");
      if (h.ok()) dummy_hash_ = *h;
    }
    (void)VerifyPassword(password, dummy_hash_);  // same work as for a real user
    return Status::Invalid("credentials", "", "wrong user name or password");
  }
  UserRecord u = std::move(user).value();
  if (u.locked_until > now) {
    return Status::ResourceExhausted("username", "too many failed logins; try again after " +
                                                     IsoFromUnix(u.locked_until) + " (in " +
                                                     std::to_string(u.locked_until - now) + " s)");
  }
  if (!VerifyPassword(password, u.password_hash)) {
    ++u.failed_attempts;
    if (u.failed_attempts >= options_.lock_after_failures) {
      u.locked_until = now + options_.lock_seconds;
    } else if (u.failed_attempts > options_.free_failures) {
      u.locked_until = now + (int64_t{1} << std::min(u.failed_attempts - options_.free_failures, 6));  // 2, 4, 8 s
    }
    SIAK_RETURN_IF_ERROR(store_.UpdateUser(u));
    return Status::Invalid("credentials", "", "wrong user name or password");
  }
  if (u.disabled) return Status::FailedPrecondition("the account '" + u.username + "' is disabled");
  auto role = ParseRole(u.role);
  if (!role.ok()) return Status::Internal("stored role of " + u.username + " is unknown");
  if (u.failed_attempts != 0 || u.locked_until != 0) {
    u.failed_attempts = 0;
    u.locked_until = 0;
    SIAK_RETURN_IF_ERROR(store_.UpdateUser(u));
  }
  LoginResult result{RandomTokenHex(32), now + options_.session_seconds, Principal{u.username, *role, u.scope}};
  SIAK_RETURN_IF_ERROR(store_.InsertSession(SessionRecord{Sha256Hex(result.token), u.username, result.expires_at, now}));
  return result;
}

Result<Principal> AuthService::Authenticate(std::string_view token) {
  if (token.size() != 64) return Status::NotFound("token", "");
  auto found = store_.GetSessionUser(Sha256Hex(token));
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) return Status::NotFound("token", "");
    return found.status();
  }
  if (found->session.expires_at <= clock_.NowUnix() || found->user.disabled) return Status::NotFound("token", "");
  auto role = ParseRole(found->user.role);
  if (!role.ok()) return Status::Internal("stored role of " + found->user.username + " is unknown");
  return Principal{found->user.username, *role, found->user.scope};
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
