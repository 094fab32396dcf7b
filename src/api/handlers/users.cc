// User administration for admins (the API twin of `siak user ...`): list, create, disable and
// enable, reset a password. An admin manages only users whose scope lies inside their own; any
// other user answers 404, as a person outside the scope does. Passwords are hashed on a worker
// (Route::Mode::kWorker); a password the server makes is returned once and never logged.
#include "api/handlers/handlers.h"
#include "api/json_io.h"
#include "api/pipeline.h"
#include "common/crypto.h"
#include "app/clock.h"

namespace siak::api {
namespace {

Json UserJson(const UserRecord& u, int64_t now) {
  return Json{{"username", u.username},
              {"role", u.role},
              {"scope", ScopeLabel(u.scope)},
              {"disabled", u.disabled},
              {"locked", u.locked_until > now},
              {"created_at", IsoFromUnix(u.created_at)}};
}

// The user named in the path, if the caller's scope covers theirs (404 otherwise, as unknown).
Result<UserRecord> ManagedUser(RequestContext& ctx) {
  const std::string name = ctx.req.params.at("username");
  SIAK_ASSIGN_OR_RETURN(UserRecord u, ctx.svc.store.GetUser(name));
  if (!InScope(ctx.principal->scope, u.scope)) return Status::NotFound("username", name);
  return u;
}

// 20 letters and digits from the system's random source (about 119 bits).
std::string NewPassword() {
  static constexpr char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const std::string hex = RandomTokenHex(40);
  std::string out;
  for (size_t i = 0; i + 4 <= hex.size() && out.size() < 20; i += 4) {
    out += kAlphabet[std::stoul(hex.substr(i, 4), nullptr, 16) % (sizeof(kAlphabet) - 1)];
  }
  return out;
}

// The password in the body, or one the server makes (returned to the caller once).
Result<std::pair<std::string, bool>> PasswordOf(const Json& body) {
  SIAK_ASSIGN_OR_RETURN(auto given, StringField(body, "password", false));
  if (given && !given->empty()) {
    SIAK_RETURN_IF_ERROR(AuthService::ValidatePassword(*given));
    return std::pair<std::string, bool>{*given, false};
  }
  return std::pair<std::string, bool>{NewPassword(), true};
}

}  // namespace

HttpResponse ListUsers(RequestContext& ctx) {
  auto users = ctx.svc.auth.ListUsers();
  if (!users.ok()) return ErrorResponse(users.status());
  const int64_t now = ctx.svc.clock.NowUnix();
  Json items = Json::array();
  for (const auto& u : *users) {
    if (InScope(ctx.principal->scope, u.scope)) items.push_back(UserJson(u, now));
  }
  return JsonResponse(200, Json{{"items", items}}.dump());
}

HttpResponse CreateUser(RequestContext& ctx) {
  auto body = ParseJsonBody(ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto username = StringField(*body, "username", true);
  if (!username.ok()) return ErrorResponse(username.status());
  auto role_text = StringField(*body, "role", true);
  if (!role_text.ok()) return ErrorResponse(role_text.status());
  auto role = ParseRole(**role_text);
  if (!role.ok()) return ErrorResponse(role.status());
  auto scope_text = StringField(*body, "scope", true);
  if (!scope_text.ok()) return ErrorResponse(scope_text.status());
  auto scope = ParseScope(**scope_text);
  if (!scope.ok()) return ErrorResponse(scope.status());
  if (!scope->empty() && !ctx.svc.regions.Get(*scope)) {
    return ErrorResponse(Status::Invalid("scope", **scope_text, "must be a region in the region data"));
  }
  if (!InScope(ctx.principal->scope, *scope)) {
    return ErrorResponse(Status::Invalid("scope", **scope_text, "must lie inside your own scope (" +
                                                                     ScopeLabel(ctx.principal->scope) + ")"));
  }
  auto password = PasswordOf(*body);
  if (!password.ok()) return ErrorResponse(password.status());
  if (Status st = ctx.svc.auth.AddUser(**username, password->first, *role, *scope); !st.ok()) return ErrorResponse(st);
  Json out{{"username", **username}, {"role", std::string(RoleName(*role))}, {"scope", ScopeLabel(*scope)},
           {"disabled", false}};
  if (password->second) out["password"] = password->first;
  return JsonResponse(201, out.dump());
}

HttpResponse SetUserDisabled(RequestContext& ctx, bool disabled) {
  auto user = ManagedUser(ctx);
  if (!user.ok()) return ErrorResponse(user.status());
  if (disabled && user->username == ctx.principal->username) {
    return ErrorResponse(Status::Invalid("username", user->username, "you cannot disable your own account"));
  }
  if (Status st = ctx.svc.auth.SetDisabled(user->username, disabled); !st.ok()) return ErrorResponse(st);
  user->disabled = disabled;
  return JsonResponse(200, UserJson(*user, ctx.svc.clock.NowUnix()).dump());
}

HttpResponse DisableUser(RequestContext& ctx) { return SetUserDisabled(ctx, true); }
HttpResponse EnableUser(RequestContext& ctx) { return SetUserDisabled(ctx, false); }

HttpResponse ResetUserPassword(RequestContext& ctx) {
  auto user = ManagedUser(ctx);
  if (!user.ok()) return ErrorResponse(user.status());
  auto body = ParseJsonBody(ctx.req.body.empty() ? std::string("{}") : ctx.req.body);
  if (!body.ok()) return ErrorResponse(body.status());
  auto password = PasswordOf(*body);
  if (!password.ok()) return ErrorResponse(password.status());
  if (Status st = ctx.svc.auth.ResetPassword(user->username, password->first); !st.ok()) return ErrorResponse(st);
  Json out{{"username", user->username}};
  if (password->second) out["password"] = password->first;
  return JsonResponse(200, out.dump());
}

}  // namespace siak::api
